#pragma once

#include <protocol/ErrorCode.h>

#include <QString>

#include <optional>
#include <utility>

// A domain failure the client can act on; maps 1:1 to PROTOCOL.md's error answers.
struct ServiceError
{
    Protocol::ErrorCode code = Protocol::ErrorCode::Internal;
    QString message;
};

// The outcome of a LeagueService change: a value, or the error that left the database untouched.
template <typename T>
class ServiceResult
{
public:
    ServiceResult(T value) : m_value(std::move(value)) { }
    ServiceResult(ServiceError error) : m_error(std::move(error)) { }

    bool isOk() const { return m_value.has_value(); }
    const T &value() const { return *m_value; }
    const ServiceError &error() const { return m_error; }

private:
    std::optional<T> m_value;
    ServiceError m_error;
};

#pragma once

#include <QString>

#include <optional>
#include <utility>

namespace Protocol {

// The outcome of parsing untrusted input: a value, or a message for people saying what was wrong.
// Parsers never fall back to a default; a missing or mistyped field is an error.
template <typename T>
class Parsed
{
public:
    static Parsed ok(T value) { return Parsed(std::move(value), {}); }
    static Parsed fail(QString error) { return Parsed(std::nullopt, std::move(error)); }

    bool isOk() const { return m_value.has_value(); }
    explicit operator bool() const { return isOk(); }
    const T &value() const { return *m_value; }
    T &value() { return *m_value; }
    const T *operator->() const { return &*m_value; }
    const QString &error() const { return m_error; }

private:
    Parsed(std::optional<T> value, QString error) : m_value(std::move(value)), m_error(std::move(error)) { }
    std::optional<T> m_value;
    QString m_error;
};

} // namespace Protocol

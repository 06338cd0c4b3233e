#pragma once

#include <QByteArray>

struct RestResult;

// The Idempotency-Key of one write at a time (PROTOCOL.md "Idempotency-Key"): the same request
// sent again after a lost answer or a server fault carries the key it had, so the server applies
// it once; a different request, a success or a definite refusal (which the server keeps under its
// key) gets a new one.
class IdempotencyKey
{
public:
    // The key to send for `request`, whatever tells one request from another (its body, its
    // target): the one sent last while it is the same request, else a fresh one.
    QByteArray keyFor(const QByteArray &request);
    // After the answer: forgets the key unless the answer leaves the outcome open.
    void settle(const RestResult &result);
    void clear();

private:
    QByteArray m_key;
    QByteArray m_request;
};

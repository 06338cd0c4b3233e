#include "IdempotencyKey.h"

#include "RestClient.h"

#include <QUuid>

QByteArray IdempotencyKey::keyFor(const QByteArray &request)
{
    if (m_key.isEmpty() || m_request != request) {
        m_key = QUuid::createUuid().toString(QUuid::WithoutBraces).toUtf8();
        m_request = request;
    }
    return m_key;
}

void IdempotencyKey::settle(const RestResult &result)
{
    // No answer, a server fault or a rate limit: the request may have been applied, or not, so a
    // new attempt must be recognisable as the same one.
    if (!result.isRetryable())
        clear();
}

void IdempotencyKey::clear()
{
    m_key.clear();
    m_request.clear();
}

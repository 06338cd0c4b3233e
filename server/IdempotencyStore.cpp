#include "IdempotencyStore.h"

#include "Database.h"

#include <protocol/Timestamp.h>

#include <QCryptographicHash>

std::optional<IdempotencyStore::Answer> IdempotencyStore::find(const QString &tokenHash, const QString &path,
                                                               const QString &key) const
{
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT request_hash, status, body FROM idempotency_keys "
                                           "WHERE token_hash = ? AND path = ? AND idem_key = ?"),
                            {tokenHash, path, key});
    if (!q.next())
        return std::nullopt;
    return Answer{q.value(0).toString(), q.value(1).toInt(), q.value(2).toString().toUtf8()};
}

void IdempotencyStore::store(const QString &tokenHash, const QString &path, const QString &key, const Answer &answer,
                             const QDateTime &now) const
{
    if (key.isEmpty() || key.size() > kMaxKeyLength || path.size() > kMaxPathLength)
        return;
    prune(now);
    m_db.exec(QStringLiteral("INSERT INTO idempotency_keys(token_hash, path, idem_key, request_hash, status, body, "
                             "created_at) VALUES(?, ?, ?, ?, ?, ?, ?) "
                             "ON CONFLICT(token_hash, path, idem_key) DO NOTHING"),
              {tokenHash, path, key, answer.requestHash, answer.status, QString::fromUtf8(answer.body),
               Protocol::formatTimestamp(now)});
}

void IdempotencyStore::prune(const QDateTime &now) const
{
    m_db.exec(QStringLiteral("DELETE FROM idempotency_keys WHERE created_at < ?"),
              {Protocol::formatTimestamp(now.addSecs(-qint64(kKeepHours) * 3600))});
}

QString IdempotencyStore::requestHash(const QByteArray &canonicalJson)
{
    return QString::fromLatin1(QCryptographicHash::hash(canonicalJson, QCryptographicHash::Sha256).toHex());
}

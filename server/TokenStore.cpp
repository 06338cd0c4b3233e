#include "TokenStore.h"

#include "Database.h"

#include <protocol/Timestamp.h>

#include <QCryptographicHash>
#include <QDateTime>
#include <QRandomGenerator>

#include <algorithm>
#include <array>

QString TokenStore::hash(const QString &token)
{
    return QString::fromLatin1(QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256).toHex());
}

namespace {
QString nowText()
{
    return Protocol::formatTimestamp(QDateTime::currentDateTimeUtc());
}
} // namespace

QString TokenStore::issue(Principal::Role role, const QString &teamId, const QString &name,
                          const QDateTime &expiresAt) const
{
    std::array<quint32, 8> words{};
    // system() is the OS CSPRNG; tokens must not be predictable.
    QRandomGenerator::system()->fillRange(words.data(), words.size());
    const QByteArray raw(reinterpret_cast<const char *>(words.data()), int(sizeof(words)));
    // The prefix keeps a token from ever starting with '-' (base64url can), which a command line
    // such as `token revoke TOKEN` would take for an option; it also makes tokens recognisable.
    const QString token = QStringLiteral("ld_")
        + QString::fromLatin1(raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    // Times as fixed-width RFC 3339 UTC text, so "expires_at > now" compares correctly as text.
    m_db.exec(QStringLiteral("INSERT INTO tokens(token_hash, role, team_id, name, created_at, expires_at) "
                             "VALUES(?, ?, ?, ?, ?, ?)"),
              {hash(token), role == Principal::Role::Admin ? QStringLiteral("admin") : QStringLiteral("manager"),
               teamId.isEmpty() ? QVariant() : QVariant(teamId), name,
               QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs),
               expiresAt.isValid() ? QVariant(Protocol::formatTimestamp(expiresAt)) : QVariant()});
    return token;
}

std::optional<Principal> TokenStore::lookup(const QString &token) const
{
    if (token.isEmpty() || token.size() > 256)
        return std::nullopt;
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT role, team_id, name, expires_at FROM tokens WHERE token_hash = ? "
                                           "AND (expires_at IS NULL OR expires_at > ?)"),
                            {hash(token), nowText()});
    if (!q.next())
        return std::nullopt;
    Principal p;
    p.role = q.value(0).toString() == QLatin1String("admin") ? Principal::Role::Admin : Principal::Role::Manager;
    p.teamId = q.value(1).toString();
    p.name = q.value(2).toString();
    p.tokenHash = hash(token);
    if (!q.value(3).isNull())
        p.expiresAt = Protocol::parseTimestamp(q.value(3).toString());
    return p;
}

bool TokenStore::isValidHash(const QString &tokenHash) const
{
    return m_db.exec(QStringLiteral("SELECT 1 FROM tokens WHERE token_hash = ? AND (expires_at IS NULL OR expires_at > ?)"),
                     {tokenHash, nowText()})
        .next();
}

bool TokenStore::revoke(const QString &token) const
{
    return revokeHash(hash(token));
}

bool TokenStore::revokeById(const QString &id) const
{
    const bool hex = std::all_of(id.cbegin(), id.cend(), [](QChar c) { return QStringLiteral("0123456789abcdef").contains(c); });
    if (id.size() < 8 || id.size() > 64 || !hex)
        return false;
    QStringList matches;
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT token_hash FROM tokens WHERE token_hash LIKE ?"), {id + QLatin1Char('%')});
    while (q.next())
        matches.append(q.value(0).toString());
    return matches.size() == 1 && revokeHash(matches.first());
}

QList<TokenStore::Listed> TokenStore::list() const
{
    QList<Listed> result;
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT token_hash, role, team_id, name, created_at, expires_at FROM tokens "
                                           "ORDER BY created_at, token_hash"));
    while (q.next())
        result.append({q.value(0).toString().left(kIdLength), q.value(1).toString(), q.value(2).toString(),
                       q.value(3).toString(), q.value(4).toString(), q.value(5).toString()});
    return result;
}

bool TokenStore::revokeHash(const QString &tokenHash) const
{
    Transaction tx(m_db);
    const bool existed = m_db.exec(QStringLiteral("SELECT 1 FROM tokens WHERE token_hash = ?"), {tokenHash}).next();
    m_db.exec(QStringLiteral("DELETE FROM tokens WHERE token_hash = ?"), {tokenHash});
    const qint64 counter = revocationCounter().toLongLong();
    m_db.setMeta(QStringLiteral("token_revocations"), QString::number(counter + 1));
    tx.commit();
    return existed;
}

QString TokenStore::revocationCounter() const
{
    return m_db.meta(QStringLiteral("token_revocations"));
}

QString TokenStore::bearerToken(const QByteArray &authorizationHeader)
{
    const QByteArray value = authorizationHeader.trimmed();
    // The scheme name is case-insensitive (RFC 7235).
    if (value.size() < 7 || qstrnicmp(value.constData(), "bearer ", 7) != 0)
        return {};
    return QString::fromLatin1(value.mid(7).trimmed());
}

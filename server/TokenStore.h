#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

class Database;

// Who a request acts for.
struct Principal
{
    enum class Role { Admin, Manager };
    Role role = Role::Manager;
    QString teamId; // empty for admins
    QString name;
    QString tokenHash; // SHA-256 hex of the bearer token: scopes idempotency keys and rate limits
    QDateTime expiresAt; // invalid: never

    bool isAdmin() const { return role == Role::Admin; }
    // Admins may read and watch every team; a manager only its own.
    bool mayAccessTeam(const QString &id) const { return isAdmin() || teamId == id; }
};

// Bearer tokens: 32 random bytes, base64url without padding. Only their SHA-256 (hex) is stored,
// so the database never holds a usable credential.
class TokenStore
{
public:
    explicit TokenStore(const Database &db) : m_db(db) { }

    // What `token list` shows: never the token, only the first kIdLength hex digits of its hash.
    struct Listed
    {
        QString id;
        QString role;
        QString teamId;
        QString name;
        QString createdAt;
        QString expiresAt; // empty: never
    };
    static constexpr int kIdLength = 12;

    // Creates and stores a new token; returns the token itself (the only time it exists in clear).
    // An invalid `expiresAt` never expires.
    QString issue(Principal::Role role, const QString &teamId, const QString &name,
                  const QDateTime &expiresAt = {}) const;
    // The principal of a known, unexpired token.
    std::optional<Principal> lookup(const QString &token) const;
    // Whether a token (by hash) is still valid; live connections re-check after a revocation.
    bool isValidHash(const QString &tokenHash) const;
    // Deletes the token; true when it existed. Bumps the revocation counter in meta, which the
    // running server polls to close live connections of revoked tokens with 4401.
    bool revoke(const QString &token) const;
    // Revokes the one token whose id (hash prefix, at least 8 hex digits) is `id`; false when
    // none or several match.
    bool revokeById(const QString &id) const;
    QList<Listed> list() const;
    QString revocationCounter() const;

    // "Bearer <token>" header value to token; empty when the header is not a bearer credential.
    static QString bearerToken(const QByteArray &authorizationHeader);

    static QString hash(const QString &token);

private:
    bool revokeHash(const QString &tokenHash) const;

    const Database &m_db;
};

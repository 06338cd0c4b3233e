#pragma once

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

    // Creates and stores a new token; returns the token itself (the only time it exists in clear).
    QString issue(Principal::Role role, const QString &teamId, const QString &name) const;
    std::optional<Principal> lookup(const QString &token) const;

    // "Bearer <token>" header value to token; empty when the header is not a bearer credential.
    static QString bearerToken(const QByteArray &authorizationHeader);

private:
    static QString hash(const QString &token);
    const Database &m_db;
};

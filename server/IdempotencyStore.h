#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <optional>

class Database;

// Answers given to requests with an Idempotency-Key, scoped to the token (by hash) and the path,
// kept at least kKeepHours. Writes throw DbError; a successful answer is stored in the same
// transaction as the change it reports (LeagueService::BeforeCommit).
class IdempotencyStore
{
public:
    static constexpr int kMaxKeyLength = 128;
    // The request path is part of the scope; a longer one is never stored (no route has one).
    static constexpr int kMaxPathLength = 256;
    static constexpr int kKeepHours = 24;

    // Thrown from inside a change's transaction when another server instance stored the same
    // key after our find() (several instances on one PostgreSQL): the change rolls back and the
    // caller answers the stored one instead of doing the change twice.
    struct StoredMeanwhile
    {
    };

    struct Answer
    {
        QString requestHash;
        int status = 0;
        QByteArray body;
    };

    explicit IdempotencyStore(const Database &db) : m_db(db) { }

    std::optional<Answer> find(const QString &tokenHash, const QString &path, const QString &key) const;
    // Stores nothing for a key or path over its limit; prunes old answers first, on every store,
    // so what a client can make the table hold is bounded by what it can store within kKeepHours.
    void store(const QString &tokenHash, const QString &path, const QString &key, const Answer &answer,
               const QDateTime &now) const;
    // Forgets answers older than kKeepHours (cheap with the index).
    void prune(const QDateTime &now) const;

    // The request's identity for "same key, different body": SHA-256 of its canonical JSON.
    static QString requestHash(const QByteArray &canonicalJson);

private:
    const Database &m_db;
};

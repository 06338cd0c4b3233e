#pragma once

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include <stdexcept>

// A failed SQL statement. Service code throws it inside a transaction so that one catch rolls
// the whole request back ("a request that fails changes nothing").
class DbError : public std::runtime_error
{
public:
    explicit DbError(const QString &message) : std::runtime_error(message.toStdString()) { }
};

// The server's single database connection: opened from a `sqlite:PATH` or
// `postgres://user:pass@host:port/db` URL, tuned, migrated. SQL is written to run on both.
class Database
{
public:
    enum class Dialect { Sqlite, Postgres };
    // PostgreSQL advisory locks that coordinate several server instances on one database
    // (docs/SERVER.md, "Several instances"). On SQLite, where one process owns the file, they
    // are no-ops.
    enum class Lock : qint64 {
        Startup = 0x4c440001,   // migrations, the epoch, the demo seed, --tokens-out
        Writes = 0x4c440002,    // every change transaction, held until its commit
        Simulator = 0x4c440003, // the instance that runs --simulate
    };
    enum class Migrations { Apply, Skip };

    Database() = default;
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    // Opens the URL and applies pending migrations; false with errorString() on failure.
    bool open(const QString &url, Migrations migrations = Migrations::Apply);
    QString errorString() const { return m_error; }
    // PostgreSQL's application_name for the connection (pg_stat_activity); set before open().
    void setApplicationName(const QString &name) { m_applicationName = name; }
    Dialect dialect() const { return m_dialect; }
    // SELECT 1 on the connection; false when the database is unreachable.
    bool ping() const;
    // PostgreSQL: closes the connection and opens it again with the same settings (after the
    // server restarted or the network dropped it, libpq never reconnects by itself). Session
    // state is lost with the old connection: advisory locks, settings. False with errorString().
    bool reopen();
    QSqlDatabase connection() const;

    // Prepares and runs a statement with positional `?` bindings; throws DbError.
    QSqlQuery exec(const QString &sql, const QVariantList &bindings = {}) const;

    // Session-level advisory lock: lock() waits, tryLock() does not; both throw DbError.
    void lock(Lock which) const;
    bool tryLock(Lock which) const;
    void unlock(Lock which) const;
    // Held until the current transaction ends.
    void lockForTransaction(Lock which) const;

    QString meta(const QString &key) const;
    void setMeta(const QString &key, const QString &value) const;

private:
    bool migrate();
    bool initSession();
    bool openSqlite(const QString &url, Migrations migrations);
    bool openPostgres(const QString &url, Migrations migrations);

    Dialect m_dialect = Dialect::Sqlite;
    QString m_connectionName;
    QString m_applicationName = QStringLiteral("leaguedesk-server");
    QString m_error;
};

// Holds a session-level advisory lock for its lifetime (waits for it on construction).
class AdvisoryLock
{
public:
    AdvisoryLock(const Database &db, Database::Lock which) : m_db(db), m_which(which) { m_db.lock(m_which); }
    ~AdvisoryLock()
    {
        try {
            m_db.unlock(m_which);
        } catch (const DbError &) {
            // The connection is gone, and with it the lock.
        }
    }
    AdvisoryLock(const AdvisoryLock &) = delete;
    AdvisoryLock &operator=(const AdvisoryLock &) = delete;

private:
    const Database &m_db;
    Database::Lock m_which;
};

// Begins on construction, rolls back on destruction unless commit() succeeded.
class Transaction
{
public:
    explicit Transaction(const Database &db);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;
    void commit(); // throws DbError

private:
    QSqlDatabase m_db;
    bool m_done = false;
};

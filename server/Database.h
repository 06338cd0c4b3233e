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

    Database() = default;
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    // Opens the URL and applies pending migrations; false with errorString() on failure.
    bool open(const QString &url);
    QString errorString() const { return m_error; }
    Dialect dialect() const { return m_dialect; }
    // SELECT 1 on the connection; false when the database is unreachable.
    bool ping() const;
    QSqlDatabase connection() const;

    // Prepares and runs a statement with positional `?` bindings; throws DbError.
    QSqlQuery exec(const QString &sql, const QVariantList &bindings = {}) const;

    QString meta(const QString &key) const;
    void setMeta(const QString &key, const QString &value) const;

private:
    bool migrate();
    bool openSqlite(const QString &url);
    bool openPostgres(const QString &url);

    Dialect m_dialect = Dialect::Sqlite;
    QString m_connectionName;
    QString m_error;
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

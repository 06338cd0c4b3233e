#include "Database.h"

#include "Logging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QDateTime>
#include <QSqlError>
#include <QUrl>
#include <QUrlQuery>

#include <atomic>

namespace {
// Migrations are embedded; the number in the file name is the schema version. PostgreSQL has its
// own variant of each file (BIGINT money, BIGSERIAL ids); the statements are otherwise the same.
const QStringList kSqliteMigrations{QStringLiteral(":/migrations/0001_initial.sql"),
                                    QStringLiteral(":/migrations/0002_tiebreakers_ops.sql"),
                                    QStringLiteral(":/migrations/0003_auction.sql"),
                                    QStringLiteral(":/migrations/0004_token_expiry.sql"),
                                    QStringLiteral(":/migrations/0005_live_channels.sql")};
const QStringList kPostgresMigrations{QStringLiteral(":/migrations/postgres/0001_initial.sql"),
                                      QStringLiteral(":/migrations/postgres/0002_tiebreakers_ops.sql"),
                                      QStringLiteral(":/migrations/postgres/0003_auction.sql"),
                                      QStringLiteral(":/migrations/postgres/0004_token_expiry.sql"),
                                      QStringLiteral(":/migrations/postgres/0005_live_channels.sql")};

QString uniqueConnectionName()
{
    static std::atomic<int> counter{0};
    return QStringLiteral("leaguedesk-%1").arg(counter++);
}
} // namespace

Database::~Database()
{
    if (m_connectionName.isEmpty())
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

QSqlDatabase Database::connection() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

bool Database::ping() const
{
    try {
        return exec(QStringLiteral("SELECT 1")).next();
    } catch (const DbError &) {
        return false;
    }
}

bool Database::open(const QString &url, Migrations migrations)
{
    if (url.startsWith(QLatin1String("postgres://")) || url.startsWith(QLatin1String("postgresql://")))
        return openPostgres(url, migrations);
    if (!url.startsWith(QLatin1String("sqlite:"))) {
        m_error = QStringLiteral("unsupported database URL \"%1\"; use sqlite:PATH or postgres://...").arg(url);
        return false;
    }
    return openSqlite(url, migrations);
}

// postgres://user:password@host:port/dbname[?host=/socket/dir]
bool Database::openPostgres(const QString &url, Migrations migrations)
{
    m_dialect = Dialect::Postgres;
    const QUrl parsed(url);
    if (!parsed.isValid() || parsed.path().size() < 2) {
        m_error = QStringLiteral("postgres URL needs a database name: postgres://user:pass@host:port/db");
        return false;
    }
    m_connectionName = uniqueConnectionName();
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_connectionName);
    if (!db.isValid()) {
        m_error = QStringLiteral("the QPSQL driver is not available (install libqt6sql6-psql)");
        return false;
    }
    const QUrlQuery query(parsed);
    const QString host = query.hasQueryItem(QStringLiteral("host")) ? query.queryItemValue(QStringLiteral("host"))
                                                                     : parsed.host();
    db.setHostName(host.isEmpty() ? QStringLiteral("127.0.0.1") : host);
    db.setPort(parsed.port(5432));
    db.setUserName(parsed.userName(QUrl::FullyDecoded));
    db.setPassword(parsed.password(QUrl::FullyDecoded));
    db.setDatabaseName(parsed.path().mid(1));
    // Names the connection in pg_stat_activity (the fan-out's listening one has its own name).
    static const QRegularExpression plainName(QStringLiteral("^[A-Za-z0-9_-]+$"));
    // connect_timeout: an unreachable host (packets dropped) must not block the event loop for
    // the kernel's TCP timeout when an instance reconnects (reopen()).
    QString options = QStringLiteral("connect_timeout=5");
    if (plainName.match(m_applicationName).hasMatch())
        options += QStringLiteral(";application_name=") + m_applicationName;
    db.setConnectOptions(options);
    if (!db.open()) {
        m_error = QStringLiteral("cannot open %1/%2: %3").arg(host, parsed.path().mid(1), db.lastError().text());
        return false;
    }
    if (!initSession())
        return false;
    qCInfo(lcDb) << "opened postgres database" << parsed.path().mid(1) << "on" << host;
    return migrations == Migrations::Skip || migrate();
}

bool Database::initSession()
{
    try {
        exec(QStringLiteral("SET client_min_messages TO WARNING"));
    } catch (const DbError &e) {
        m_error = QString::fromStdString(e.what());
        return false;
    }
    return true;
}

bool Database::reopen()
{
    if (m_dialect != Dialect::Postgres || m_connectionName.isEmpty())
        return true; // SQLite: a file, nothing to reconnect to
    QSqlDatabase db = connection();
    db.close();
    if (!db.open()) {
        m_error = db.lastError().text();
        return false;
    }
    return initSession();
}

bool Database::openSqlite(const QString &url, Migrations migrations)
{
    m_dialect = Dialect::Sqlite;
    const QString path = url.mid(int(qstrlen("sqlite:")));
    if (path.isEmpty()) {
        m_error = QStringLiteral("sqlite: URL without a path");
        return false;
    }
    QDir().mkpath(QFileInfo(path).absolutePath());

    m_connectionName = uniqueConnectionName();
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    db.setDatabaseName(path);
    // The driver's own busy timeout, in addition to the pragma below.
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!db.open()) {
        m_error = QStringLiteral("cannot open %1: %2").arg(path, db.lastError().text());
        return false;
    }
    try {
        // WAL lets readers (sqlite3 shell, backups) look while the server writes.
        exec(QStringLiteral("PRAGMA journal_mode=WAL"));
        exec(QStringLiteral("PRAGMA foreign_keys=ON"));
        exec(QStringLiteral("PRAGMA busy_timeout=5000"));
        exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
    } catch (const DbError &e) {
        m_error = QString::fromStdString(e.what());
        return false;
    }
    qCInfo(lcDb) << "opened" << path;
    return migrations == Migrations::Skip || migrate();
}

QSqlQuery Database::exec(const QString &sql, const QVariantList &bindings) const
{
    QSqlQuery query(connection());
    query.setForwardOnly(true);
    if (bindings.isEmpty()) {
        // Unprepared: PostgreSQL cannot PREPARE DDL or SET (migrations, session settings).
        if (!query.exec(sql))
            throw DbError(QStringLiteral("exec failed: %1 [%2]").arg(query.lastError().text(), sql));
        return query;
    }
    if (!query.prepare(sql))
        throw DbError(QStringLiteral("prepare failed: %1 [%2]").arg(query.lastError().text(), sql));
    for (const QVariant &value : bindings)
        query.addBindValue(value);
    if (!query.exec())
        throw DbError(QStringLiteral("exec failed: %1 [%2]").arg(query.lastError().text(), sql));
    return query;
}

void Database::lock(Lock which) const
{
    if (m_dialect == Dialect::Postgres)
        exec(QStringLiteral("SELECT pg_advisory_lock(%1)").arg(qint64(which)));
}

bool Database::tryLock(Lock which) const
{
    if (m_dialect != Dialect::Postgres)
        return true;
    QSqlQuery q = exec(QStringLiteral("SELECT pg_try_advisory_lock(%1)").arg(qint64(which)));
    return q.next() && q.value(0).toBool();
}

void Database::unlock(Lock which) const
{
    if (m_dialect == Dialect::Postgres)
        exec(QStringLiteral("SELECT pg_advisory_unlock(%1)").arg(qint64(which)));
}

void Database::lockForTransaction(Lock which) const
{
    if (m_dialect == Dialect::Postgres)
        exec(QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(qint64(which)));
}

QString Database::meta(const QString &key) const
{
    QSqlQuery q = exec(QStringLiteral("SELECT value FROM meta WHERE key = ?"), {key});
    return q.next() ? q.value(0).toString() : QString();
}

void Database::setMeta(const QString &key, const QString &value) const
{
    exec(QStringLiteral("INSERT INTO meta(key, value) VALUES(?, ?) "
                        "ON CONFLICT(key) DO UPDATE SET value = excluded.value"),
         {key, value});
}

bool Database::migrate()
{
    try {
        // Instances started at once on an empty database: one migrates, the others wait here and
        // then find nothing left to do.
        AdvisoryLock startup(*this, Lock::Startup);
        exec(QStringLiteral("CREATE TABLE IF NOT EXISTS schema_migrations ("
                            "version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"));
        int current = 0;
        {
            QSqlQuery q = exec(QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
            if (q.next())
                current = q.value(0).toInt();
        }
        const QStringList &kMigrations = m_dialect == Dialect::Postgres ? kPostgresMigrations : kSqliteMigrations;
        for (int version = current + 1; version <= kMigrations.size(); ++version) {
            QFile file(kMigrations.at(version - 1));
            if (!file.open(QIODevice::ReadOnly)) {
                m_error = QStringLiteral("missing migration %1").arg(file.fileName());
                return false;
            }
            const QString script = QString::fromUtf8(file.readAll());
            Transaction tx(*this);
            // Strip comments, then split on statement-ending semicolons.
            static const QRegularExpression comment(QStringLiteral("--[^\\n]*"));
            static const QRegularExpression separator(QStringLiteral(";\\s*(\\n|$)"));
            QString cleaned = script;
            cleaned.remove(comment);
            const QStringList statements = cleaned.split(separator, Qt::SkipEmptyParts);
            for (const QString &statement : statements) {
                if (!statement.trimmed().isEmpty())
                    exec(statement.trimmed());
            }
            exec(QStringLiteral("INSERT INTO schema_migrations(version, applied_at) VALUES(?, ?)"),
                 {version, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)});
            tx.commit();
            qCInfo(lcDb) << "applied migration" << version;
        }
        if (current > kMigrations.size()) {
            m_error = QStringLiteral("database schema version %1 is newer than this server (%2)")
                          .arg(current)
                          .arg(kMigrations.size());
            return false;
        }
    } catch (const DbError &e) {
        m_error = QString::fromStdString(e.what());
        return false;
    }
    return true;
}

Transaction::Transaction(const Database &db) : m_db(db.connection())
{
    if (!m_db.transaction())
        throw DbError(QStringLiteral("cannot begin transaction: %1").arg(m_db.lastError().text()));
}

Transaction::~Transaction()
{
    if (!m_done)
        m_db.rollback();
}

void Transaction::commit()
{
    if (!m_db.commit())
        throw DbError(QStringLiteral("commit failed: %1").arg(m_db.lastError().text()));
    m_done = true;
}

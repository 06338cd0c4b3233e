#include "OfflineStore.h"

#include "LogCategories.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>
#include <QUuid>

namespace {

constexpr int schemaVersion = 1;

// Runs in the store's thread and owns the SQLite connection there (QtSql connections belong to
// the thread that made them).
class Worker : public QObject
{
    Q_OBJECT

public:
    Worker(QString path, QString account) : m_path(std::move(path)), m_account(std::move(account)) { }

    ~Worker() override
    {
        if (!m_connection.isEmpty()) {
            QSqlDatabase::database(m_connection, false).close();
            QSqlDatabase::removeDatabase(m_connection);
        }
    }

    QList<OfflineStore::Entry> load()
    {
        QList<OfflineStore::Entry> entries;
        if (!open())
            return entries;
        QSqlQuery query(QSqlDatabase::database(m_connection));
        query.prepare(QStringLiteral("SELECT key, json, revision, etag, fetched_at FROM entries WHERE account = ?"));
        query.addBindValue(m_account);
        if (!query.exec()) {
            discard(query.lastError().text());
            return entries;
        }
        while (query.next()) {
            OfflineStore::Entry entry;
            entry.key = query.value(0).toString();
            entry.json = query.value(1).toByteArray();
            entry.revision = query.value(2).toLongLong();
            entry.etag = query.value(3).toByteArray();
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
            // The Qt::TimeSpec overload is deprecated on Qt 6.8; QTimeZone::UTC is the same plain UTC.
            entry.fetchedAt = QDateTime::fromMSecsSinceEpoch(query.value(4).toLongLong(), QTimeZone::UTC);
#else
            entry.fetchedAt = QDateTime::fromMSecsSinceEpoch(query.value(4).toLongLong(), Qt::UTC);
#endif
            entries.append(entry);
        }
        return entries;
    }

    void save(const OfflineStore::Entry &entry)
    {
        if (!open())
            return;
        QSqlQuery query(QSqlDatabase::database(m_connection));
        query.prepare(QStringLiteral("INSERT OR REPLACE INTO entries (account, key, json, revision, etag, fetched_at) "
                                     "VALUES (?, ?, ?, ?, ?, ?)"));
        query.addBindValue(m_account);
        query.addBindValue(entry.key);
        query.addBindValue(entry.json);
        query.addBindValue(entry.revision);
        query.addBindValue(entry.etag);
        query.addBindValue(entry.fetchedAt.toMSecsSinceEpoch());
        if (!query.exec())
            qCWarning(lcSync) << "offline store: could not save" << entry.key << query.lastError().text();
    }

private:
    bool open()
    {
        if (m_open)
            return true;
        if (m_failed)
            return false;
        QDir().mkpath(QFileInfo(m_path).absolutePath());
        for (int attempt = 0; attempt < 2; ++attempt) {
            m_connection = QStringLiteral("offline-store-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
            db.setDatabaseName(m_path);
            if (db.open() && prepareSchema(db)) {
                m_open = true;
                return true;
            }
            const QString why = db.lastError().text();
            db.close();
            db = {};
            QSqlDatabase::removeDatabase(m_connection);
            m_connection.clear();
            // A corrupt or foreign file: start over once with an empty one.
            qCWarning(lcSync) << "offline store: discarding unusable cache file" << m_path << why;
            QFile::remove(m_path);
            QFile::remove(m_path + QLatin1String("-wal"));
            QFile::remove(m_path + QLatin1String("-shm"));
        }
        m_failed = true;
        qCWarning(lcSync) << "offline store: disabled, no usable cache file at" << m_path;
        return false;
    }

    bool prepareSchema(QSqlDatabase &db)
    {
        QSqlQuery query(db);
        if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next())
            return false;
        const int version = query.value(0).toInt();
        if (version == schemaVersion)
            return query.exec(QStringLiteral("SELECT count(*) FROM entries"));
        if (version != 0) {
            qCInfo(lcSync) << "offline store: cache format" << version << "is not" << schemaVersion << ", starting over";
            return false;
        }
        // An empty file, or one with tables of someone else: only accept the empty one.
        if (!query.exec(QStringLiteral("SELECT count(*) FROM sqlite_master")) || !query.next() || query.value(0).toInt() != 0)
            return false;
        return query.exec(QStringLiteral("PRAGMA journal_mode=WAL"))
            && query.exec(QStringLiteral("CREATE TABLE entries (account TEXT NOT NULL, key TEXT NOT NULL, json BLOB NOT NULL, "
                                         "revision INTEGER NOT NULL, etag BLOB, fetched_at INTEGER NOT NULL, "
                                         "PRIMARY KEY (account, key))"))
            && query.exec(QStringLiteral("PRAGMA user_version = %1").arg(schemaVersion));
    }

    void discard(const QString &why)
    {
        qCWarning(lcSync) << "offline store: read failed, discarding the cache:" << why;
        QSqlDatabase::database(m_connection, false).close();
        QSqlDatabase::removeDatabase(m_connection);
        m_connection.clear();
        m_open = false;
        QFile::remove(m_path);
    }

    QString m_path;
    QString m_account;
    QString m_connection;
    bool m_open = false;
    bool m_failed = false;
};

} // namespace

OfflineStore::OfflineStore(const QString &path, const QString &accountKey, QObject *parent)
    : QObject(parent), m_worker(new Worker(path, accountKey))
{
    qRegisterMetaType<OfflineStore::Entry>();
    m_thread.setObjectName(QStringLiteral("OfflineStore"));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start(QThread::LowPriority);
}

OfflineStore::~OfflineStore()
{
    // Quit behind the queued saves, so they all reach the disk; then the worker is deleted there.
    QThread *thread = &m_thread;
    QMetaObject::invokeMethod(m_worker, [thread] { thread->quit(); }, Qt::QueuedConnection);
    m_thread.wait();
}

QString OfflineStore::accountKeyFor(const QString &serverUrl, const QString &token)
{
    return QString::fromLatin1(QCryptographicHash::hash((serverUrl + QLatin1Char('\n') + token).toUtf8(),
                                                        QCryptographicHash::Sha256).toHex());
}

void OfflineStore::load()
{
    auto *worker = static_cast<Worker *>(m_worker);
    QMetaObject::invokeMethod(m_worker, [this, worker] {
        const QList<Entry> entries = worker->load();
        QMetaObject::invokeMethod(this, [this, entries] { Q_EMIT loaded(entries); }, Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

void OfflineStore::save(const Entry &entry)
{
    auto *worker = static_cast<Worker *>(m_worker);
    QMetaObject::invokeMethod(m_worker, [worker, entry] { worker->save(entry); }, Qt::QueuedConnection);
}

void OfflineStore::flush()
{
    QMetaObject::invokeMethod(m_worker, [this] {
        QMetaObject::invokeMethod(this, [this] { Q_EMIT flushed(); }, Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

#include "OfflineStore.moc"

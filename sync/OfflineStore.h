#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QObject>
#include <QString>
#include <QThread>

// The last good answer of every query on disk (SQLite in the app's data dir), so the dashboard
// opens at once with the last known data, marked "as of" when it was fetched, and still shows it
// when the server cannot be reached. All disk work runs on a worker thread; a corrupt or
// old-format file is discarded with a log line. Entries are kept per account (a hash of server
// URL and token), and the token itself is never written.
class OfflineStore : public QObject
{
    Q_OBJECT

public:
    struct Entry
    {
        QString key;        // QueryKey::toString()
        QByteArray json;    // the answer's body
        qint64 revision = -1;
        QByteArray etag;
        QDateTime fetchedAt;
    };

    OfflineStore(const QString &path, const QString &accountKey, QObject *parent = nullptr);
    ~OfflineStore() override;

    static QString accountKeyFor(const QString &serverUrl, const QString &token);

    void load();                     // answers with loaded()
    void save(const Entry &entry);
    // Emits flushed() once every earlier save() is on disk (for tests and shutdown).
    void flush();

Q_SIGNALS:
    void loaded(const QList<OfflineStore::Entry> &entries);
    void flushed();

private:
    QThread m_thread;
    QObject *m_worker; // lives in m_thread, deleted when it finishes
};

Q_DECLARE_METATYPE(OfflineStore::Entry)

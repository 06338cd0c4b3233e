#pragma once

#include "QueryKey.h"

#include <QDateTime>
#include <QJsonObject>
#include <QObject>
#include <QStringList>

// One cached resource: the last good answer, its revision and ETag, and where its fetch stands.
// QueryCache owns and drives it; models and views read it and listen to its signals.
class Query : public QObject
{
    Q_OBJECT

public:
    explicit Query(const QueryKey &key, QObject *parent = nullptr) : QObject(parent), m_key(key) { }

    const QueryKey &key() const { return m_key; }
    bool hasData() const { return m_fetchedAt.isValid(); }
    const QJsonObject &data() const { return m_data; }
    qint64 revision() const { return m_revision; }       // -1 when unknown
    QByteArray etag() const { return m_etag; }
    QDateTime fetchedAt() const { return m_fetchedAt; }   // when the server last confirmed the data
    bool isFetching() const { return m_fetching; }
    bool isStale() const { return m_stale; }
    QString errorCode() const { return m_errorCode; }     // of the last failed fetch, empty after a success
    QString errorMessage() const { return m_errorMessage; }
    int observerCount() const { return m_observers; }

Q_SIGNALS:
    void dataChanged();   // new data was applied (not on 304 or on a dropped older answer)
    void statusChanged(); // fetching, stale, error or fetchedAt changed

private:
    friend class QueryCache;

    QueryKey m_key;
    QJsonObject m_data;
    qint64 m_revision = -1;
    QByteArray m_etag;
    QDateTime m_fetchedAt;
    bool m_fetching = false;
    bool m_stale = true;
    QString m_errorCode;
    QString m_errorMessage;
    int m_observers = 0;

    // Coalescing: the newest revision events announced, the revision the running fetch is sure
    // to include, and whether another fetch must follow it.
    qint64 m_wantedRevision = -1;
    qint64 m_flightCovers = -1;
    bool m_dirty = false;
    bool m_dirtyForced = false; // an invalidation without a revision arrived during the fetch
    int m_retryAttempt = 0;
    bool m_retryScheduled = false;
    bool m_gaveUp = false; // out of retries; tried again when the server answers anything
    bool m_gcScheduled = false;
    // Item-wise lists (the all-tiebreakers list): items events changed, fetched one at a time
    // after the running request, and the item the running request fetches (empty: the list).
    QStringList m_pendingItems;
    QString m_fetchingItem;
};

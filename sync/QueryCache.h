#pragma once

#include "Backoff.h"
#include "Query.h"
#include "QueryKey.h"

#include <QHash>
#include <QObject>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

class ConnectionHealth;
class OfflineStore;
class RestClient;

// Keyed cache of REST resources, TanStack-Query-like but stricter:
// - in-flight de-duplication: however many observers, one request per query at a time;
// - an invalidation during a fetch is never lost: one more fetch follows the running one;
// - a burst of invalidations costs at most two requests, and the first still fetches at once;
// - invalidations whose revision the cache already holds cost nothing;
// - an answer older than the cached revision never replaces it (out-of-order answers);
// - conditional GETs with If-None-Match, a 304 counts as fresh;
// - network errors and 5xx retry with backoff and jitter while observed, 4xx do not;
// - unobserved queries are dropped after `gcTime`.
class QueryCache : public QObject
{
    Q_OBJECT

public:
    explicit QueryCache(RestClient *rest, QObject *parent = nullptr);
    ~QueryCache() override;

    // Observing keeps a query alive; every observe() needs one release().
    Query *observe(const QueryKey &key);
    void release(const QueryKey &key);
    Query *find(const QueryKey &key) const;
    QList<Query *> observedQueries() const;

    // Fetches when observed and not fresh (never fetched, or stale), unless a fetch runs.
    void fetchIfNeeded(const QueryKey &key);
    // The resource changed on the server. `revision` is the revision the change produced, when
    // known. An observed query refetches, an unobserved one is marked stale. `itemId` names the
    // one item of an item-wise list (the all-tiebreakers list) that changed: only that item is
    // fetched and replaced in the list, so the cost of an event does not grow with the list.
    void invalidate(const QueryKey &key, std::optional<qint64> revision = std::nullopt, const QString &itemId = {});
    // The history the revisions belong to is gone (recovered:false): accept any revision next.
    void forgetRevision(const QueryKey &key);

    // Restores the last good data of each query from disk (marked stale, with its old fetch
    // time) and writes every new answer there. Not owned.
    void setOfflineStore(OfflineStore *store);
    // Asked before every fetch; a query it refuses stays stale and is fetched once allowed (how
    // SyncClient keeps protocol 1.1 queries from a server that has not said it speaks 1.1).
    void setFetchGate(std::function<bool(const QueryKey &)> gate) { m_fetchGate = std::move(gate); }

    // Failed fetches wait for this tracker's retry schedule, shared with the live client. Not owned.
    void setHealth(ConnectionHealth *health);

    using Clock = std::function<QDateTime()>;
    void setClock(Clock clock) { m_now = std::move(clock); }
    // How long data counts as fresh without any confirmation; after that, observing it again
    // refetches (conditionally). Live events make it stale sooner.
    void setStaleTime(std::chrono::milliseconds time) { m_staleTime = time; }
    void setGcTime(std::chrono::milliseconds time) { m_gcTime = time; }
    void setMaxRetries(int retries) { m_maxRetries = retries; }
    int requestCount() const { return m_requestCount; }

Q_SIGNALS:
    void observedChanged(const QueryKey &key, bool observed);
    void fetchStarted(const QueryKey &key);

private:
    Query *ensure(const QueryKey &key);
    void fetch(Query *query);
    void onAnswer(const QueryKey &key, const struct RestResult &result);
    void invalidateItem(Query *query, const QString &itemId);
    void fetchItem(Query *query, const QString &itemId);
    void onItemAnswer(const QueryKey &key, const QString &itemId, const struct RestResult &result);
    void fetchNext(Query *query); // after an answer: what events asked for meanwhile
    void markConfirmed(Query *query); // the server answered with data as of now
    void scheduleRetry(Query *query);
    void retryWaiting();
    void retryGivenUp(); // the server answered again: queries that ran out of retries try once more
    void scheduleGc(Query *query);
    void restore(Query *query);

    RestClient *m_rest;
    std::function<bool(const QueryKey &)> m_fetchGate;
    OfflineStore *m_store = nullptr;
    struct Restored
    {
        QJsonObject data;
        qint64 revision;
        QByteArray etag;
        QDateTime fetchedAt;
    };
    QHash<QueryKey, Restored> m_restored; // loaded from disk, not yet claimed by a query
    QHash<QueryKey, Query *> m_queries; // children of this object
    bool isExpired(const Query *query) const;

    Clock m_now = [] { return QDateTime::currentDateTimeUtc(); };
    std::chrono::milliseconds m_staleTime = std::chrono::minutes(5);
    std::chrono::milliseconds m_gcTime = std::chrono::minutes(5);
    ConnectionHealth *m_health;
    int m_maxRetries = 8;
    int m_requestCount = 0;
};

#include "QueryCache.h"

#include "ConnectionHealth.h"
#include "LogCategories.h"
#include "OfflineStore.h"
#include "RestClient.h"

#include <protocol/JsonReader.h>
#include <protocol/Me.h>
#include <protocol/Player.h>
#include <protocol/Round.h>
#include <protocol/Squad.h>
#include <protocol/Tiebreaker.h>
#include <protocol/Wallet.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QTimer>

namespace {

// What an answer must look like before it may replace good data: a server that answers garbage
// leaves the cache as it was.
QString validate(const QueryKey &key, const QJsonObject &object)
{
    switch (key.kind()) {
    case QueryKey::Kind::Me: {
        const auto me = Protocol::parseMe(object);
        return me ? QString() : me.error();
    }
    case QueryKey::Kind::Squad: {
        const auto squad = Protocol::parseSquad(object);
        if (!squad)
            return squad.error();
        if (squad->teamId != key.id())
            return QStringLiteral("squad of team %1 answered for %2").arg(squad->teamId, key.id());
        return {};
    }
    case QueryKey::Kind::Wallet: {
        const auto wallet = Protocol::parseWallet(object);
        if (!wallet)
            return wallet.error();
        if (wallet->teamId != key.id())
            return QStringLiteral("wallet of team %1 answered for %2").arg(wallet->teamId, key.id());
        return {};
    }
    case QueryKey::Kind::Teams: {
        Protocol::JsonReader reader(object, key.toString());
        reader.array(QLatin1String("teams"));
        return reader.error();
    }
    case QueryKey::Kind::ActiveTiebreakers:
    case QueryKey::Kind::AllTiebreakers: {
        const auto list = Protocol::parseTiebreakerList(object);
        return list ? QString() : list.error();
    }
    case QueryKey::Kind::Players: {
        const auto catalogue = Protocol::parseCatalogue(object);
        return catalogue ? QString() : catalogue.error();
    }
    case QueryKey::Kind::Rounds: {
        const auto rounds = Protocol::parseRoundList(object);
        return rounds ? QString() : rounds.error();
    }
    case QueryKey::Kind::RoundBids: {
        const auto bids = Protocol::parseRoundBids(object);
        return bids ? QString() : bids.error();
    }
    case QueryKey::Kind::Tiebreaker: {
        const auto tiebreaker = Protocol::parseTiebreaker(object);
        if (!tiebreaker)
            return tiebreaker.error();
        if (tiebreaker->tiebreakerId != key.id())
            return QStringLiteral("tiebreaker %1 answered for %2").arg(tiebreaker->tiebreakerId, key.id());
        if (!tiebreaker->bids)
            return QStringLiteral("%1: missing field \"bids\"").arg(key.toString());
        return {};
    }
    }
    return {};
}

} // namespace

QueryCache::QueryCache(RestClient *rest, QObject *parent)
    : QObject(parent), m_rest(rest), m_health(new ConnectionHealth(this))
{
    setHealth(m_health);
}

void QueryCache::setHealth(ConnectionHealth *health)
{
    m_health->disconnect(this);
    m_health = health;
    connect(m_health, &ConnectionHealth::retryDue, this, &QueryCache::retryWaiting);
    connect(m_health, &ConnectionHealth::recovered, this, &QueryCache::retryWaiting);
    connect(m_health, &ConnectionHealth::recovered, this, &QueryCache::retryGivenUp);
}

void QueryCache::retryGivenUp()
{
    for (Query *query : std::as_const(m_queries)) {
        if (!query->m_gaveUp || query->m_observers == 0 || query->m_fetching || query->m_retryScheduled)
            continue;
        query->m_gaveUp = false;
        query->m_retryAttempt = 0;
        fetch(query);
    }
}

void QueryCache::retryWaiting()
{
    for (Query *query : std::as_const(m_queries)) {
        if (!query->m_retryScheduled)
            continue;
        query->m_retryScheduled = false;
        if (query->m_observers > 0 && !query->m_fetching)
            fetch(query);
    }
}

QueryCache::~QueryCache() = default;


Query *QueryCache::ensure(const QueryKey &key)
{
    Query *&query = m_queries[key];
    if (!query) {
        query = new Query(key, this); // owned by the cache through parenthood
        restore(query);
    }
    return query;
}

void QueryCache::setOfflineStore(OfflineStore *store)
{
    m_store = store;
    connect(store, &OfflineStore::loaded, this, [this](const QList<OfflineStore::Entry> &entries) {
        for (const OfflineStore::Entry &entry : entries) {
            const auto key = QueryKey::parse(entry.key);
            const QJsonObject object = QJsonDocument::fromJson(entry.json).object();
            if (!key || !entry.fetchedAt.isValid() || !validate(*key, object).isEmpty()) {
                qCInfo(lcSync) << "offline store: ignoring an unusable entry" << entry.key;
                continue;
            }
            m_restored.insert(*key, {object, entry.revision, entry.etag, entry.fetchedAt});
            if (Query *query = find(*key))
                restore(query);
        }
    });
}

void QueryCache::restore(Query *query)
{
    const auto it = m_restored.constFind(query->key());
    if (it == m_restored.constEnd())
        return;
    const Restored restored = *it;
    m_restored.erase(it);
    if (query->hasData())
        return; // the server answered first
    query->m_data = restored.data;
    query->m_revision = restored.revision;
    query->m_etag = restored.etag;
    query->m_fetchedAt = restored.fetchedAt;
    query->m_stale = true; // shown "as of" its fetch time until the server confirms it
    Q_EMIT query->dataChanged();
    Q_EMIT query->statusChanged();
}

Query *QueryCache::find(const QueryKey &key) const
{
    return m_queries.value(key);
}

QList<Query *> QueryCache::observedQueries() const
{
    QList<Query *> result;
    for (Query *query : m_queries) {
        if (query->m_observers > 0)
            result.append(query);
    }
    return result;
}

Query *QueryCache::observe(const QueryKey &key)
{
    Query *query = ensure(key);
    if (++query->m_observers == 1) {
        query->m_gcScheduled = false;
        Q_EMIT observedChanged(key, true);
    }
    return query;
}

void QueryCache::release(const QueryKey &key)
{
    Query *query = find(key);
    if (!query || query->m_observers == 0)
        return;
    if (--query->m_observers == 0) {
        Q_EMIT observedChanged(key, false);
        scheduleGc(query);
    }
}

void QueryCache::scheduleGc(Query *query)
{
    query->m_gcScheduled = true;
    const QueryKey key = query->key();
    QTimer::singleShot(m_gcTime, this, [this, key] {
        Query *query = find(key);
        // Re-observed meanwhile, or still fetching (the answer must find its query): keep it.
        if (!query || !query->m_gcScheduled || query->m_observers > 0 || query->m_fetching)
            return;
        qCDebug(lcSync) << "dropping unobserved query" << key.toString();
        m_queries.remove(key);
        delete query;
    });
}

void QueryCache::fetchIfNeeded(const QueryKey &key)
{
    Query *query = find(key);
    if (!query || query->m_observers == 0 || query->m_fetching || query->m_retryScheduled)
        return;
    if (query->hasData() && !query->m_stale && !isExpired(query))
        return;
    fetch(query);
}

void QueryCache::forgetRevision(const QueryKey &key)
{
    if (Query *query = find(key))
        query->m_revision = query->m_wantedRevision = query->m_flightCovers = -1;
}

bool QueryCache::isExpired(const Query *query) const
{
    return query->m_fetchedAt.msecsTo(m_now()) > m_staleTime.count();
}

void QueryCache::invalidate(const QueryKey &key, std::optional<qint64> revision, const QString &itemId)
{
    Query *query = find(key);
    if (!query)
        return; // nothing cached, nothing to refresh
    if (!itemId.isEmpty() && key.kind() == QueryKey::Kind::AllTiebreakers && query->hasData() && query->m_observers > 0) {
        invalidateItem(query, itemId);
        return;
    }
    if (revision) {
        if (query->m_revision >= *revision) {
            qCDebug(lcSync) << "skip invalidation of" << key.toString() << "at revision" << *revision << "(have"
                            << query->m_revision << ")";
            return;
        }
        query->m_wantedRevision = std::max(query->m_wantedRevision, *revision);
    }
    if (query->m_fetching) {
        // The running fetch started after every event up to m_flightCovers was published, and
        // events follow their commit, so it already includes those. Anything newer needs one more.
        if (!revision) {
            query->m_dirty = query->m_dirtyForced = true;
        } else if (*revision > query->m_flightCovers) {
            query->m_dirty = true;
        }
        return;
    }
    if (!query->m_stale) {
        query->m_stale = true;
        Q_EMIT query->statusChanged();
    }
    if (query->m_observers > 0 && !query->m_retryScheduled)
        fetch(query);
}

void QueryCache::fetch(Query *query)
{
    if (m_fetchGate && !m_fetchGate(query->key())) {
        query->m_stale = true;
        return;
    }
    // The whole list is fetched after every change announced so far: no item needs its own fetch.
    query->m_pendingItems.clear();
    query->m_fetchingItem.clear();
    query->m_fetching = true;
    query->m_flightCovers = query->m_wantedRevision;
    query->m_dirty = query->m_dirtyForced = false;
    ++m_requestCount;
    Q_EMIT query->statusChanged();
    Q_EMIT fetchStarted(query->key());
    const QueryKey key = query->key();
    // Only send the ETag when the data it names is still held.
    const QByteArray etag = query->hasData() ? query->m_etag : QByteArray();
    m_rest->get(key.path(), etag, this, [this, key](const RestResult &result) { onAnswer(key, result); });
}

void QueryCache::onAnswer(const QueryKey &key, const RestResult &result)
{
    Query *query = find(key);
    if (!query)
        return;
    query->m_fetching = false;
    if (query->m_observers == 0 && query->m_gcScheduled)
        scheduleGc(query); // its GC time passed while it was fetching
    bool applied = false;
    bool failed = false;

    if (result.isSuccess()) {
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(result.body, &parseError);
        QString problem;
        if (parseError.error != QJsonParseError::NoError || !document.isObject())
            problem = QStringLiteral("the server's answer is not a JSON object");
        else
            problem = validate(key, document.object());
        if (!problem.isEmpty()) {
            qCWarning(lcSync) << "rejecting answer for" << key.toString() << ":" << problem;
            query->m_errorCode = QStringLiteral("bad_response");
            query->m_errorMessage = problem;
            failed = true;
        } else {
            const QJsonObject object = document.object();
            const qint64 revision = key.hasRevision() ? object.value(QLatin1String("revision")).toInteger(-1) : -1;
            if (key.hasRevision() && revision < query->m_revision) {
                // Not a confirmation either: the server's numbering went back (a restored
                // database); the channel's recovered:false resets the guard (forgetRevision).
                qCWarning(lcSync) << "dropping older answer for" << key.toString() << revision << "<" << query->m_revision;
                query->m_stale = true;
            } else {
                query->m_data = object;
                query->m_revision = revision;
                query->m_etag = result.etag;
                applied = true;
                markConfirmed(query);
                // The time the query shows, not a second clock read: restored data must say
                // exactly when it was fetched.
                if (m_store)
                    m_store->save({key.toString(), result.body, revision, result.etag, query->m_fetchedAt});
            }
        }
    } else if (result.isNotModified() && query->hasData()) {
        markConfirmed(query); // a 304: the data we hold is the server's current data
    } else {
        query->m_errorCode = result.errorCode.isEmpty() ? (result.status == 0 ? QStringLiteral("network")
                                                                               : QStringLiteral("http_%1").arg(result.status))
                                                        : result.errorCode;
        query->m_errorMessage = result.errorMessage;
        failed = true;
        qCInfo(lcSync) << "fetch of" << key.toString() << "failed:" << result.status << query->m_errorCode;
    }

    if (applied)
        Q_EMIT query->dataChanged();
    Q_EMIT query->statusChanged();

    if (failed) {
        // The fetch was wanted because the data may be out of date; it still may be. Stale, so
        // the next occasion (a resubscription, observing it again) fetches it.
        if (!query->m_stale) {
            query->m_stale = true;
            Q_EMIT query->statusChanged();
        }
        const bool retryable = result.isRetryable() || query->m_errorCode == QLatin1String("bad_response");
        if (retryable && query->m_observers > 0)
            scheduleRetry(query);
        return;
    }
    if (query->m_dirty) {
        const bool needed = query->m_dirtyForced || query->m_wantedRevision > query->m_revision;
        query->m_dirty = query->m_dirtyForced = false;
        if (needed && query->m_observers > 0) {
            fetch(query);
        } else if (needed) {
            query->m_stale = true;
            Q_EMIT query->statusChanged();
        }
    }
    if (!query->m_fetching)
        fetchNext(query);
}

void QueryCache::invalidateItem(Query *query, const QString &itemId)
{
    if (query->m_fetching) {
        // The running request may predate the change: fetch the item after it.
        if (!query->m_pendingItems.contains(itemId))
            query->m_pendingItems.append(itemId);
        return;
    }
    if (query->m_retryScheduled)
        return; // the retry fetches the whole list, which includes the change
    fetchItem(query, itemId);
}

void QueryCache::fetchItem(Query *query, const QString &itemId)
{
    query->m_fetching = true;
    query->m_fetchingItem = itemId;
    ++m_requestCount;
    Q_EMIT query->statusChanged();
    Q_EMIT fetchStarted(query->key());
    const QueryKey key = query->key();
    m_rest->get(QueryKey::tiebreaker(itemId).path(), {}, this,
                [this, key, itemId](const RestResult &result) { onItemAnswer(key, itemId, result); });
}

void QueryCache::onItemAnswer(const QueryKey &key, const QString &itemId, const RestResult &result)
{
    Query *query = find(key);
    if (!query)
        return;
    query->m_fetching = false;
    query->m_fetchingItem.clear();
    if (query->m_observers == 0 && query->m_gcScheduled)
        scheduleGc(query);
    QJsonObject item;
    if (result.isSuccess()) {
        item = QJsonDocument::fromJson(result.body).object();
        if (!validate(QueryKey::tiebreaker(itemId), item).isEmpty()
            || item.value(QLatin1String("tiebreaker_id")).toString() != itemId)
            item = {};
    }
    if (item.isEmpty()) {
        // Not patchable (out of this token's view now, a failure, a bad answer): the whole list
        // settles it, and a failure there takes the usual retry schedule.
        qCInfo(lcSync) << "fetch of tiebreaker" << itemId << "for" << key.toString() << "failed:" << result.status
                       << "- fetching the whole list";
        query->m_dirty = query->m_dirtyForced = true;
        fetchNext(query);
        return;
    }
    item.remove(QLatin1String("bids")); // list items carry no bids
    QJsonArray list = query->m_data.value(QLatin1String("tiebreakers")).toArray();
    qsizetype at = 0;
    while (at < list.size() && list.at(at).toObject().value(QLatin1String("tiebreaker_id")).toString() != itemId)
        ++at;
    const bool changed = at == list.size() || list.at(at).toObject() != item;
    if (at == list.size())
        list.append(item);
    else
        list.replace(at, item);
    if (changed) {
        query->m_data.insert(QLatin1String("tiebreakers"), list);
        query->m_etag.clear(); // the ETag names the list as fetched, not as patched
        if (m_store)
            m_store->save({key.toString(), QJsonDocument(query->m_data).toJson(QJsonDocument::Compact), -1, {},
                           query->m_fetchedAt});
        Q_EMIT query->dataChanged();
    }
    m_health->reportSuccess();
    Q_EMIT query->statusChanged();
    fetchNext(query);
}

void QueryCache::fetchNext(Query *query)
{
    // A burst of item changes costs no more than one fetch of the whole list.
    constexpr qsizetype maxItemFetches = 8;
    if (!query->m_dirty && query->m_pendingItems.isEmpty())
        return;
    if (query->m_observers == 0) {
        query->m_dirty = query->m_dirtyForced = false;
        query->m_pendingItems.clear();
        query->m_stale = true;
        Q_EMIT query->statusChanged();
        return;
    }
    if (query->m_dirty || query->m_pendingItems.size() > maxItemFetches) {
        query->m_dirty = query->m_dirtyForced = false;
        fetch(query);
        return;
    }
    fetchItem(query, query->m_pendingItems.takeFirst());
}

void QueryCache::markConfirmed(Query *query)
{
    query->m_fetchedAt = m_now();
    query->m_stale = false;
    query->m_errorCode.clear();
    query->m_errorMessage.clear();
    query->m_retryAttempt = 0;
    query->m_gaveUp = false;
    m_health->reportSuccess();
}

void QueryCache::scheduleRetry(Query *query)
{
    if (query->m_retryAttempt >= m_maxRetries) {
        qCWarning(lcSync) << "giving up on" << query->key().toString() << "after" << query->m_retryAttempt
                          << "tries until the server answers again";
        query->m_gaveUp = true;
        return;
    }
    ++query->m_retryAttempt;
    query->m_retryScheduled = true;
    // One schedule for the whole client: the retry runs when the health tracker says so.
    m_health->reportFailure();
}

#include "SyncClient.h"

#include "ConnectionHealth.h"
#include "EventRouter.h"
#include "LogCategories.h"
#include "OfflineStore.h"
#include "Query.h"
#include "QueryCache.h"
#include "RestClient.h"

#include <protocol/Channel.h>

SyncClient::SyncClient(const QUrl &serverUrl, const QString &token, QObject *parent)
    : QObject(parent),
      m_serverUrl(serverUrl),
      m_health(new ConnectionHealth(this)),
      m_rest(new RestClient(serverUrl, token, this)),
      m_cache(new QueryCache(m_rest, this)),
      m_live(new LiveClient(serverUrl, token, this)),
      m_token(token)
{
    m_cache->setHealth(m_health);
    // Every path to a fetch (observation, invalidation, polling, retries) passes this one check.
    m_cache->setFetchGate([this](const QueryKey &key) { return mayFetch(key); });
    m_live->setHealth(m_health);
    m_health->watchNetwork();
    connect(m_cache, &QueryCache::observedChanged, this, &SyncClient::onObservedChanged);
    connect(m_live, &LiveClient::channelSubscribed, this, &SyncClient::onChannelSubscribed);
    connect(m_live, &LiveClient::eventReceived, this, &SyncClient::onLiveEvent);
    connect(m_live, &LiveClient::stateChanged, this, &SyncClient::onLiveStateChanged);
    connect(m_live, &LiveClient::channelError, this, [this](const QString &channel, const QString &code) {
        if (channel.isEmpty())
            return;
        // No events will come for this channel on this connection: show what the server has
        // and poll, so its data never silently ages while the header says Live.
        qCWarning(lcSync) << "subscription to" << channel << "refused:" << code << "- polling its data";
        for (Query *query : m_cache->observedQueries()) {
            if (m_channelOf.value(query->key()) == channel)
                m_cache->invalidate(query->key());
        }
        if (!m_pollTimer.isActive())
            m_pollTimer.start();
    });
    connect(m_rest, &RestClient::unauthorized, this, [this] {
        if (m_restUnauthorized)
            return;
        qCWarning(lcSync) << "the server refused the token";
        m_restUnauthorized = true;
        m_live->stop();
        m_pollTimer.stop();
        updateState();
    });
    // While not live, observed data is refetched on this period so it never silently ages.
    m_pollTimer.setInterval(std::chrono::seconds(15));
    connect(&m_pollTimer, &QTimer::timeout, this, [this] {
        for (Query *query : m_cache->observedQueries())
            m_cache->invalidate(query->key());
    });
}

SyncClient::~SyncClient() = default;

void SyncClient::setOfflineStorePath(const QString &path)
{
    m_store = std::make_unique<OfflineStore>(path, OfflineStore::accountKeyFor(m_serverUrl.toString(), m_token));
    m_cache->setOfflineStore(m_store.get());
    m_store->load();
}

QString SyncClient::stateName(State state)
{
    return LiveClient::stateName(LiveClient::State(int(state)));
}

QDateTime SyncClient::nextRetryAt() const
{
    return m_live->nextRetryAt();
}

void SyncClient::start()
{
    m_restUnauthorized = false;
    if (!m_meQuery) {
        m_meQuery = observe(QueryKey::me());
        connect(m_meQuery, &Query::dataChanged, this, &SyncClient::onMeChanged);
    }
    m_started = true;
    m_live->start();
    // Channel-less queries fetch now; the others wait for their channel's acknowledgement.
    for (Query *query : m_cache->observedQueries()) {
        if (channelFor(query->key()).isEmpty() && mayFetch(query->key()))
            m_cache->fetchIfNeeded(query->key());
    }
    updateState();
}

void SyncClient::stop()
{
    m_started = false;
    m_live->stop();
    m_pollTimer.stop();
    updateState();
}

void SyncClient::retryNow()
{
    m_live->retryNow();
}

void SyncClient::refresh()
{
    for (Query *query : m_cache->observedQueries())
        m_cache->invalidate(query->key());
}

Query *SyncClient::observe(const QueryKey &key)
{
    return m_cache->observe(key);
}

void SyncClient::release(const QueryKey &key)
{
    m_cache->release(key);
}

bool SyncClient::liveUsable() const
{
    const auto state = m_live->state();
    return state == LiveClient::State::Live || state == LiveClient::State::Connecting;
}

QString SyncClient::channelFor(const QueryKey &key) const
{
    switch (key.kind()) {
    case QueryKey::Kind::Players:
    case QueryKey::Kind::Rounds:
        // The `rounds` channel exists from protocol 1.1 on; a 1.0 rounds list is polled.
        return supportsProtocol11() ? Protocol::Channel::rounds().name() : QString();
    case QueryKey::Kind::RoundBids:
        // A manager hears its own bids (round_bid) on its team channel; an admin reads every
        // team's, which settle once the round closes, so `rounds` (finalize, delete) suffices.
        if (!supportsProtocol11())
            return {};
        return m_me.role == Protocol::Me::Role::Admin ? Protocol::Channel::rounds().name()
                                                      : Protocol::Channel::team(m_me.teamId).name();
    default:
        break;
    }
    if (!key.isTiebreakerList())
        return key.channel();
    // PROTOCOL.md: admins hear every tiebreaker on `tiebreakers`; a manager hears those it takes
    // part in on its team channel (created/resolved). Unknown until GET /me answered.
    if (!m_hasMe)
        return {};
    return m_me.role == Protocol::Me::Role::Admin ? QStringLiteral("tiebreakers")
                                                  : QStringLiteral("team:") + m_me.teamId;
}

void SyncClient::onObservedChanged(const QueryKey &key, bool observed)
{
    if (!observed) {
        const QString channel = m_channelOf.take(key);
        if (!channel.isEmpty()) {
            m_live->unsubscribe(channel);
            // Events of its channel may stop arriving, so revalidate it when observed again.
            m_cache->invalidate(key);
        }
        return;
    }
    const QString channel = channelFor(key);
    if (channel.isEmpty()) {
        if (m_started && mayFetch(key))
            m_cache->fetchIfNeeded(key);
        return;
    }
    m_channelOf.insert(key, channel);
    m_live->subscribe(channel);
    if (!m_started)
        return; // start() connects; the fetch follows the subscription
    // Subscribe first, then fetch: the fetch waits for the acknowledgement (onChannelSubscribed),
    // unless the channel is already subscribed or the live connection is not there to wait for.
    if (m_live->isSubscribed(channel) || !liveUsable())
        m_cache->fetchIfNeeded(key);
}

void SyncClient::onChannelSubscribed(const QString &channel, bool recovered)
{
    for (Query *query : m_cache->observedQueries()) {
        if (m_channelOf.value(query->key()) != channel)
            continue;
        if (recovered) {
            m_cache->fetchIfNeeded(query->key()); // replayed events invalidate what changed
        } else {
            m_cache->forgetRevision(query->key()); // a restored server may number from lower
            m_cache->invalidate(query->key());     // we may have missed anything
        }
    }
}

void SyncClient::invalidateChannel(const QString &channel)
{
    for (Query *query : m_cache->observedQueries()) {
        if (m_channelOf.value(query->key()) == channel)
            m_cache->invalidate(query->key());
    }
}

void SyncClient::onLiveEvent(const QString &channel, const QString &type, const QJsonObject &data)
{
    const auto invalidations = EventRouter::invalidationsFor(type, data);
    if (!invalidations) {
        qCWarning(lcSync) << "malformed" << type << "event on" << channel << "- refetching the channel's data";
        invalidateChannel(channel);
    } else {
        for (const EventRouter::Invalidation &invalidation : *invalidations)
            m_cache->invalidate(invalidation.key, invalidation.revision, invalidation.itemId);
    }
    Q_EMIT eventReceived(channel, type, data);
}

void SyncClient::onLiveStateChanged()
{
    if (m_live->state() == LiveClient::State::Live) {
        m_pollTimer.stop();
    } else if (m_live->state() == LiveClient::State::Reconnecting || m_live->state() == LiveClient::State::Offline) {
        // What killed the live link likely killed the pooled HTTP sockets too, and the requests
        // waiting on them: send those again on fresh connections now. Only when the link was up:
        // clearing the pool restarts Qt's HTTP thread, not something to do every retry.
        if (m_state == State::Live)
            m_rest->resetConnections();
        // Nobody will tell us about changes now: show what the server has, then poll. Queries
        // that failed already wait for the shared retry schedule instead.
        for (Query *query : m_cache->observedQueries()) {
            if (!query->hasData() && query->errorCode().isEmpty())
                m_cache->fetchIfNeeded(query->key());
        }
        if (m_live->state() == LiveClient::State::Reconnecting && !m_pollTimer.isActive())
            m_pollTimer.start();
    }
    updateState();
}

void SyncClient::onMeChanged()
{
    const auto me = Protocol::parseMe(m_meQuery->data());
    if (!me)
        return; // the cache validated it already; nothing else can fail here
    const bool first = !m_hasMe;
    m_me = me.value();
    m_hasMe = true;
    if (first && !supportsProtocol11())
        qCInfo(lcSync).noquote() << "the server speaks protocol" << (m_me.protocol.isEmpty() ? QStringLiteral("1.0") : m_me.protocol)
                                 << "- the players catalogue, own sealed bids and live rounds need 1.1 and stay hidden";
    // Queries whose channel depends on the role get it now.
    for (Query *query : m_cache->observedQueries()) {
        const QString channel = channelFor(query->key());
        if (channel.isEmpty() || m_channelOf.value(query->key()) == channel)
            continue;
        if (const QString old = m_channelOf.take(query->key()); !old.isEmpty())
            m_live->unsubscribe(old);
        m_channelOf.insert(query->key(), channel);
        m_live->subscribe(channel);
        if (m_live->isSubscribed(channel))
            m_cache->invalidate(query->key());
        else if (m_started && !liveUsable())
            m_cache->fetchIfNeeded(query->key()); // no acknowledgement will come to wait for
    }
    Q_EMIT meChanged();
}

void SyncClient::updateState()
{
    State state = State(int(m_live->state()));
    if (m_restUnauthorized)
        state = State::Unauthorized;
    if (state == State::Unauthorized)
        m_pollTimer.stop();
    if (state == m_state && state != State::Reconnecting)
        return;
    m_state = state;
    Q_EMIT stateChanged();
}

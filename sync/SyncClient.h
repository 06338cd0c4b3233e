#pragma once

#include "LiveClient.h"
#include "QueryKey.h"

#include <protocol/Me.h>

#include <QHash>
#include <QObject>
#include <QTimer>
#include <QUrl>

#include <memory>

class ConnectionHealth;
class OfflineStore;
class Query;
class QueryCache;
class RestClient;

// Builds and wires the client core for one server and token: REST client, query cache, live
// client and the event table. It decides the order that keeps data from going stale: a query
// whose resource has a live channel is fetched only once that channel is subscribed, so no
// change can fall between the fetch and the subscription; while not live, observed queries are
// polled so data never silently ages.
class SyncClient : public QObject
{
    Q_OBJECT

public:
    enum class State { Offline, Connecting, Live, Reconnecting, Unauthorized };
    Q_ENUM(State)

    SyncClient(const QUrl &serverUrl, const QString &token, QObject *parent = nullptr);
    ~SyncClient() override;

    // Keeps the last good data on disk at `path`, restored on the next start. Call before start().
    void setOfflineStorePath(const QString &path);
    OfflineStore *offlineStore() const { return m_store.get(); }

    void start();
    void stop();
    void retryNow();
    void refresh(); // the user asked: refetch every observed query

    // Observing a query subscribes its channel and fetches it in the right order.
    Query *observe(const QueryKey &key);
    void release(const QueryKey &key);

    // The live channel whose events keep `key` fresh (empty when none, or not known yet).
    QString channelFor(const QueryKey &key) const;

    RestClient *rest() const { return m_rest; }
    QueryCache *cache() const { return m_cache; }
    LiveClient *live() const { return m_live; }
    ConnectionHealth *health() const { return m_health; }
    QUrl serverUrl() const { return m_serverUrl; }

    State state() const { return m_state; }
    static QString stateName(State state);
    QDateTime nextRetryAt() const;
    // Who the token belongs to, once GET /me answered.
    bool hasMe() const { return m_hasMe; }
    const Protocol::Me &me() const { return m_me; }
    // The server announced protocol 1.1 in GET /me (catalogue, own sealed bids, `rounds` channel).
    // False until /me answered; against a 1.0 server the features that need it stay hidden.
    bool supportsProtocol11() const { return m_hasMe && m_me.protocol == QLatin1String("1.1"); }

    void setPollInterval(std::chrono::milliseconds interval) { m_pollTimer.setInterval(interval); }

Q_SIGNALS:
    void stateChanged();
    void meChanged();
    // Every live event that passed the channel's sequence checks, after its invalidations.
    void eventReceived(const QString &channel, const QString &type, const QJsonObject &data);

private:
    void onObservedChanged(const QueryKey &key, bool observed);
    void onChannelSubscribed(const QString &channel, bool recovered);
    void onLiveEvent(const QString &channel, const QString &type, const QJsonObject &data);
    void onLiveStateChanged();
    void onMeChanged();
    void invalidateChannel(const QString &channel);
    void updateState();
    bool liveUsable() const;
    // A 1.1 query waits for /me, and is never fetched from a 1.0 server.
    bool mayFetch(const QueryKey &key) const { return !key.needsProtocol11() || supportsProtocol11(); }

    QUrl m_serverUrl;
    ConnectionHealth *m_health; // children of this object
    RestClient *m_rest;
    QueryCache *m_cache;
    LiveClient *m_live;
    Query *m_meQuery = nullptr;
    Protocol::Me m_me;
    bool m_hasMe = false;
    bool m_started = false;
    bool m_restUnauthorized = false;
    State m_state = State::Offline;
    QTimer m_pollTimer;
    QString m_token; // only to name the offline store's account; never written anywhere
    std::unique_ptr<OfflineStore> m_store;
    QHash<QueryKey, QString> m_channelOf; // the channel each observed query subscribed
};

#pragma once

#include "EventHistory.h"
#include "LiveReactor.h"
#include "LiveUpgrade.h"
#include "TokenStore.h"

#include <protocol/LiveMessage.h>

#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <functional>
#include <memory>

class LeagueReader;

// The live channel: authenticated WebSocket connections, their subscriptions, and delivery of
// numbered events (with history replay for `since`). Single-threaded, on the main event loop.
// The sockets themselves belong to a LiveReactor (epoll, RFC 6455 framing); this class knows them
// by LiveReactor::Id.
class LiveHub : public QObject, private LiveReactor::Handler
{
    Q_OBJECT
public:
    // Custom close code from PROTOCOL.md: unauthorized, do not reconnect with this token.
    static constexpr int kCloseUnauthorized = 4401;
    static constexpr qint64 kMaxFrameBytes = 64 * 1024;
    // Inbound frames per connection: a token bucket, charged as each frame arrives (control frames
    // too), so a client that was sending steadily while the server was busy is not closed for the
    // burst, and a ping flood is a flood like any other.
    static constexpr int kMaxFramesPerSecond = 100;
    static constexpr int kFrameBurst = 200;
    // Events replayed for `since`, per connection: a bucket too. A subscribe that would exceed it
    // answers recovered: false (PROTOCOL.md allows that at any time; the client refetches).
    static constexpr int kReplayEventsPerSecond = 256;
    static constexpr int kReplayBurst = 1024;
    static constexpr int kPingIntervalMs = 25000;
    // How often the token revocation counter is polled (one tiny query).
    static constexpr int kRevocationPollMs = 1000;

    LiveHub(const TokenStore &tokens, const LeagueReader &reader, EventHistory &history, QObject *parent = nullptr);
    ~LiveHub() override;

    // Takes over a socket whose upgrade handshake was valid: writes the 101, then checks the token
    // (an unknown one is closed with 4401 right after the upgrade, PROTOCOL.md).
    void accept(LiveUpgrade upgrade);
    // Delivers one committed, numbered event to the channel's subscribers (from the EventBus).
    void deliver(const LiveEvent &event);
    // Closes every connection with 1001 and calls `done` once all are gone (or after a bound).
    void shutdown(std::function<void()> done);
    // Closes every connection now with `code` (e.g. 1012 when this instance lost its database, so
    // clients reconnect elsewhere instead of silently going stale); new connections are still taken.
    void closeAll(int code, const QString &reason);
    int connectionCount() const { return int(m_connections.size()); }
    // A connection with more than this many bytes waiting to be written is closed (slow reader).
    void setMaxWriteBufferBytes(qint64 bytes) { m_reactor.setMaxPendingBytes(bytes); }
    // The same for all live connections together (the biggest backlogs are closed first).
    void setMaxWriteBufferTotalBytes(qint64 bytes) { m_reactor.setMaxTotalPendingBytes(bytes); }
    // Called once for every accepted socket when it is closed (TrackingTcpServer's connection caps
    // count live sockets until then).
    void setConnectionReleased(std::function<void(const QString &address)> released) { m_released = std::move(released); }
    // Counters for /healthz.
    QJsonObject stats() const;

private:
    struct Bucket
    {
        double tokens = 0;
        QElapsedTimer refilled;
        // Refills at `rate` per second up to `burst`, then takes `cost`; false when short.
        bool take(double cost, double rate, double burst);
    };
    struct Connection
    {
        Principal principal;
        // Subscribed channels (their positions are in m_subscribers).
        QSet<QString> channels;
        Bucket frames;
        Bucket replays;
    };

    using Id = LiveReactor::Id;

    // LiveReactor::Handler. frameArrived charges one inbound frame; closes with 1008 when over the
    // rate (false then).
    bool frameArrived(Id id) override;
    void textMessage(Id id, const QByteArray &utf8) override;
    void connectionClosed(Id id, const QString &address, quint16 code) override;

    void subscribe(Id socket, Connection &c, const QJsonValue &id, const QString &channelName,
                   const std::optional<Protocol::StreamPosition> &since);
    bool mayWatch(const Principal &who, const QString &channelName, QString *errorCode) const;
    // Frames one JSON message and sends it; false when the connection is closing or was just
    // closed (slow reader).
    bool send(Id socket, const QByteArray &json);
    // No more deliveries to it: out of the connection table and the channel index.
    void forget(Id socket);
    // forget() and start the close handshake.
    void closeConnection(Id socket, int code, const QString &reason);
    void checkShutdownDone();
    void checkRevocations();

    const TokenStore &m_tokens;
    const LeagueReader &m_reader;
    EventHistory &m_history;
    // Declared before the tables: destroyed after them, and it calls no handler from its destructor.
    LiveReactor m_reactor;
    QHash<Id, Connection> m_connections;
    // channel -> its subscribers and the last seq each has of it, so a delivery costs
    // O(subscribers of that channel) and touches nothing else. With several instances a subscribe
    // can read a newer position from the database than this instance's fan-out has delivered
    // yet; the events it then delivers up to that position are not sent again.
    QHash<QString, QHash<Id, qint64>> m_subscribers;
    std::function<void(const QString &)> m_released;
    QTimer m_pingTimer;
    QTimer m_revocationTimer;
    QString m_revocationCounter;
    std::function<void()> m_shutdownDone;
    qint64 m_rateClosed = 0;
    qint64 m_replaysRefused = 0;
};

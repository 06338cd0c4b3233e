#pragma once

#include "EventHistory.h"
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
class QWebSocket;

// The live channel: authenticated WebSocket connections, their subscriptions, and delivery of
// numbered events (with history replay for `since`). Single-threaded, on the main event loop.
class LiveHub : public QObject
{
    Q_OBJECT
public:
    // Custom close code from PROTOCOL.md: unauthorized, do not reconnect with this token.
    static constexpr int kCloseUnauthorized = 4401;
    static constexpr qint64 kMaxFrameBytes = 64 * 1024;
    // Inbound frames per connection: a token bucket, charged as QWebSocket reads each frame, so a
    // client that was sending steadily while the server was busy is not closed for the burst.
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

    // Takes over a socket that finished its upgrade handshake.
    void accept(std::unique_ptr<QWebSocket> socket);
    // Delivers one committed, numbered event to the channel's subscribers (from the EventBus).
    void deliver(const LiveEvent &event);
    // Closes every connection with 1001 and calls `done` once all are gone (or after a bound).
    void shutdown(std::function<void()> done);
    // Closes every connection now with `code` (e.g. 1012 when this instance lost its database, so
    // clients reconnect elsewhere instead of silently going stale); new connections are still taken.
    void closeAll(int code, const QString &reason);
    int connectionCount() const { return int(m_connections.size()); }
    // A connection with more than this many bytes waiting to be written is closed (slow reader).
    void setMaxWriteBufferBytes(qint64 bytes) { m_maxWriteBufferBytes = bytes; }
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
        // Subscribed channels and the last seq this connection has of each. With several instances
        // a subscribe can read a newer position from the database than this instance's fan-out has
        // delivered yet; the events it then delivers up to that position are not sent again.
        QHash<QString, qint64> channels;
        Bucket frames;
        Bucket replays;
    };

    void onText(QWebSocket *socket, const QString &text);
    void subscribe(QWebSocket *socket, Connection &c, const QJsonValue &id, const QString &channelName,
                   const std::optional<Protocol::StreamPosition> &since);
    bool mayWatch(const Principal &who, const QString &channelName, QString *errorCode) const;
    void send(QWebSocket *socket, const QByteArray &frame);
    void sendFrame(QWebSocket *socket, const QString &frame);
    // Charges one inbound frame; closes with 1008 when over the rate. False when closed.
    bool chargeFrame(QWebSocket *socket);
    void drop(QWebSocket *socket);
    void checkShutdownDone();
    void checkRevocations();

    const TokenStore &m_tokens;
    const LeagueReader &m_reader;
    EventHistory &m_history;
    QHash<QWebSocket *, Connection> m_connections;
    QTimer m_pingTimer;
    QTimer m_revocationTimer;
    QString m_revocationCounter;
    std::function<void()> m_shutdownDone;
    qint64 m_maxWriteBufferBytes = 4 * 1024 * 1024;
    qint64 m_slowReaders = 0;
    qint64 m_rateClosed = 0;
    qint64 m_replaysRefused = 0;
};

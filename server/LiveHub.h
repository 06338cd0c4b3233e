#pragma once

#include "EventHistory.h"
#include "TokenStore.h"

#include <protocol/LiveMessage.h>

#include <QElapsedTimer>
#include <QHash>
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
    static constexpr int kMaxFramesPerSecond = 100;
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
    int connectionCount() const { return int(m_connections.size()); }

private:
    struct Connection
    {
        Principal principal;
        QSet<QString> channels;
        QElapsedTimer window;
        int framesInWindow = 0;
    };

    void onText(QWebSocket *socket, const QString &text);
    void subscribe(QWebSocket *socket, Connection &c, const QJsonValue &id, const QString &channelName,
                   const std::optional<Protocol::StreamPosition> &since);
    bool mayWatch(const Principal &who, const QString &channelName, QString *errorCode) const;
    void send(QWebSocket *socket, const QByteArray &frame);
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
};

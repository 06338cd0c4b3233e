#pragma once

#include "Backoff.h"
#include "ConnectionHealth.h"

#include <protocol/LiveMessage.h>

#include <QAbstractSocket>
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QTimer>
#include <QUrl>

#include <chrono>
#include <memory>

class QWebSocket;

// The one place that knows the live WebSocket: connection states, subscriptions with their
// position in each channel's history, heartbeat, reconnect with backoff, and recovery with
// `since` after a drop. It reports events and channel (re)subscriptions; what they mean for
// cached data is EventRouter's and SyncClient's business.
class LiveClient : public QObject
{
    Q_OBJECT

public:
    enum class State { Offline, Connecting, Live, Reconnecting, Unauthorized };
    Q_ENUM(State)

    struct Timing
    {
        std::chrono::milliseconds pingInterval = std::chrono::seconds(25);
        std::chrono::milliseconds silenceTimeout = std::chrono::seconds(60);
        std::chrono::milliseconds stableAfter = std::chrono::seconds(30); // backoff resets after this
        std::chrono::milliseconds backoffBase = std::chrono::milliseconds(500);
        std::chrono::milliseconds backoffMax = std::chrono::seconds(30);
    };

    LiveClient(QUrl serverUrl, QString token, QObject *parent = nullptr);
    ~LiveClient() override;

    void setTiming(const Timing &timing);
    // Shares one retry schedule with the REST side (SyncClient passes its tracker). Not owned.
    void setHealth(ConnectionHealth *health);
    ConnectionHealth *health() const { return m_health; }
    void start();
    void stop();
    void retryNow(); // reconnect at once instead of waiting for the backoff

    // Reference-counted: the channel stays subscribed while anyone wants it.
    void subscribe(const QString &channel);
    void unsubscribe(const QString &channel);
    bool isSubscribed(const QString &channel) const; // acknowledged on the current connection

    State state() const { return m_state; }
    static QString stateName(State state);
    QDateTime nextRetryAt() const { return m_nextRetryAt; }
    QUrl liveUrl() const { return m_liveUrl; }

Q_SIGNALS:
    void stateChanged(LiveClient::State state);
    // The server acknowledged a subscription. `recovered` false means everything held from this
    // channel may be stale (first subscription, lost history, new epoch).
    void channelSubscribed(const QString &channel, bool recovered);
    void eventReceived(const QString &channel, const QString &type, const QJsonObject &data);
    void channelError(const QString &channel, const QString &code, const QString &message);

private:
    struct ChannelState
    {
        int wanted = 0;
        bool subscribed = false;  // acknowledged on this connection
        bool pending = false;     // subscribe sent, no answer yet
        QString epoch;            // position in the channel's history, kept across connections
        qint64 seq = -1;
    };

    void setState(State state);
    void open();
    void onConnected();
    void onDisconnected();
    void onSocketError(QAbstractSocket::SocketError error);
    void onText(const QString &text);
    void onEvent(const Protocol::ServerMessage &message);
    void sendSubscribe(const QString &channel);
    void send(const Protocol::ClientMessage &message);
    void scheduleReconnect();
    void onRetryDue();
    void connectHealth();
    void heard();

    QUrl m_liveUrl;
    QString m_token;
    Timing m_timing;
    std::unique_ptr<QWebSocket> m_socket;
    State m_state = State::Offline;
    bool m_running = false;
    bool m_handshakeUnauthorized = false; // this socket's handshake was refused with HTTP 401
    QHash<QString, ChannelState> m_channels;
    ConnectionHealth m_ownHealth;
    ConnectionHealth *m_health = &m_ownHealth;
    QTimer m_pingTimer;
    QTimer m_silenceTimer;
    QTimer m_stableTimer;
    QDateTime m_nextRetryAt;
    qint64 m_nextId = 1;
};

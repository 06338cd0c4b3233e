#include "LiveClient.h"

#include "LogCategories.h"

#include <QNetworkRequest>
#include <QRegularExpression>
#include <QWebSocket>

using Protocol::ClientMessage;
using Protocol::ServerMessage;

namespace {
constexpr quint16 closeUnauthorized = 4401;

QUrl liveUrlFor(QUrl url)
{
    url.setScheme(url.scheme() == QLatin1String("https") ? QStringLiteral("wss") : QStringLiteral("ws"));
    QString base = url.path();
    if (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    url.setPath(base + QLatin1String("/api/v1/live"));
    return url;
}
} // namespace

LiveClient::LiveClient(QUrl serverUrl, QString token, QObject *parent)
    : QObject(parent), m_liveUrl(liveUrlFor(std::move(serverUrl))), m_token(std::move(token))
{
    connectHealth();
    connect(&m_pingTimer, &QTimer::timeout, this, [this] { send(ClientMessage::ping(m_nextId++)); });
    m_silenceTimer.setSingleShot(true);
    connect(&m_silenceTimer, &QTimer::timeout, this, [this] {
        // A connection that died silently (sleep, network switch) sends no close: give up on it.
        qCInfo(lcLive) << "no frame for" << m_timing.silenceTimeout.count() << "ms, reconnecting";
        if (m_socket)
            m_socket->abort();
    });
    m_stableTimer.setSingleShot(true);
    // Only a connection that stayed up ends the outage (a server that accepts and drops at once
    // must not get a reconnect loop at the shortest delay).
    connect(&m_stableTimer, &QTimer::timeout, this, [this] {
        m_health->resetBackoff();
        m_health->reportSuccess();
    });
    setTiming(m_timing);
}

LiveClient::~LiveClient()
{
    if (m_socket) {
        m_socket->disconnect(this);
        if (m_socket->state() != QAbstractSocket::UnconnectedState) // else close() writes to a closed socket
            m_socket->close(QWebSocketProtocol::CloseCodeNormal);
    }
}

void LiveClient::setTiming(const Timing &timing)
{
    m_timing = timing;
    m_health->setBackoff(Backoff(timing.backoffBase, timing.backoffMax));
    m_pingTimer.setInterval(timing.pingInterval);
    m_silenceTimer.setInterval(timing.silenceTimeout);
    m_stableTimer.setInterval(timing.stableAfter);
}

void LiveClient::setHealth(ConnectionHealth *health)
{
    m_health->disconnect(this);
    m_health = health ? health : &m_ownHealth;
    connectHealth();
}

void LiveClient::connectHealth()
{
    connect(m_health, &ConnectionHealth::retryDue, this, &LiveClient::onRetryDue);
    // The server answered a REST request: it is back, so do not sit out the rest of the backoff.
    connect(m_health, &ConnectionHealth::recovered, this, &LiveClient::onRetryDue);
}

void LiveClient::onRetryDue()
{
    if (m_running && m_state == State::Reconnecting)
        open();
}

QString LiveClient::stateName(State state)
{
    switch (state) {
    case State::Offline: return QStringLiteral("offline");
    case State::Connecting: return QStringLiteral("connecting");
    case State::Live: return QStringLiteral("live");
    case State::Reconnecting: return QStringLiteral("reconnecting");
    case State::Unauthorized: return QStringLiteral("unauthorized");
    }
    return {};
}

void LiveClient::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    qCInfo(lcLive) << "state" << stateName(state);
    Q_EMIT stateChanged(state);
}

void LiveClient::start()
{
    if (m_running)
        return;
    m_running = true;
    open();
}

void LiveClient::stop()
{
    m_running = false;
    m_pingTimer.stop();
    m_stableTimer.stop();
    m_silenceTimer.stop();
    if (m_socket) {
        m_socket->disconnect(this);
        if (m_socket->state() != QAbstractSocket::UnconnectedState) // else close() writes to a closed socket
            m_socket->close(QWebSocketProtocol::CloseCodeNormal);
        m_socket.release()->deleteLater();
    }
    for (ChannelState &channel : m_channels)
        channel.subscribed = channel.pending = false;
    setState(State::Offline);
}

void LiveClient::retryNow()
{
    if (!m_running || m_state != State::Reconnecting)
        return;
    m_health->retryNow();
}

void LiveClient::open()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket.release()->deleteLater();
    }
    m_nextRetryAt = {};
    setState(State::Connecting);
    m_socket = std::make_unique<QWebSocket>();
    // PROTOCOL.md: client frames stay under 64 KiB; the server's may be larger (replays).
    m_socket->setMaxAllowedIncomingMessageSize(16 * 1024 * 1024);
    connect(m_socket.get(), &QWebSocket::connected, this, &LiveClient::onConnected);
    connect(m_socket.get(), &QWebSocket::disconnected, this, &LiveClient::onDisconnected);
    connect(m_socket.get(), &QWebSocket::textMessageReceived, this, &LiveClient::onText);
    connect(m_socket.get(), &QWebSocket::binaryMessageReceived, this, [this] {
        qCWarning(lcLive) << "ignoring a binary frame: the protocol sends only JSON text";
        heard();
    });
    connect(m_socket.get(), &QWebSocket::pong, this, [this] { heard(); });
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    connect(m_socket.get(), &QWebSocket::errorOccurred, this, &LiveClient::onSocketError);
#else
    connect(m_socket.get(), qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            &LiveClient::onSocketError);
#endif
    m_handshakeUnauthorized = false;
    QNetworkRequest request(m_liveUrl);
    request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    // Connecting must not hang forever on a black-holed address.
    m_silenceTimer.start();
    m_socket->open(request);
}

void LiveClient::onConnected()
{
    qCInfo(lcLive) << "connected to" << m_liveUrl.toString(QUrl::RemoveUserInfo);
    heard();
    m_pingTimer.start();
    m_stableTimer.start();
    setState(State::Live);
    for (auto it = m_channels.begin(); it != m_channels.end(); ++it) {
        it->subscribed = it->pending = false;
        if (it->wanted > 0)
            sendSubscribe(it.key());
    }
}

void LiveClient::onDisconnected()
{
    const auto code = m_socket ? m_socket->closeCode() : QWebSocketProtocol::CloseCodeNormal;
    qCInfo(lcLive) << "disconnected, close code" << code << (m_socket ? m_socket->closeReason() : QString());
    m_pingTimer.stop();
    m_silenceTimer.stop();
    m_stableTimer.stop();
    for (ChannelState &channel : m_channels)
        channel.subscribed = channel.pending = false;
    if (!m_running)
        return;
    if (int(code) == closeUnauthorized || m_handshakeUnauthorized) {
        // Reconnecting with the same token would be refused again: stop here.
        m_running = false;
        setState(State::Unauthorized);
        return;
    }
    scheduleReconnect();
}

void LiveClient::onSocketError(QAbstractSocket::SocketError error)
{
    const QString message = m_socket ? m_socket->errorString() : QString();
    qCInfo(lcLive) << "socket error" << error << message;
    if (!m_socket || m_socket->state() == QAbstractSocket::ConnectedState)
        return;
    // PROTOCOL.md lets a server refuse a bad token with HTTP 401 instead of an upgrade closed with
    // 4401. QWebSocket exposes no handshake status, only a message with ConnectionRefusedError:
    // Qt 6.4 names the status ("Unhandled http status code: 401"); Qt 6.8 handles 401 itself and
    // says it found no usable WWW-Authenticate challenge (or, after one, that the host requires
    // authentication). A TCP-level refusal says none of these.
    static const QRegularExpression unauthorized(
        QStringLiteral("\\b401\\b|WWW-Authenticate|requires authentication"), QRegularExpression::CaseInsensitiveOption);
    if (error != QAbstractSocket::ConnectionRefusedError)
        return;
    if (unauthorized.match(message).hasMatch()) {
        qCWarning(lcLive) << "the live handshake was refused as unauthorized:" << message;
        m_handshakeUnauthorized = true;
    }
    // The refusing server may keep the connection open (HTTP keep-alive: HAProxy answering 503
    // while no instance is healthy), and QWebSocket then never reports disconnected, so nothing
    // would retry before the silence timeout. End it from the event loop, not inside QWebSocket's
    // own handshake processing; after a TCP-level refusal this does nothing.
    QWebSocket *socket = m_socket.get();
    QMetaObject::invokeMethod(socket, [socket] { socket->abort(); }, Qt::QueuedConnection);
}

void LiveClient::scheduleReconnect()
{
    m_health->reportFailure();
    m_nextRetryAt = m_health->nextRetryAt();
    // Emitted even when already reconnecting, so the UI learns the new retry time.
    m_state = State::Connecting;
    setState(State::Reconnecting);
}

void LiveClient::heard()
{
    if (m_state == State::Live || m_state == State::Connecting)
        m_silenceTimer.start();
}

void LiveClient::subscribe(const QString &channel)
{
    ChannelState &state = m_channels[channel];
    if (++state.wanted == 1 && m_state == State::Live)
        sendSubscribe(channel);
}

void LiveClient::unsubscribe(const QString &channel)
{
    auto it = m_channels.find(channel);
    if (it == m_channels.end() || it->wanted == 0)
        return;
    if (--it->wanted == 0 && (it->subscribed || it->pending) && m_state == State::Live) {
        send(ClientMessage::unsubscribe(m_nextId++, channel));
        it->subscribed = it->pending = false;
    }
}

bool LiveClient::isSubscribed(const QString &channel) const
{
    const auto it = m_channels.constFind(channel);
    return it != m_channels.constEnd() && it->subscribed;
}

void LiveClient::sendSubscribe(const QString &channel)
{
    ChannelState &state = m_channels[channel];
    std::optional<Protocol::StreamPosition> since;
    if (!state.epoch.isEmpty() && state.seq >= 0)
        since = Protocol::StreamPosition{state.epoch, state.seq};
    state.pending = true;
    state.subscribed = false;
    send(ClientMessage::subscribe(m_nextId++, channel, since));
}

void LiveClient::send(const ClientMessage &message)
{
    if (m_socket && m_state == State::Live)
        m_socket->sendTextMessage(QString::fromUtf8(message.toJson()));
}

void LiveClient::onText(const QString &text)
{
    heard();
    const auto parsed = Protocol::parseServerMessage(text.toUtf8());
    if (!parsed) {
        qCWarning(lcLive) << "ignoring a malformed frame:" << parsed.error();
        return;
    }
    const ServerMessage &message = parsed.value();
    switch (message.op) {
    case ServerMessage::Op::Subscribed: {
        auto it = m_channels.find(message.channel);
        if (it == m_channels.end() || it->wanted == 0)
            return; // an answer to a subscription given up meanwhile
        const bool recovered = message.recovered && it->epoch == message.epoch;
        it->epoch = message.epoch;
        it->subscribed = true;
        it->pending = false;
        // Replayed events (recovered) carry seq after ours; otherwise start from the server's.
        if (!recovered)
            it->seq = message.seq;
        Q_EMIT channelSubscribed(message.channel, recovered);
        return;
    }
    case ServerMessage::Op::Event:
        onEvent(message);
        return;
    case ServerMessage::Op::Error:
        qCWarning(lcLive) << "server error" << message.code << message.message << message.channel;
        if (!message.channel.isEmpty()) {
            auto it = m_channels.find(message.channel);
            if (it != m_channels.end())
                it->pending = it->subscribed = false;
        }
        Q_EMIT channelError(message.channel, message.code, message.message);
        return;
    case ServerMessage::Op::Unsubscribed:
    case ServerMessage::Op::Pong:
    case ServerMessage::Op::Unknown:
        return; // PROTOCOL.md: unknown ops are ignored
    }
}

void LiveClient::onEvent(const ServerMessage &message)
{
    auto it = m_channels.find(message.channel);
    if (it == m_channels.end() || !it->subscribed)
        return;
    if (message.epoch != it->epoch || message.seq != it->seq + 1) {
        if (message.epoch == it->epoch && message.seq <= it->seq)
            return; // a duplicate of something already seen
        // A gap or a new history: what we hold may be stale. Subscribe again with `since`; the
        // answer says whether the server could fill the gap.
        qCInfo(lcLive) << "gap in" << message.channel << "at seq" << message.seq << "after" << it->seq;
        send(ClientMessage::unsubscribe(m_nextId++, message.channel));
        sendSubscribe(message.channel);
        return;
    }
    it->seq = message.seq;
    Q_EMIT eventReceived(message.channel, message.type, message.data);
}

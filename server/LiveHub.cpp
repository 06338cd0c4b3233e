#include "LiveHub.h"

#include "Database.h"
#include "LeagueReader.h"
#include "LogLimits.h"
#include "Logging.h"

#include <protocol/Channel.h>
#include <protocol/ErrorCode.h>

#include <QJsonDocument>

#include <algorithm>
#include <QWebSocket>

using Protocol::ServerMessage;

LiveHub::LiveHub(const TokenStore &tokens, const LeagueReader &reader, EventHistory &history, QObject *parent)
    : QObject(parent), m_tokens(tokens), m_reader(reader), m_history(history)
{
    // PROTOCOL.md: a client that hears nothing for 60 s gives up, so ping well within that.
    m_pingTimer.setInterval(kPingIntervalMs);
    connect(&m_pingTimer, &QTimer::timeout, this, [this] {
        for (auto it = m_connections.cbegin(); it != m_connections.cend(); ++it)
            it.key()->ping();
    });
    m_pingTimer.start();

    // A token revoked later closes its connections with 4401 (PROTOCOL.md). Revocation may come
    // from another process (`leaguedesk-server token revoke`), so poll the counter it bumps.
    try {
        m_revocationCounter = m_tokens.revocationCounter();
    } catch (const DbError &e) {
        qCWarning(lcLive) << "cannot read the revocation counter:" << e.what();
    }
    m_revocationTimer.setInterval(kRevocationPollMs);
    connect(&m_revocationTimer, &QTimer::timeout, this, &LiveHub::checkRevocations);
    m_revocationTimer.start();
}

void LiveHub::checkRevocations()
{
    // Expired tokens close like revoked ones (no database needed: the expiry came with the lookup).
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QList<QWebSocket *> expired;
    for (auto it = m_connections.cbegin(); it != m_connections.cend(); ++it) {
        if (it->principal.expiresAt.isValid() && it->principal.expiresAt <= now)
            expired.append(it.key());
    }
    for (QWebSocket *socket : std::as_const(expired)) {
        m_connections.remove(socket);
        socket->close(static_cast<QWebSocketProtocol::CloseCode>(kCloseUnauthorized), QStringLiteral("token expired"));
    }
    try {
        const QString counter = m_tokens.revocationCounter();
        if (counter == m_revocationCounter)
            return;
        m_revocationCounter = counter;
        QHash<QString, bool> valid;
        QList<QWebSocket *> revoked;
        for (auto it = m_connections.cbegin(); it != m_connections.cend(); ++it) {
            const QString &hash = it.value().principal.tokenHash;
            if (!valid.contains(hash))
                valid.insert(hash, m_tokens.isValidHash(hash));
            if (!valid.value(hash))
                revoked.append(it.key());
        }
        for (QWebSocket *socket : std::as_const(revoked)) {
            m_connections.remove(socket);
            socket->close(static_cast<QWebSocketProtocol::CloseCode>(kCloseUnauthorized), QStringLiteral("token revoked"));
        }
        if (!revoked.isEmpty())
            qCInfo(lcLive) << "closed" << revoked.size() << "live connections of revoked tokens";
    } catch (const DbError &e) {
        qCWarning(lcLive) << "revocation check failed:" << e.what();
    }
}

void LiveHub::accept(std::unique_ptr<QWebSocket> owned)
{
    QWebSocket *socket = owned.release();
    socket->setParent(this);
    connect(socket, &QWebSocket::disconnected, this, [this, socket] { drop(socket); });

    std::optional<Principal> who;
    try {
        who = m_tokens.lookup(TokenStore::bearerToken(socket->request().rawHeader("Authorization")));
    } catch (const DbError &e) {
        qCWarning(lcLive) << "token lookup failed:" << e.what();
    }
    if (!who || m_shutdownDone) {
        // Accepted and closed with 4401 on every Qt: 6.4's QHttpServer cannot refuse an upgrade with
        // a status, and on 6.8 HttpApi's upgrade verifier accepts every token so clients see the same.
        // Costs a stranger nothing to trigger, so throttled like the other refusals.
        static LogThrottle refusals(20);
        qint64 suppressed = 0;
        if (refusals.allow(&suppressed))
            qCInfo(lcLive).noquote() << "refused live connection from" << socket->peerAddress().toString() << "(bad token)"
                                     << (suppressed > 0 ? QStringLiteral("(%1 more not logged)").arg(suppressed) : QString());
        // Closed from the event loop: QHttpServer is still inside its readyRead handling of this
        // socket right now, and closing underneath it makes Qt warn about a closed device.
        const bool goingAway = bool(m_shutdownDone);
        QMetaObject::invokeMethod(socket, [socket, goingAway] {
            socket->close(static_cast<QWebSocketProtocol::CloseCode>(goingAway ? int(QWebSocketProtocol::CloseCodeGoingAway)
                                                                               : kCloseUnauthorized),
                          goingAway ? QStringLiteral("server going away") : QStringLiteral("unauthorized"));
        }, Qt::QueuedConnection);
        return;
    }
    // Oversized frames close the connection with 1009 inside QWebSocket itself.
    socket->setMaxAllowedIncomingFrameSize(kMaxFrameBytes);
    socket->setMaxAllowedIncomingMessageSize(kMaxFrameBytes);

    Connection c;
    c.principal = *who;
    c.frames.tokens = kFrameBurst;
    c.frames.refilled.start();
    c.replays.tokens = kReplayBurst;
    c.replays.refilled.start();
    m_connections.insert(socket, c);
    qCInfo(lcLive) << "live connection for" << (who->isAdmin() ? QStringLiteral("admin") : who->teamId)
                   << "connections:" << m_connections.size();

    // Every frame counts, on arrival: data frames as QWebSocket reads them (before a message is
    // assembled) and the pongs a client sends. Pings are answered inside QWebSocket without a
    // signal; what they cost (the pongs waiting to be written) is bounded by the write cap.
    connect(socket, &QWebSocket::textFrameReceived, this, [this, socket] { chargeFrame(socket); });
    connect(socket, &QWebSocket::binaryFrameReceived, this, [this, socket] { chargeFrame(socket); });
    connect(socket, &QWebSocket::pong, this, [this, socket] { chargeFrame(socket); });
    connect(socket, &QWebSocket::textMessageReceived, this, [this, socket](const QString &text) { onText(socket, text); });
    connect(socket, &QWebSocket::binaryMessageReceived, this, [socket](const QByteArray &) {
        // Every frame is JSON text; binary is a protocol violation (RFC 6455 1003).
        socket->close(QWebSocketProtocol::CloseCodeDatatypeNotSupported, QStringLiteral("binary frames are not supported"));
    });
}

void LiveHub::drop(QWebSocket *socket)
{
    if (m_connections.remove(socket))
        qCInfo(lcLive) << "live connection closed, code" << socket->closeCode() << "connections:" << m_connections.size();
    socket->deleteLater();
    checkShutdownDone();
}

bool LiveHub::Bucket::take(double cost, double rate, double burst)
{
    tokens = std::min(burst, tokens + double(refilled.nsecsElapsed()) / 1e9 * rate);
    refilled.restart();
    if (tokens < cost)
        return false;
    tokens -= cost;
    return true;
}

bool LiveHub::chargeFrame(QWebSocket *socket)
{
    auto it = m_connections.find(socket);
    if (it == m_connections.end())
        return false;
    if (it->frames.take(1, kMaxFramesPerSecond, kFrameBurst))
        return true;
    ++m_rateClosed;
    m_connections.erase(it); // nothing more is read or sent for it
    socket->close(QWebSocketProtocol::CloseCodePolicyViolated, QStringLiteral("too many messages"));
    return false;
}

void LiveHub::send(QWebSocket *socket, const QByteArray &frame)
{
    sendFrame(socket, QString::fromUtf8(frame));
}

void LiveHub::sendFrame(QWebSocket *socket, const QString &frame)
{
    socket->sendTextMessage(frame);
    if (m_maxWriteBufferBytes <= 0 || socket->bytesToWrite() <= m_maxWriteBufferBytes)
        return;
    // A client that does not read would make the server hold every frame for it.
    ++m_slowReaders;
    qCWarning(lcLive).noquote() << "closed live connection from" << socket->peerAddress().toString()
                                << "- slow reader," << socket->bytesToWrite() << "bytes waiting to be written";
    m_connections.remove(socket);
    socket->abort();
}

QJsonObject LiveHub::stats() const
{
    return QJsonObject{{QStringLiteral("live_slow_readers"), m_slowReaders},
                       {QStringLiteral("live_rate_closed"), m_rateClosed},
                       {QStringLiteral("live_replays_refused"), m_replaysRefused}};
}

void LiveHub::onText(QWebSocket *socket, const QString &text)
{
    auto it = m_connections.find(socket);
    if (it == m_connections.end())
        return;
    Connection &c = it.value();

    const QByteArray frame = text.toUtf8();
    const Protocol::Parsed<Protocol::ClientMessage> parsed = Protocol::parseClientMessage(frame);
    if (!parsed) {
        // Echo the id when the frame was an object that had one, so the client can match it.
        const QJsonValue id = QJsonDocument::fromJson(frame).object().value(QLatin1String("id"));
        send(socket, ServerMessage::error(id.isDouble() || id.isString() ? id : QJsonValue(QJsonValue::Undefined),
                                          Protocol::errorCodeName(Protocol::ErrorCode::BadRequest), parsed.error())
                         .toJson());
        return;
    }
    const Protocol::ClientMessage &m = parsed.value();
    switch (m.op) {
    case Protocol::ClientMessage::Op::Ping:
        send(socket, ServerMessage::pong(m.id).toJson());
        break;
    case Protocol::ClientMessage::Op::Subscribe:
        subscribe(socket, c, m.id, m.channel, m.since);
        break;
    case Protocol::ClientMessage::Op::Unsubscribe:
        if (!Protocol::Channel::parse(m.channel)) {
            send(socket, ServerMessage::error(m.id, Protocol::errorCodeName(Protocol::ErrorCode::BadChannel),
                                              QStringLiteral("unknown or malformed channel"), m.channel).toJson());
            break;
        }
        c.channels.remove(m.channel);
        send(socket, ServerMessage::unsubscribed(m.id, m.channel).toJson());
        break;
    case Protocol::ClientMessage::Op::Unknown:
        break; // PROTOCOL.md: unknown ops are ignored so both sides can grow.
    }
}

bool LiveHub::mayWatch(const Principal &who, const QString &channelName, QString *errorCode) const
{
    const std::optional<Protocol::Channel> channel = Protocol::Channel::parse(channelName);
    *errorCode = Protocol::errorCodeName(Protocol::ErrorCode::BadChannel);
    if (!channel)
        return false;
    *errorCode = Protocol::errorCodeName(Protocol::ErrorCode::Forbidden);
    switch (channel->kind()) {
    case Protocol::Channel::Kind::AllTiebreakers:
        return who.isAdmin();
    case Protocol::Channel::Kind::Rounds:
        return true; // protocol 1.1: rounds and the catalogue are league-wide, for every role
    case Protocol::Channel::Kind::Team:
        if (!who.mayAccessTeam(channel->id()))
            return false; // a manager learns nothing about other teams, not even existence
        if (!m_reader.teamExists(channel->id())) {
            *errorCode = Protocol::errorCodeName(Protocol::ErrorCode::BadChannel);
            return false;
        }
        return true;
    case Protocol::Channel::Kind::Tiebreaker: {
        const QStringList participants = m_reader.tiebreakerParticipants(channel->id());
        if (participants.isEmpty()) {
            if (who.isAdmin())
                *errorCode = Protocol::errorCodeName(Protocol::ErrorCode::BadChannel);
            return false;
        }
        return who.isAdmin() || participants.contains(who.teamId);
    }
    }
    return false;
}

void LiveHub::subscribe(QWebSocket *socket, Connection &c, const QJsonValue &id, const QString &channelName,
                        const std::optional<Protocol::StreamPosition> &since)
{
    try {
        QString code;
        if (!mayWatch(c.principal, channelName, &code)) {
            const QString message = code == QLatin1String("forbidden") ? QStringLiteral("you may not watch this channel")
                                                                        : QStringLiteral("unknown or malformed channel");
            send(socket, ServerMessage::error(id, code, message, channelName).toJson());
            return;
        }
        const qint64 last = m_history.lastSeq(channelName);
        std::optional<QList<EventHistory::Event>> missed;
        if (since && since->epoch == m_history.epoch()) {
            missed = m_history.eventsAfter(channelName, since->seq, last);
            // Replays are charged to the connection; beyond its budget the client refetches.
            if (missed && !c.replays.take(double(missed->size()), kReplayEventsPerSecond, kReplayBurst)) {
                ++m_replaysRefused;
                missed.reset();
            }
        }
        c.channels.insert(channelName, last);
        send(socket, ServerMessage::subscribed(id, channelName, m_history.epoch(), last, missed.has_value()).toJson());
        // Replay right after `subscribed`; later events follow in order since we are single-threaded.
        if (missed) {
            for (const EventHistory::Event &e : *missed) {
                if (!m_connections.contains(socket))
                    return; // closed as a slow reader midway
                send(socket, ServerMessage::event(e.channel, m_history.epoch(), e.seq, e.ts, e.type, e.data).toJson());
            }
        }
    } catch (const DbError &e) {
        qCWarning(lcLive) << "subscribe failed:" << e.what();
        send(socket, ServerMessage::error(id, Protocol::errorCodeName(Protocol::ErrorCode::Internal),
                                          QStringLiteral("internal error"), channelName).toJson());
    }
}

void LiveHub::deliver(const LiveEvent &event)
{
    // Encoded once for all subscribers (QWebSocket takes a QString): with thousands of
    // subscribers a per-socket UTF-8 conversion shows up in the fan-out latency.
    const QString frame = QString::fromUtf8(
        ServerMessage::event(event.channel, m_history.epoch(), event.seq, event.ts, event.type, event.data).toJson());
    QList<QWebSocket *> subscribers;
    for (auto it = m_connections.begin(); it != m_connections.end(); ++it) {
        const auto position = it.value().channels.find(event.channel);
        if (position != it.value().channels.end() && event.seq > *position) {
            *position = event.seq;
            subscribers.append(it.key());
        }
    }
    for (QWebSocket *socket : std::as_const(subscribers))
        sendFrame(socket, frame); // may drop a slow reader, hence not while iterating

}

void LiveHub::shutdown(std::function<void()> done)
{
    m_shutdownDone = std::move(done);
    m_pingTimer.stop();
    m_revocationTimer.stop();
    const QList<QWebSocket *> sockets = m_connections.keys();
    for (QWebSocket *socket : sockets)
        socket->close(QWebSocketProtocol::CloseCodeGoingAway, QStringLiteral("server shutting down"));
    // Do not wait forever for peers that never answer the close handshake.
    QTimer::singleShot(3000, this, [this] {
        if (m_shutdownDone) {
            qCWarning(lcLive) << m_connections.size() << "connections did not finish closing";
            m_connections.clear();
            checkShutdownDone();
        }
    });
    checkShutdownDone();
}

void LiveHub::closeAll(int code, const QString &reason)
{
    const QList<QWebSocket *> sockets = m_connections.keys();
    m_connections.clear(); // nothing more is sent to them; drop() deletes each once it is closed
    for (QWebSocket *socket : sockets)
        socket->close(static_cast<QWebSocketProtocol::CloseCode>(code), reason);
    if (!sockets.isEmpty())
        qCInfo(lcLive) << "closed" << sockets.size() << "live connections with" << code << reason;
}

void LiveHub::checkShutdownDone()
{
    if (m_shutdownDone && m_connections.isEmpty()) {
        auto done = std::move(m_shutdownDone);
        m_shutdownDone = nullptr;
        done();
    }
}

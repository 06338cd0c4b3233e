#include "LiveHub.h"

#include "Database.h"
#include "LeagueReader.h"
#include "LogLimits.h"
#include "Logging.h"

#include <protocol/Channel.h>
#include <protocol/ErrorCode.h>

#include <QJsonDocument>

#include <algorithm>

using Protocol::ServerMessage;

LiveHub::LiveHub(const TokenStore &tokens, const LeagueReader &reader, EventHistory &history, QObject *parent)
    : QObject(parent), m_tokens(tokens), m_reader(reader), m_history(history), m_reactor(*this)
{
    // PROTOCOL.md: a client that hears nothing for 60 s gives up, so ping well within that. One
    // frame for everyone (server frames are unmasked, so the bytes are the same).
    m_pingTimer.setInterval(kPingIntervalMs);
    connect(&m_pingTimer, &QTimer::timeout, this, [this] {
        const QByteArray ping = Ws::frame(Ws::Opcode::Ping, {});
        const QList<Id> ids = m_connections.keys();
        for (const Id id : ids)
            m_reactor.send(id, ping);
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

LiveHub::~LiveHub() = default;

void LiveHub::checkRevocations()
{
    // Expired tokens close like revoked ones (no database needed: the expiry came with the lookup).
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QList<Id> expired;
    for (auto it = m_connections.cbegin(); it != m_connections.cend(); ++it) {
        if (it->principal.expiresAt.isValid() && it->principal.expiresAt <= now)
            expired.append(it.key());
    }
    for (const Id id : std::as_const(expired))
        closeConnection(id, kCloseUnauthorized, QStringLiteral("token expired"));
    try {
        const QString counter = m_tokens.revocationCounter();
        if (counter == m_revocationCounter)
            return;
        m_revocationCounter = counter;
        QHash<QString, bool> valid;
        QList<Id> revoked;
        for (auto it = m_connections.cbegin(); it != m_connections.cend(); ++it) {
            const QString &hash = it.value().principal.tokenHash;
            if (!valid.contains(hash))
                valid.insert(hash, m_tokens.isValidHash(hash));
            if (!valid.value(hash))
                revoked.append(it.key());
        }
        for (const Id id : std::as_const(revoked))
            closeConnection(id, kCloseUnauthorized, QStringLiteral("token revoked"));
        if (!revoked.isEmpty())
            qCInfo(lcLive) << "closed" << revoked.size() << "live connections of revoked tokens";
    } catch (const DbError &e) {
        qCWarning(lcLive) << "revocation check failed:" << e.what();
    }
}

void LiveHub::accept(LiveUpgrade upgrade)
{
    const Id socket = m_reactor.adopt(upgrade.fd, upgrade.response, upgrade.address);
    if (socket == 0) {
        if (m_released)
            m_released(upgrade.address);
        return;
    }
    std::optional<Principal> who;
    try {
        who = m_tokens.lookup(TokenStore::bearerToken(upgrade.authorization));
    } catch (const DbError &e) {
        qCWarning(lcLive) << "token lookup failed:" << e.what();
    }
    if (!who || m_shutdownDone) {
        // Accepted and closed with 4401 (PROTOCOL.md allows this or a 401 before the upgrade; the
        // close code tells a client not to retry with this token, a bare 401 handshake failure
        // would not). Costs a stranger nothing to trigger, so throttled like the other refusals.
        const bool goingAway = bool(m_shutdownDone);
        if (!goingAway) {
            static LogThrottle refusals(20);
            qint64 suppressed = 0;
            if (refusals.allow(&suppressed))
                qCInfo(lcLive).noquote() << "refused live connection from" << upgrade.address << "(bad token)"
                                         << (suppressed > 0 ? QStringLiteral("(%1 more not logged)").arg(suppressed) : QString());
        }
        m_reactor.close(socket, goingAway ? Ws::CloseCode::GoingAway : quint16(kCloseUnauthorized),
                        goingAway ? QStringLiteral("server going away") : QStringLiteral("unauthorized"));
        return;
    }
    Connection c;
    c.principal = *who;
    c.frames.tokens = kFrameBurst;
    c.frames.refilled.start();
    c.replays.tokens = kReplayBurst;
    c.replays.refilled.start();
    m_connections.insert(socket, c);
    qCInfo(lcLive) << "live connection for" << (who->isAdmin() ? QStringLiteral("admin") : who->teamId)
                   << "connections:" << m_connections.size();
    // Frames that came with the handshake are read only now, with the connection known.
    m_reactor.feed(socket, upgrade.leftover);
}

void LiveHub::connectionClosed(Id socket, const QString &address, quint16 code)
{
    if (m_connections.contains(socket)) {
        forget(socket);
        qCInfo(lcLive) << "live connection closed, code" << code << "connections:" << m_connections.size();
    }
    if (m_released)
        m_released(address);
    checkShutdownDone();
}

void LiveHub::forget(Id socket)
{
    const auto it = m_connections.constFind(socket);
    if (it == m_connections.cend())
        return;
    for (const QString &channel : it->channels) {
        const auto subscribers = m_subscribers.find(channel);
        if (subscribers == m_subscribers.end())
            continue;
        subscribers->remove(socket);
        if (subscribers->isEmpty())
            m_subscribers.erase(subscribers);
    }
    m_connections.erase(it);
}

void LiveHub::closeConnection(Id socket, int code, const QString &reason)
{
    forget(socket); // nothing more is read or sent for it
    m_reactor.close(socket, quint16(code), reason);
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

bool LiveHub::frameArrived(Id socket)
{
    auto it = m_connections.find(socket);
    if (it == m_connections.end())
        return false;
    if (it->frames.take(1, kMaxFramesPerSecond, kFrameBurst))
        return true;
    ++m_rateClosed;
    closeConnection(socket, Ws::CloseCode::PolicyViolation, QStringLiteral("too many messages"));
    return false;
}

bool LiveHub::send(Id socket, const QByteArray &json)
{
    return m_reactor.send(socket, Ws::frame(Ws::Opcode::Text, json));
}

QJsonObject LiveHub::stats() const
{
    return QJsonObject{{QStringLiteral("live_slow_readers"), m_reactor.slowReaders()},
                       {QStringLiteral("live_rate_closed"), m_rateClosed},
                       {QStringLiteral("live_replays_refused"), m_replaysRefused},
                       {QStringLiteral("live_protocol_errors"), m_reactor.protocolErrors()}};
}

void LiveHub::textMessage(Id socket, const QByteArray &frame)
{
    auto it = m_connections.find(socket);
    if (it == m_connections.end())
        return;
    Connection &c = it.value();

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
        if (c.channels.remove(m.channel)) {
            const auto subscribers = m_subscribers.find(m.channel);
            if (subscribers != m_subscribers.end()) {
                subscribers->remove(socket);
                if (subscribers->isEmpty())
                    m_subscribers.erase(subscribers);
            }
        }
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

void LiveHub::subscribe(Id socket, Connection &c, const QJsonValue &id, const QString &channelName,
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
        c.channels.insert(channelName);
        m_subscribers[channelName].insert(socket, last);
        if (!send(socket, ServerMessage::subscribed(id, channelName, m_history.epoch(), last, missed.has_value()).toJson()))
            return;
        // Replay right after `subscribed`; later events follow in order since we are single-threaded.
        if (missed) {
            for (const EventHistory::Event &e : *missed) {
                if (!send(socket, ServerMessage::event(e.channel, m_history.epoch(), e.seq, e.ts, e.type, e.data).toJson()))
                    return; // closed as a slow reader midway
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
    const auto subscribers = m_subscribers.find(event.channel);
    if (subscribers == m_subscribers.end())
        return;
    // Framed once for all subscribers: every socket is handed the same shared buffer.
    const QByteArray frame = Ws::frame(
        Ws::Opcode::Text, ServerMessage::event(event.channel, m_history.epoch(), event.seq, event.ts, event.type, event.data).toJson());
    // A send never changes the index (a slow reader is reported closed later, from the event loop).
    for (auto it = subscribers->begin(); it != subscribers->end(); ++it) {
        if (event.seq > it.value()) {
            it.value() = event.seq;
            m_reactor.send(it.key(), frame);
        }
    }
}

void LiveHub::shutdown(std::function<void()> done)
{
    m_shutdownDone = std::move(done);
    m_pingTimer.stop();
    m_revocationTimer.stop();
    const QList<Id> ids = m_connections.keys();
    for (const Id id : ids)
        closeConnection(id, Ws::CloseCode::GoingAway, QStringLiteral("server shutting down"));
    // Do not wait forever for peers that never answer the close handshake (the reactor gives each
    // LiveReactor::kCloseTimeoutMs).
    QTimer::singleShot(3000, this, [this] {
        if (m_shutdownDone) {
            qCWarning(lcLive) << m_reactor.connectionCount() << "connections did not finish closing";
            auto done = std::move(m_shutdownDone);
            m_shutdownDone = nullptr;
            done();
        }
    });
    checkShutdownDone();
}

void LiveHub::closeAll(int code, const QString &reason)
{
    const QList<Id> ids = m_connections.keys();
    for (const Id id : ids)
        closeConnection(id, code, reason); // nothing more is sent to them
    if (!ids.isEmpty())
        qCInfo(lcLive) << "closed" << ids.size() << "live connections with" << code << reason;
}

void LiveHub::checkShutdownDone()
{
    if (m_shutdownDone && m_reactor.connectionCount() == 0) {
        auto done = std::move(m_shutdownDone);
        m_shutdownDone = nullptr;
        done();
    }
}

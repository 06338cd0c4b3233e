// The route handlers of HttpApi: authorization per resource, then LeagueReader/LeagueService.

#include "HttpApi.h"

#include "Clock.h"
#include "Database.h"
#include "HttpCompat.h"
#include "LeagueService.h"
#include "Logging.h"

#include <protocol/JsonReader.h>
#include <protocol/Me.h>
#include <protocol/Player.h>
#include <protocol/Squad.h>
#include <protocol/Timestamp.h>

#include <QJsonDocument>
#include <QUrlQuery>

using Protocol::ErrorCode;

namespace {

HttpApi::Reply fromResult(const ServiceResult<LeagueService::Change> &result, int okStatus)
{
    if (!result.isOk())
        return {Protocol::httpStatus(result.error().code), Protocol::errorBody(result.error().code, result.error().message)};
    return {okStatus, result.value().body};
}

} // namespace

HttpApi::Reply HttpApi::getMe(const Context &c)
{
    Protocol::Me me;
    me.role = c.who.isAdmin() ? Protocol::Me::Role::Admin : Protocol::Me::Role::Manager;
    me.teamId = c.who.teamId;
    me.name = c.who.name;
    me.protocol = QStringLiteral("1.1"); // this server has the 1.1 additions
    return {200, me.toJson()};
}

HttpApi::Reply HttpApi::getTeams(const Context &)
{
    return {200, m_league.reader().teams()};
}

HttpApi::Reply HttpApi::getSquad(const Context &c)
{
    // A manager asking for any other team gets 403, so existence is not leaked.
    if (!c.who.mayAccessTeam(c.arg))
        return error(ErrorCode::Forbidden, QStringLiteral("you may only read your own team"));
    const auto squad = m_league.reader().squad(c.arg);
    if (!squad)
        return error(ErrorCode::NotFound, QStringLiteral("no team %1").arg(c.arg));
    return {200, squad->toJson()};
}

HttpApi::Reply HttpApi::getWallet(const Context &c)
{
    if (!c.who.mayAccessTeam(c.arg))
        return error(ErrorCode::Forbidden, QStringLiteral("you may only read your own team"));
    const auto wallet = m_league.reader().wallet(c.arg);
    if (!wallet)
        return error(ErrorCode::NotFound, QStringLiteral("no team %1").arg(c.arg));
    return {200, wallet->toJson()};
}

HttpApi::Reply HttpApi::getRounds(const Context &)
{
    return {200, m_league.reader().rounds().toJson()};
}

HttpApi::Reply HttpApi::getPlayers(const Context &c)
{
    const QUrlQuery query = c.request.query();
    std::optional<Protocol::PlayerStatus> status;
    if (query.hasQueryItem(QStringLiteral("status"))) {
        const QString value = query.queryItemValue(QStringLiteral("status"));
        status = Protocol::parsePlayerStatus(value);
        if (!status && value != QLatin1String("all"))
            return error(ErrorCode::BadRequest,
                         QStringLiteral("status must be available, in_round, in_tiebreaker, sold or all"));
    }
    QString position;
    if (query.hasQueryItem(QStringLiteral("position"))) {
        position = query.queryItemValue(QStringLiteral("position"));
        if (!Protocol::isValidPosition(position))
            return error(ErrorCode::BadRequest, QStringLiteral("position must be GK, DEF, MID or FWD"));
    }
    // A manager learns that a player is sold, and to whom only for its own team.
    return {200, m_league.reader().catalogue(status, position, c.who.isAdmin() ? QString() : c.who.teamId).toJson()};
}

HttpApi::Reply HttpApi::getRoundBids(const Context &c)
{
    const auto bids = m_league.reader().roundBids(c.arg, c.who.isAdmin() ? QString() : c.who.teamId);
    if (!bids)
        return error(ErrorCode::NotFound, QStringLiteral("no round %1").arg(c.arg));
    return {200, bids->toJson()};
}

HttpApi::Reply HttpApi::getTiebreakers(const Context &c)
{
    const QUrlQuery query = c.request.query();
    QString status = query.hasQueryItem(QStringLiteral("status")) ? query.queryItemValue(QStringLiteral("status"))
                                                                   : QStringLiteral("active");
    static const QStringList allowed{QStringLiteral("active"), QStringLiteral("resolved"), QStringLiteral("cancelled"),
                                     QStringLiteral("all")};
    if (!allowed.contains(status))
        return error(ErrorCode::BadRequest, QStringLiteral("status must be active, resolved, cancelled or all"));
    if (status == QLatin1String("all"))
        status.clear();
    return {200, m_league.reader().tiebreakers(status, c.who.isAdmin() ? QString() : c.who.teamId).toJson()};
}

HttpApi::Reply HttpApi::getTiebreaker(const Context &c)
{
    const QStringList participants = m_league.reader().tiebreakerParticipants(c.arg);
    if (!c.who.isAdmin() && !participants.contains(c.who.teamId))
        return error(ErrorCode::Forbidden, QStringLiteral("only participants may read this tiebreaker"));
    const auto tiebreaker = m_league.reader().tiebreaker(c.arg, true);
    if (!tiebreaker)
        return error(ErrorCode::NotFound, QStringLiteral("no tiebreaker %1").arg(c.arg));
    return {200, tiebreaker->toJson()};
}

HttpApi::Reply HttpApi::postBid(const Context &c)
{
    return idempotent(c, 201, [&](const LeagueService::BeforeCommit &storeAnswer) -> Reply {
        Protocol::JsonReader reader(c.body, QStringLiteral("bid"));
        const QString playerId = reader.string(QLatin1String("player_id"));
        const qint64 amount = reader.integer(QLatin1String("amount"));
        if (!reader.ok())
            return error(ErrorCode::BadRequest, reader.error());
        if (amount < 1)
            return error(ErrorCode::BadRequest, QStringLiteral("amount must be an integer of at least 1"));
        if (c.who.isAdmin())
            return error(ErrorCode::Forbidden, QStringLiteral("only team managers place bids"));
        return fromResult(m_league.placeBid(c.who.teamId, c.arg, playerId, amount, storeAnswer), 201);
    });
}

HttpApi::Reply HttpApi::deleteBid(const Context &c)
{
    return idempotent(c, 200, [&](const LeagueService::BeforeCommit &storeAnswer) -> Reply {
        if (c.who.isAdmin())
            return error(ErrorCode::Forbidden, QStringLiteral("only team managers withdraw their bids"));
        return fromResult(m_league.withdrawBid(c.who.teamId, c.arg, c.arg2, storeAnswer), 200);
    });
}

HttpApi::Reply HttpApi::postRound(const Context &c)
{
    return idempotent(c, 201, [&](const LeagueService::BeforeCommit &storeAnswer) -> Reply {
        Protocol::JsonReader reader(c.body, QStringLiteral("round"));
        const QString position = reader.string(QLatin1String("position"));
        const QString currency = reader.string(QLatin1String("currency_type"));
        const QStringList playerIds = reader.stringList(QLatin1String("player_ids"));
        const QString closesAtText = reader.string(QLatin1String("closes_at"));
        if (!reader.ok())
            return error(ErrorCode::BadRequest, reader.error());
        const QDateTime closesAt = Protocol::parseTimestamp(closesAtText);
        if (!closesAt.isValid())
            return error(ErrorCode::BadRequest, QStringLiteral("closes_at must be an RFC 3339 time"));
        if (!c.who.isAdmin())
            return error(ErrorCode::Forbidden, QStringLiteral("admins only"));
        return fromResult(m_league.createRound(position, currency, playerIds, closesAt, storeAnswer), 201);
    });
}

HttpApi::Reply HttpApi::postFinalize(const Context &c)
{
    return idempotent(c, 200, [&](const LeagueService::BeforeCommit &storeAnswer) -> Reply {
        if (!c.who.isAdmin())
            return error(ErrorCode::Forbidden, QStringLiteral("admins only"));
        return fromResult(m_league.finalizeRound(c.arg, storeAnswer), 200);
    });
}

HttpApi::Reply HttpApi::deleteRound(const Context &c)
{
    return idempotent(c, 200, [&](const LeagueService::BeforeCommit &storeAnswer) -> Reply {
        if (!c.who.isAdmin())
            return error(ErrorCode::Forbidden, QStringLiteral("admins only"));
        return fromResult(m_league.deleteRound(c.arg, storeAnswer), 200);
    });
}

HttpApi::Reply HttpApi::postResolve(const Context &c)
{
    return idempotent(c, 200, [&](const LeagueService::BeforeCommit &storeAnswer) -> Reply {
        if (!c.who.isAdmin())
            return error(ErrorCode::Forbidden, QStringLiteral("admins only"));
        return fromResult(m_league.resolveTiebreaker(c.arg, storeAnswer), 200);
    });
}

HttpApi::Reply HttpApi::postTiebreakerBid(const Context &c)
{
    return idempotent(c, 201, [&](const LeagueService::BeforeCommit &storeAnswer) -> Reply {
        Protocol::JsonReader reader(c.body, QStringLiteral("bid"));
        const qint64 amount = reader.integer(QLatin1String("amount"));
        if (!reader.ok())
            return error(ErrorCode::BadRequest, reader.error());
        if (amount < 1)
            return error(ErrorCode::BadRequest, QStringLiteral("amount must be an integer of at least 1"));
        if (c.who.isAdmin())
            return error(ErrorCode::Forbidden, QStringLiteral("only participating managers bid"));
        return fromResult(m_league.placeTiebreakerBid(c.who.teamId, c.arg, amount, storeAnswer), 201);
    });
}

HttpApi::Reply HttpApi::idempotent(const Context &c, int okStatus, const Write &write)
{
    const QString key = QString::fromUtf8(HttpCompat::header(c.request, "Idempotency-Key")).trimmed();
    if (key.size() > IdempotencyStore::kMaxKeyLength)
        return error(ErrorCode::BadRequest, QStringLiteral("Idempotency-Key is limited to 128 characters"));
    if (key.isEmpty())
        return write({});
    const QString path = c.request.url().path();
    const QString requestHash =
        IdempotencyStore::requestHash(QJsonDocument(c.body).toJson(QJsonDocument::Compact));

    // A repeat gets the first answer; the same key with another body is a client bug.
    if (const auto stored = m_idempotency.find(c.who.tokenHash, path, key)) {
        if (stored->requestHash != requestHash)
            return error(ErrorCode::IdempotencyMismatch,
                         QStringLiteral("this Idempotency-Key was used with a different body"));
        return {stored->status, QJsonDocument::fromJson(stored->body).object()};
    }
    // Stored in the change's own transaction: a crash cannot leave a change without its key.
    const LeagueService::BeforeCommit storeAnswer = [&](const LeagueService::Change &change) {
        // Inside the change's transaction, after its write lock: a request with the same key that
        // another instance committed meanwhile is visible now.
        if (m_idempotency.find(c.who.tokenHash, path, key))
            throw IdempotencyStore::StoredMeanwhile{};
        m_idempotency.store(c.who.tokenHash, path, key,
                            {requestHash, okStatus, QJsonDocument(change.body).toJson(QJsonDocument::Compact)},
                            m_league.clock().now());
        m_idempotency.prune(m_league.clock().now());
    };
    std::optional<Reply> written;
    try {
        written = write(storeAnswer);
    } catch (const IdempotencyStore::StoredMeanwhile &) {
        std::optional<IdempotencyStore::Answer> stored;
        try {
            stored = m_idempotency.find(c.who.tokenHash, path, key);
        } catch (const DbError &e) {
            qCWarning(lcDb) << "could not read an idempotent answer:" << e.what();
        }
        if (!stored)
            return error(ErrorCode::Internal, QStringLiteral("internal error"));
        if (stored->requestHash != requestHash)
            return error(ErrorCode::IdempotencyMismatch,
                         QStringLiteral("this Idempotency-Key was used with a different body"));
        return {stored->status, QJsonDocument::fromJson(stored->body).object()};
    }
    const Reply reply = *written;
    // Error answers are kept too, except 429 and 5xx (PROTOCOL.md); they changed nothing. Not for
    // an unknown resource (404) or one the caller may not touch (403, which is also what a manager
    // hears about a tiebreaker that does not exist): only requests that reached a real resource
    // may cost storage, and a repeat of those gets the same answer anyway.
    if (!c.dryRun && reply.status >= 400 && reply.status < 500 && reply.status != 429 && reply.status != 404
        && reply.status != 403) {
        try {
            m_idempotency.store(c.who.tokenHash, path, key,
                                {requestHash, reply.status, QJsonDocument(reply.body).toJson(QJsonDocument::Compact)},
                                m_league.clock().now());
        } catch (const DbError &e) {
            qCWarning(lcDb) << "could not store an idempotent answer:" << e.what();
        }
    }
    return reply;
}

#include "EventRouter.h"

#include <protocol/Channel.h>
#include <protocol/Events.h>
#include <protocol/JsonReader.h>

#include <QJsonArray>

namespace EventRouter {

namespace {

using Result = std::optional<QList<Invalidation>>;

QString validId(Protocol::JsonReader &reader, QLatin1StringView field)
{
    const QString id = reader.string(field);
    if (reader.ok() && !Protocol::isValidId(id))
        reader.fail(QStringLiteral("field \"%1\" is not a valid id").arg(field));
    return id;
}

// squad_update -> the squad of that team
Result squadUpdate(const QJsonObject &data)
{
    const auto update = Protocol::parseSquadUpdate(data);
    if (!update || !Protocol::isValidId(update->teamId))
        return std::nullopt;
    return QList<Invalidation>{{QueryKey::squad(update->teamId), update->revision}};
}

// wallet_update -> the wallet of that team
Result walletUpdate(const QJsonObject &data)
{
    const auto update = Protocol::parseWalletUpdate(data);
    if (!update || !Protocol::isValidId(update->teamId))
        return std::nullopt;
    return QList<Invalidation>{{QueryKey::wallet(update->teamId), update->revision}};
}

// tiebreaker_bid -> that tiebreaker and the lists (highest bids)
Result tiebreakerBid(const QJsonObject &data)
{
    Protocol::JsonReader reader(data, QStringLiteral("tiebreaker_bid"));
    const QString id = validId(reader, QLatin1String("tiebreaker_id"));
    if (!reader.ok())
        return std::nullopt;
    return QList<Invalidation>{{QueryKey::tiebreaker(id), std::nullopt},
                               {QueryKey::activeTiebreakers(), std::nullopt},
                               {QueryKey::allTiebreakers(), std::nullopt, id}};
}

// tiebreaker_created / tiebreaker_resolved -> the lists, that tiebreaker, and the squads and
// wallets of the teams involved (participants when named, the winner when there is one).
Result tiebreakerLifecycle(const QJsonObject &data)
{
    Protocol::JsonReader reader(data, QStringLiteral("tiebreaker"));
    const QString id = validId(reader, QLatin1String("tiebreaker_id"));
    QStringList teams;
    if (reader.has(QLatin1String("participants")))
        teams = reader.stringList(QLatin1String("participants"));
    const QString winner = reader.optionalString(QLatin1String("winner_team_id"));
    if (!winner.isEmpty() && !teams.contains(winner))
        teams.append(winner);
    if (!reader.ok())
        return std::nullopt;
    QList<Invalidation> result{{QueryKey::activeTiebreakers(), std::nullopt},
                               {QueryKey::allTiebreakers(), std::nullopt, id},
                               {QueryKey::tiebreaker(id), std::nullopt}};
    for (const QString &team : std::as_const(teams)) {
        if (!Protocol::isValidId(team))
            return std::nullopt;
        result.append({QueryKey::squad(team), std::nullopt});
        result.append({QueryKey::wallet(team), std::nullopt});
    }
    return result;
}

// Protocol 1.1, channel `rounds`: round_created -> the rounds list
Result roundCreated(const QJsonObject &data)
{
    const auto e = Protocol::parseRoundCreated(data);
    if (!e || !Protocol::isValidId(e->roundId))
        return std::nullopt;
    return QList<Invalidation>{{QueryKey::rounds(), e->revision}};
}

// round_finalized / round_deleted -> the rounds list and the round's bids (squads and wallets
// hear about their own changes on the team channels)
Result roundFinalized(const QJsonObject &data)
{
    const auto e = Protocol::parseRoundFinalized(data);
    if (!e || !Protocol::isValidId(e->roundId))
        return std::nullopt;
    return QList<Invalidation>{{QueryKey::rounds(), e->revision}, {QueryKey::roundBids(e->roundId), std::nullopt}};
}

Result roundDeleted(const QJsonObject &data)
{
    const auto e = Protocol::parseRoundDeleted(data);
    if (!e || !Protocol::isValidId(e->roundId))
        return std::nullopt;
    return QList<Invalidation>{{QueryKey::rounds(), e->revision}, {QueryKey::roundBids(e->roundId), std::nullopt}};
}

// players_changed -> the catalogue, at the catalogue's revision
Result playersChanged(const QJsonObject &data)
{
    const auto e = Protocol::parsePlayersChanged(data);
    if (!e)
        return std::nullopt;
    return QList<Invalidation>{{QueryKey::players(), e->revision}};
}

// round_bid (team channel) -> that round's bids
Result roundBid(const QJsonObject &data)
{
    const auto e = Protocol::parseRoundBid(data);
    if (!e || !Protocol::isValidId(e->roundId))
        return std::nullopt;
    return QList<Invalidation>{{QueryKey::roundBids(e->roundId), std::nullopt}};
}

struct Route
{
    QLatin1StringView type;
    Result (*invalidations)(const QJsonObject &);
};

constexpr Route routes[] = {
    {Protocol::EventType::SquadUpdate, squadUpdate},
    {Protocol::EventType::WalletUpdate, walletUpdate},
    {Protocol::EventType::TiebreakerBid, tiebreakerBid},
    {Protocol::EventType::TiebreakerCreated, tiebreakerLifecycle},
    {Protocol::EventType::TiebreakerResolved, tiebreakerLifecycle},
    {Protocol::EventType::RoundCreated, roundCreated},
    {Protocol::EventType::RoundFinalized, roundFinalized},
    {Protocol::EventType::RoundDeleted, roundDeleted},
    {Protocol::EventType::PlayersChanged, playersChanged},
    {Protocol::EventType::RoundBid, roundBid},
};

} // namespace

std::optional<QList<Invalidation>> invalidationsFor(const QString &type, const QJsonObject &data)
{
    for (const Route &route : routes) {
        if (type == route.type)
            return route.invalidations(data);
    }
    return QList<Invalidation>{}; // PROTOCOL.md: unknown event types are ignored
}

} // namespace EventRouter

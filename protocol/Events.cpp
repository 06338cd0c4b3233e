#include "Events.h"

#include "JsonReader.h"

#include <QJsonArray>

namespace Protocol {

QJsonObject SquadUpdate::toJson() const
{
    return {{QLatin1String("team_id"), teamId},
            {QLatin1String("revision"), revision},
            {QLatin1String("player_id"), playerId},
            {QLatin1String("player_name"), playerName},
            {QLatin1String("action"), action == Action::Acquired ? QLatin1String("acquired") : QLatin1String("removed")},
            {QLatin1String("price"), price},
            {QLatin1String("currency_type"), currencyType},
            {QLatin1String("round_id"), roundId}};
}

Parsed<SquadUpdate> parseSquadUpdate(const QJsonObject &data)
{
    JsonReader reader(data, QStringLiteral("squad_update"));
    SquadUpdate u;
    u.teamId = reader.string(QLatin1String("team_id"));
    u.revision = reader.integer(QLatin1String("revision"));
    u.playerId = reader.string(QLatin1String("player_id"));
    u.playerName = reader.string(QLatin1String("player_name"));
    const QString action = reader.string(QLatin1String("action"));
    u.price = reader.integer(QLatin1String("price"));
    u.currencyType = reader.string(QLatin1String("currency_type"));
    u.roundId = reader.string(QLatin1String("round_id"));
    if (reader.ok()) {
        if (action == QLatin1String("acquired"))
            u.action = SquadUpdate::Action::Acquired;
        else if (action == QLatin1String("removed"))
            u.action = SquadUpdate::Action::Removed;
        else
            reader.fail(QStringLiteral("unknown action \"%1\"").arg(action));
    }
    if (!reader.ok())
        return Parsed<SquadUpdate>::fail(reader.error());
    return Parsed<SquadUpdate>::ok(std::move(u));
}

QJsonObject WalletUpdate::toJson() const
{
    QJsonObject object{{QLatin1String("team_id"), teamId},
                       {QLatin1String("revision"), revision},
                       {QLatin1String("currency_type"), currencyType},
                       {QLatin1String("new_balance"), newBalance},
                       {QLatin1String("player_id"), playerId}};
    if (isRefund)
        object.insert(QLatin1String("amount_refunded"), amountRefunded);
    else
        object.insert(QLatin1String("amount_spent"), amountSpent);
    return object;
}

Parsed<WalletUpdate> parseWalletUpdate(const QJsonObject &data)
{
    JsonReader reader(data, QStringLiteral("wallet_update"));
    WalletUpdate u;
    u.teamId = reader.string(QLatin1String("team_id"));
    u.revision = reader.integer(QLatin1String("revision"));
    u.currencyType = reader.string(QLatin1String("currency_type"));
    u.newBalance = reader.integer(QLatin1String("new_balance"));
    u.playerId = reader.optionalString(QLatin1String("player_id"));
    if (reader.has(QLatin1String("amount_refunded"))) {
        u.isRefund = true;
        u.amountRefunded = reader.integer(QLatin1String("amount_refunded"));
    } else {
        u.amountSpent = reader.integer(QLatin1String("amount_spent"));
    }
    if (!reader.ok())
        return Parsed<WalletUpdate>::fail(reader.error());
    return Parsed<WalletUpdate>::ok(std::move(u));
}

namespace {

template <typename T>
Parsed<T> finish(const JsonReader &reader, T value)
{
    if (!reader.ok())
        return Parsed<T>::fail(reader.error());
    return Parsed<T>::ok(std::move(value));
}

} // namespace

QJsonObject TiebreakerCreated::toJson() const
{
    return {{QLatin1String("tiebreaker_id"), tiebreakerId},
            {QLatin1String("player_id"), playerId},
            {QLatin1String("player_name"), playerName},
            {QLatin1String("participants"), QJsonArray::fromStringList(participants)},
            {QLatin1String("starting_amount"), startingAmount},
            {QLatin1String("deadline"), deadline}};
}

Parsed<TiebreakerCreated> parseTiebreakerCreated(const QJsonObject &data)
{
    JsonReader reader(data, QStringLiteral("tiebreaker_created"));
    TiebreakerCreated e;
    e.tiebreakerId = reader.string(QLatin1String("tiebreaker_id"));
    e.playerId = reader.string(QLatin1String("player_id"));
    e.playerName = reader.string(QLatin1String("player_name"));
    e.participants = reader.stringList(QLatin1String("participants"));
    e.startingAmount = reader.integer(QLatin1String("starting_amount"));
    e.deadline = reader.string(QLatin1String("deadline"));
    return finish(reader, std::move(e));
}

QJsonObject TiebreakerBidPlaced::toJson() const
{
    return {{QLatin1String("tiebreaker_id"), tiebreakerId},
            {QLatin1String("team_id"), teamId},
            {QLatin1String("team_name"), teamName},
            {QLatin1String("bid_amount"), bidAmount},
            {QLatin1String("ts"), ts},
            {QLatin1String("deadline"), deadline}};
}

Parsed<TiebreakerBidPlaced> parseTiebreakerBidPlaced(const QJsonObject &data)
{
    JsonReader reader(data, QStringLiteral("tiebreaker_bid"));
    TiebreakerBidPlaced e;
    e.tiebreakerId = reader.string(QLatin1String("tiebreaker_id"));
    e.teamId = reader.string(QLatin1String("team_id"));
    e.teamName = reader.string(QLatin1String("team_name"));
    e.bidAmount = reader.integer(QLatin1String("bid_amount"));
    e.ts = reader.string(QLatin1String("ts"));
    e.deadline = reader.string(QLatin1String("deadline"));
    return finish(reader, std::move(e));
}

QJsonObject TiebreakerResolved::toJson() const
{
    const QJsonValue null(QJsonValue::Null);
    return {{QLatin1String("tiebreaker_id"), tiebreakerId},
            {QLatin1String("status"), cancelled ? QLatin1String("cancelled") : QLatin1String("resolved")},
            {QLatin1String("winner_team_id"), cancelled ? null : QJsonValue(winnerTeamId)},
            {QLatin1String("winner_team_name"), cancelled ? null : QJsonValue(winnerTeamName)},
            {QLatin1String("amount"), cancelled ? null : QJsonValue(amount)}};
}

Parsed<TiebreakerResolved> parseTiebreakerResolved(const QJsonObject &data)
{
    JsonReader reader(data, QStringLiteral("tiebreaker_resolved"));
    TiebreakerResolved e;
    e.tiebreakerId = reader.string(QLatin1String("tiebreaker_id"));
    const QString status = reader.string(QLatin1String("status"));
    e.winnerTeamId = reader.optionalString(QLatin1String("winner_team_id"));
    e.winnerTeamName = reader.optionalString(QLatin1String("winner_team_name"));
    e.amount = reader.optionalInteger(QLatin1String("amount")).value_or(0);
    if (reader.ok()) {
        if (status == QLatin1String("cancelled"))
            e.cancelled = true;
        else if (status != QLatin1String("resolved"))
            reader.fail(QStringLiteral("unknown status \"%1\"").arg(status));
    }
    return finish(reader, std::move(e));
}

QJsonObject RoundCreated::toJson() const
{
    return {{QLatin1String("round_id"), roundId},
            {QLatin1String("revision"), revision},
            {QLatin1String("position"), position},
            {QLatin1String("currency_type"), currencyType},
            {QLatin1String("player_ids"), QJsonArray::fromStringList(playerIds)},
            {QLatin1String("closes_at"), closesAt}};
}

Parsed<RoundCreated> parseRoundCreated(const QJsonObject &data)
{
    JsonReader reader(data, QStringLiteral("round_created"));
    RoundCreated e;
    e.roundId = reader.string(QLatin1String("round_id"));
    e.revision = reader.integer(QLatin1String("revision"));
    e.position = reader.string(QLatin1String("position"));
    e.currencyType = reader.string(QLatin1String("currency_type"));
    e.playerIds = reader.stringList(QLatin1String("player_ids"));
    e.closesAt = reader.string(QLatin1String("closes_at"));
    return finish(reader, std::move(e));
}

QJsonObject RoundFinalized::toJson() const
{
    return {{QLatin1String("round_id"), roundId},
            {QLatin1String("revision"), revision},
            {QLatin1String("acquired_count"), acquiredCount},
            {QLatin1String("tiebreaker_ids"), QJsonArray::fromStringList(tiebreakerIds)}};
}

Parsed<RoundFinalized> parseRoundFinalized(const QJsonObject &data)
{
    JsonReader reader(data, QStringLiteral("round_finalized"));
    RoundFinalized e;
    e.roundId = reader.string(QLatin1String("round_id"));
    e.revision = reader.integer(QLatin1String("revision"));
    e.acquiredCount = reader.integer(QLatin1String("acquired_count"));
    e.tiebreakerIds = reader.stringList(QLatin1String("tiebreaker_ids"));
    return finish(reader, std::move(e));
}

QJsonObject RoundDeleted::toJson() const
{
    return {{QLatin1String("round_id"), roundId}, {QLatin1String("revision"), revision}};
}

Parsed<RoundDeleted> parseRoundDeleted(const QJsonObject &data)
{
    JsonReader reader(data, QStringLiteral("round_deleted"));
    RoundDeleted e;
    e.roundId = reader.string(QLatin1String("round_id"));
    e.revision = reader.integer(QLatin1String("revision"));
    return finish(reader, std::move(e));
}

QJsonObject PlayersChanged::toJson() const
{
    return {{QLatin1String("revision"), revision}, {QLatin1String("player_ids"), QJsonArray::fromStringList(playerIds)}};
}

Parsed<PlayersChanged> parsePlayersChanged(const QJsonObject &data)
{
    JsonReader reader(data, QStringLiteral("players_changed"));
    PlayersChanged e;
    e.revision = reader.integer(QLatin1String("revision"));
    e.playerIds = reader.stringList(QLatin1String("player_ids"));
    return finish(reader, std::move(e));
}

QJsonObject RoundBid::toJson() const
{
    return {{QLatin1String("team_id"), teamId},
            {QLatin1String("round_id"), roundId},
            {QLatin1String("player_id"), playerId},
            {QLatin1String("amount"), amount ? QJsonValue(*amount) : QJsonValue(QJsonValue::Null)},
            {QLatin1String("ts"), ts}};
}

Parsed<RoundBid> parseRoundBid(const QJsonObject &data)
{
    JsonReader reader(data, QStringLiteral("round_bid"));
    RoundBid e;
    e.teamId = reader.string(QLatin1String("team_id"));
    e.roundId = reader.string(QLatin1String("round_id"));
    e.playerId = reader.string(QLatin1String("player_id"));
    if (!reader.has(QLatin1String("amount")))
        reader.fail(QStringLiteral("missing field \"amount\""));
    e.amount = reader.optionalInteger(QLatin1String("amount"));
    e.ts = reader.string(QLatin1String("ts"));
    return finish(reader, std::move(e));
}

} // namespace Protocol

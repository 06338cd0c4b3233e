#include "TiebreakerData.h"

#include "ModelsLog.h"

#include <protocol/JsonReader.h>
#include <protocol/Timestamp.h>

#include <QJsonArray>

std::optional<TiebreakerBid> parseTiebreakerBid(const QJsonObject &object)
{
    Protocol::JsonReader reader(object, QStringLiteral("bid"));
    TiebreakerBid bid;
    bid.teamId = reader.string(QLatin1String("team_id"));
    bid.teamName = reader.optionalString(QLatin1String("team_name"));
    bid.amount = reader.integer(QLatin1String("amount"));
    bid.ts = reader.string(QLatin1String("ts"));
    if (!reader.ok())
        return std::nullopt;
    return bid;
}

std::optional<Tiebreaker> parseTiebreaker(const QJsonObject &object)
{
    Protocol::JsonReader reader(object, QStringLiteral("tiebreaker"));
    Tiebreaker t;
    t.tiebreakerId = reader.string(QLatin1String("tiebreaker_id"));
    t.playerId = reader.optionalString(QLatin1String("player_id"));
    t.playerName = reader.optionalString(QLatin1String("player_name"));
    t.roundId = reader.optionalString(QLatin1String("round_id"));
    t.currencyType = reader.optionalString(QLatin1String("currency_type"));
    t.status = reader.string(QLatin1String("status"));
    if (reader.has(QLatin1String("participants")))
        t.participants = reader.stringList(QLatin1String("participants"));
    t.startingAmount = reader.integer(QLatin1String("starting_amount"));
    t.minIncrement = reader.integer(QLatin1String("min_increment"));
    t.deadline = Protocol::parseTimestamp(reader.optionalString(QLatin1String("deadline")));
    t.winnerTeamId = reader.optionalString(QLatin1String("winner_team_id"));
    // Protocol 1.1; null (or missing from a 1.0 server) until resolved.
    if (const QJsonValue paid = object.value(QLatin1String("winning_amount")); paid.isDouble())
        t.winningAmount = qint64(paid.toDouble());
    if (!reader.ok()) {
        qCWarning(lcModels) << "skipping a tiebreaker that does not parse:" << reader.error();
        return std::nullopt;
    }
    if (const QJsonValue highest = object.value(QLatin1String("highest_bid")); highest.isObject())
        t.highestBid = parseTiebreakerBid(highest.toObject());
    const QJsonArray bids = object.value(QLatin1String("bids")).toArray();
    for (const QJsonValue &value : bids) {
        if (auto bid = parseTiebreakerBid(value.toObject()))
            t.bids.append(*bid);
    }
    return t;
}

QList<Tiebreaker> parseTiebreakerList(const QJsonObject &answer)
{
    QList<Tiebreaker> list;
    const QJsonArray array = answer.value(QLatin1String("tiebreakers")).toArray();
    for (const QJsonValue &value : array) {
        if (auto t = parseTiebreaker(value.toObject()))
            list.append(std::move(*t));
    }
    return list;
}

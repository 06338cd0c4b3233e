#include "Tiebreaker.h"

#include "JsonReader.h"
#include "Timestamp.h"

#include <QJsonArray>

namespace Protocol {

QString TiebreakerBid::key() const
{
    return teamId + QLatin1Char('|') + ts + QLatin1Char('|') + QString::number(amount);
}

QJsonObject TiebreakerBid::toJson() const
{
    return {{QLatin1String("team_id"), teamId},
            {QLatin1String("team_name"), teamName},
            {QLatin1String("amount"), amount},
            {QLatin1String("ts"), ts}};
}

Parsed<TiebreakerBid> parseTiebreakerBid(const QJsonObject &object)
{
    JsonReader reader(object, QStringLiteral("tiebreaker bid"));
    TiebreakerBid bid;
    bid.teamId = reader.string(QLatin1String("team_id"));
    bid.teamName = reader.string(QLatin1String("team_name"));
    bid.amount = reader.integer(QLatin1String("amount"));
    bid.ts = reader.string(QLatin1String("ts"));
    if (reader.ok() && !parseTimestamp(bid.ts).isValid())
        reader.fail(QStringLiteral("ts is not an RFC 3339 time"));
    if (!reader.ok())
        return Parsed<TiebreakerBid>::fail(reader.error());
    return Parsed<TiebreakerBid>::ok(std::move(bid));
}

QString tiebreakerStatusName(TiebreakerStatus status)
{
    switch (status) {
    case TiebreakerStatus::Active: return QStringLiteral("active");
    case TiebreakerStatus::Resolved: return QStringLiteral("resolved");
    case TiebreakerStatus::Cancelled: return QStringLiteral("cancelled");
    }
    return {};
}

std::optional<TiebreakerStatus> parseTiebreakerStatus(const QString &name)
{
    for (TiebreakerStatus s : {TiebreakerStatus::Active, TiebreakerStatus::Resolved, TiebreakerStatus::Cancelled}) {
        if (tiebreakerStatusName(s) == name)
            return s;
    }
    return std::nullopt;
}

QDateTime Tiebreaker::deadlineTime() const
{
    return parseTimestamp(deadline);
}

qint64 Tiebreaker::minimumNextBid() const
{
    return highestBid ? highestBid->amount + minIncrement : startingAmount;
}

bool Tiebreaker::highestBidLost() const
{
    return !winnerTeamId.isEmpty() && highestBid && highestBid->teamId != winnerTeamId;
}

qint64 Tiebreaker::pricePaid() const
{
    if (winnerTeamId.isEmpty())
        return -1;
    if (winningAmount)
        return *winningAmount;
    if (highestBid && highestBid->teamId == winnerTeamId)
        return highestBid->amount;
    qint64 best = -1;
    for (const TiebreakerBid &bid : bids.value_or(QList<TiebreakerBid>())) {
        if (bid.teamId == winnerTeamId && bid.amount > best)
            best = bid.amount;
    }
    return best;
}

QString Tiebreaker::winnerTeamName() const
{
    if (highestBid && highestBid->teamId == winnerTeamId)
        return highestBid->teamName;
    for (const TiebreakerBid &bid : bids.value_or(QList<TiebreakerBid>())) {
        if (bid.teamId == winnerTeamId && !bid.teamName.isEmpty())
            return bid.teamName;
    }
    return {};
}

QJsonObject Tiebreaker::toJson() const
{
    const QJsonValue null(QJsonValue::Null);
    QJsonObject object{{QLatin1String("tiebreaker_id"), tiebreakerId},
                       {QLatin1String("player_id"), playerId},
                       {QLatin1String("player_name"), playerName},
                       {QLatin1String("round_id"), roundId},
                       {QLatin1String("currency_type"), currencyType},
                       {QLatin1String("status"), tiebreakerStatusName(status)},
                       {QLatin1String("participants"), QJsonArray::fromStringList(participants)},
                       {QLatin1String("starting_amount"), startingAmount},
                       {QLatin1String("highest_bid"), highestBid ? QJsonValue(highestBid->toJson()) : null},
                       {QLatin1String("min_increment"), minIncrement},
                       {QLatin1String("deadline"), deadline},
                       {QLatin1String("winner_team_id"), winnerTeamId.isEmpty() ? null : QJsonValue(winnerTeamId)},
                       {QLatin1String("winning_amount"), winningAmount ? QJsonValue(*winningAmount) : null}};
    if (bids) {
        QJsonArray list;
        for (const TiebreakerBid &bid : *bids)
            list.append(bid.toJson());
        object.insert(QLatin1String("bids"), list);
    }
    return object;
}

Parsed<Tiebreaker> parseTiebreaker(const QJsonObject &object)
{
    JsonReader reader(object, QStringLiteral("tiebreaker"));
    Tiebreaker t;
    t.tiebreakerId = reader.string(QLatin1String("tiebreaker_id"));
    t.playerId = reader.string(QLatin1String("player_id"));
    t.playerName = reader.string(QLatin1String("player_name"));
    t.roundId = reader.string(QLatin1String("round_id"));
    t.currencyType = reader.string(QLatin1String("currency_type"));
    const QString status = reader.string(QLatin1String("status"));
    t.participants = reader.stringList(QLatin1String("participants"));
    t.startingAmount = reader.integer(QLatin1String("starting_amount"));
    t.minIncrement = reader.integer(QLatin1String("min_increment"));
    t.deadline = reader.string(QLatin1String("deadline"));
    t.winnerTeamId = reader.optionalString(QLatin1String("winner_team_id"));
    t.winningAmount = reader.optionalInteger(QLatin1String("winning_amount"));
    if (reader.ok()) {
        if (const auto s = parseTiebreakerStatus(status))
            t.status = *s;
        else
            reader.fail(QStringLiteral("unknown status \"%1\"").arg(status));
    }
    if (reader.ok() && !parseTimestamp(t.deadline).isValid())
        reader.fail(QStringLiteral("deadline is not an RFC 3339 time"));
    if (!reader.ok())
        return Parsed<Tiebreaker>::fail(reader.error());
    const QJsonValue highest = object.value(QLatin1String("highest_bid"));
    if (highest.isObject()) {
        auto bid = parseTiebreakerBid(highest.toObject());
        if (!bid)
            return Parsed<Tiebreaker>::fail(QStringLiteral("tiebreaker: highest_bid: ") + bid.error());
        t.highestBid = bid.value();
    } else if (!highest.isNull()) {
        return Parsed<Tiebreaker>::fail(QStringLiteral("tiebreaker: highest_bid must be an object or null"));
    }
    if (object.contains(QLatin1String("bids"))) {
        const QJsonArray bids = reader.array(QLatin1String("bids"));
        if (!reader.ok())
            return Parsed<Tiebreaker>::fail(reader.error());
        QList<TiebreakerBid> list;
        for (qsizetype i = 0; i < bids.size(); ++i) {
            if (!bids.at(i).isObject())
                return Parsed<Tiebreaker>::fail(QStringLiteral("tiebreaker: bids[%1] must be an object").arg(i));
            auto bid = parseTiebreakerBid(bids.at(i).toObject());
            if (!bid)
                return Parsed<Tiebreaker>::fail(QStringLiteral("tiebreaker: bids[%1]: %2").arg(i).arg(bid.error()));
            list.append(bid.value());
        }
        t.bids = std::move(list);
    }
    return Parsed<Tiebreaker>::ok(std::move(t));
}

QJsonObject TiebreakerList::toJson() const
{
    QJsonArray list;
    for (const Tiebreaker &t : tiebreakers)
        list.append(t.toJson());
    return {{QLatin1String("tiebreakers"), list}};
}

Parsed<TiebreakerList> parseTiebreakerList(const QJsonObject &object)
{
    JsonReader reader(object, QStringLiteral("tiebreakers"));
    const QJsonArray items = reader.array(QLatin1String("tiebreakers"));
    if (!reader.ok())
        return Parsed<TiebreakerList>::fail(reader.error());
    TiebreakerList list;
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (!items.at(i).isObject())
            return Parsed<TiebreakerList>::fail(QStringLiteral("tiebreakers[%1] must be an object").arg(i));
        auto t = parseTiebreaker(items.at(i).toObject());
        if (!t)
            return Parsed<TiebreakerList>::fail(QStringLiteral("tiebreakers[%1]: %2").arg(i).arg(t.error()));
        list.tiebreakers.append(std::move(t.value()));
    }
    return Parsed<TiebreakerList>::ok(std::move(list));
}

} // namespace Protocol

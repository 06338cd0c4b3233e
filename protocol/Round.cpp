#include "Round.h"

#include "JsonReader.h"
#include "Squad.h"
#include "Timestamp.h"

#include <QJsonArray>

namespace Protocol {

namespace {

// Reads list items with `parse`, naming the failing index.
template <typename T, typename Fn>
std::optional<QString> parseList(const QJsonArray &items, const QString &context, Fn &&parse, QList<T> *out)
{
    out->reserve(items.size());
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (!items.at(i).isObject())
            return QStringLiteral("%1[%2] must be an object").arg(context).arg(i);
        Parsed<T> item = parse(items.at(i).toObject());
        if (!item)
            return QStringLiteral("%1[%2]: %3").arg(context).arg(i).arg(item.error());
        out->append(std::move(item.value()));
    }
    return std::nullopt;
}

} // namespace

QJsonObject Round::toJson() const
{
    return {{QLatin1String("round_id"), roundId},
            {QLatin1String("position"), position},
            {QLatin1String("currency_type"), currencyType},
            {QLatin1String("status"), status == Status::Open ? QLatin1String("open") : QLatin1String("finalized")},
            {QLatin1String("player_ids"), QJsonArray::fromStringList(playerIds)},
            {QLatin1String("closes_at"), closesAt}};
}

Parsed<Round> parseRound(const QJsonObject &object)
{
    JsonReader reader(object, QStringLiteral("round"));
    Round round;
    round.roundId = reader.string(QLatin1String("round_id"));
    round.position = reader.string(QLatin1String("position"));
    round.currencyType = reader.string(QLatin1String("currency_type"));
    const QString status = reader.string(QLatin1String("status"));
    round.playerIds = reader.stringList(QLatin1String("player_ids"));
    round.closesAt = reader.string(QLatin1String("closes_at"));
    if (reader.ok() && !isValidPosition(round.position))
        reader.fail(QStringLiteral("unknown position \"%1\"").arg(round.position));
    if (reader.ok()) {
        if (status == QLatin1String("open"))
            round.status = Round::Status::Open;
        else if (status == QLatin1String("finalized"))
            round.status = Round::Status::Finalized;
        else
            reader.fail(QStringLiteral("unknown status \"%1\"").arg(status));
    }
    if (reader.ok() && !parseTimestamp(round.closesAt).isValid())
        reader.fail(QStringLiteral("closes_at is not an RFC 3339 time"));
    if (!reader.ok())
        return Parsed<Round>::fail(reader.error());
    return Parsed<Round>::ok(std::move(round));
}

QJsonObject RoundList::toJson() const
{
    QJsonArray list;
    for (const Round &r : rounds)
        list.append(r.toJson());
    QJsonObject object{{QLatin1String("rounds"), list}};
    if (revision)
        object.insert(QLatin1String("revision"), *revision);
    return object;
}

Parsed<RoundList> parseRoundList(const QJsonObject &object)
{
    JsonReader reader(object, QStringLiteral("rounds"));
    RoundList list;
    list.revision = reader.optionalInteger(QLatin1String("revision"));
    const QJsonArray rounds = reader.array(QLatin1String("rounds"));
    if (!reader.ok())
        return Parsed<RoundList>::fail(reader.error());
    if (const auto failed = parseList(rounds, QStringLiteral("rounds: rounds"), parseRound, &list.rounds))
        return Parsed<RoundList>::fail(*failed);
    return Parsed<RoundList>::ok(std::move(list));
}

QJsonObject SealedBid::toJson() const
{
    return {{QLatin1String("round_id"), roundId},
            {QLatin1String("player_id"), playerId},
            {QLatin1String("team_id"), teamId},
            {QLatin1String("amount"), amount},
            {QLatin1String("ts"), ts}};
}

Parsed<SealedBid> parseSealedBid(const QJsonObject &object)
{
    JsonReader reader(object, QStringLiteral("bid"));
    SealedBid bid;
    bid.roundId = reader.string(QLatin1String("round_id"));
    bid.playerId = reader.string(QLatin1String("player_id"));
    bid.teamId = reader.string(QLatin1String("team_id"));
    bid.amount = reader.integer(QLatin1String("amount"));
    bid.ts = reader.string(QLatin1String("ts"));
    if (reader.ok() && bid.amount < 1)
        reader.fail(QStringLiteral("amount must be at least 1"));
    if (reader.ok() && !parseTimestamp(bid.ts).isValid())
        reader.fail(QStringLiteral("ts is not an RFC 3339 time"));
    if (!reader.ok())
        return Parsed<SealedBid>::fail(reader.error());
    return Parsed<SealedBid>::ok(std::move(bid));
}

QJsonObject RoundBids::toJson() const
{
    QJsonArray list;
    for (const SealedBid &b : bids)
        list.append(b.toJson());
    return {{QLatin1String("bids"), list}};
}

Parsed<RoundBids> parseRoundBids(const QJsonObject &object)
{
    JsonReader reader(object, QStringLiteral("round bids"));
    const QJsonArray bids = reader.array(QLatin1String("bids"));
    if (!reader.ok())
        return Parsed<RoundBids>::fail(reader.error());
    RoundBids result;
    if (const auto failed = parseList(bids, QStringLiteral("round bids: bids"), parseSealedBid, &result.bids))
        return Parsed<RoundBids>::fail(*failed);
    return Parsed<RoundBids>::ok(std::move(result));
}

QJsonObject Acquisition::toJson() const
{
    return {{QLatin1String("player_id"), playerId}, {QLatin1String("team_id"), teamId}, {QLatin1String("price"), price}};
}

QJsonObject Refund::toJson() const
{
    return {{QLatin1String("team_id"), teamId},
            {QLatin1String("currency_type"), currencyType},
            {QLatin1String("amount"), amount}};
}

} // namespace Protocol

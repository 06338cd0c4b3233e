#pragma once

#include "Parsed.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Protocol {

// A sealed-bid round: {round_id, position, currency_type, status, player_ids, closes_at}.
struct Round
{
    enum class Status { Open, Finalized };
    QString roundId;
    QString position;
    QString currencyType;
    Status status = Status::Open;
    QStringList playerIds;
    QString closesAt; // RFC 3339, as the server sent it

    QJsonObject toJson() const;
    friend bool operator==(const Round &, const Round &) = default;
};
Parsed<Round> parseRound(const QJsonObject &object);

// GET /rounds: {revision, rounds}. A 1.0 server sends no revision (nullopt).
struct RoundList
{
    std::optional<qint64> revision;
    QList<Round> rounds;

    QJsonObject toJson() const;
};
Parsed<RoundList> parseRoundList(const QJsonObject &object);

// A sealed bid: {round_id, player_id, team_id, amount, ts}.
struct SealedBid
{
    QString roundId;
    QString playerId;
    QString teamId;
    qint64 amount = 0;
    QString ts;

    QJsonObject toJson() const;
    friend bool operator==(const SealedBid &, const SealedBid &) = default;
};
Parsed<SealedBid> parseSealedBid(const QJsonObject &object);

// GET /rounds/{round_id}/bids: {bids} sorted by player_id.
struct RoundBids
{
    QList<SealedBid> bids;

    QJsonObject toJson() const;
};
Parsed<RoundBids> parseRoundBids(const QJsonObject &object);

// A player that joined a squad at finalize, and one that left it when its round was deleted:
// {player_id, team_id, price}.
struct Acquisition
{
    QString playerId;
    QString teamId;
    qint64 price = 0;

    QJsonObject toJson() const;
};

// Money given back to a team when a round is deleted: {team_id, currency_type, amount}.
struct Refund
{
    QString teamId;
    QString currencyType;
    qint64 amount = 0;

    QJsonObject toJson() const;
};

} // namespace Protocol

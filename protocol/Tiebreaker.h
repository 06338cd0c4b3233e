#pragma once

#include "Parsed.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Protocol {

// A bid in a tiebreaker: {team_id, team_name, amount, ts}; also the shape of `highest_bid`.
struct TiebreakerBid
{
    QString teamId;
    QString teamName;
    qint64 amount = 0;
    QString ts; // RFC 3339, as the server sent it

    // Bids carry no id; a team's bid at a time for an amount is unique.
    QString key() const;
    QJsonObject toJson() const;
    friend bool operator==(const TiebreakerBid &, const TiebreakerBid &) = default;
};
Parsed<TiebreakerBid> parseTiebreakerBid(const QJsonObject &object);

enum class TiebreakerStatus { Active, Resolved, Cancelled };
QString tiebreakerStatusName(TiebreakerStatus status);
std::optional<TiebreakerStatus> parseTiebreakerStatus(const QString &name);

// GET /tiebreakers (without bids) and GET /tiebreakers/{id} (with bids, oldest first).
struct Tiebreaker
{
    QString tiebreakerId;
    QString playerId;
    QString playerName;
    QString roundId;
    QString currencyType;
    TiebreakerStatus status = TiebreakerStatus::Active;
    QStringList participants;
    qint64 startingAmount = 0;
    std::optional<TiebreakerBid> highestBid;
    qint64 minIncrement = 0;
    QString deadline; // RFC 3339, as the server sent it
    QString winnerTeamId; // empty when null
    // Protocol 1.1: what the winner paid; nullopt unless resolved (and from 1.0 servers).
    std::optional<qint64> winningAmount;
    std::optional<QList<TiebreakerBid>> bids; // present only in GET /tiebreakers/{id}

    QDateTime deadlineTime() const; // invalid when deadline is not RFC 3339
    // The first bid is at least starting_amount, later ones the highest + min_increment.
    qint64 minimumNextBid() const;
    // Protocol 1.1: the highest bidder could no longer pay when it was resolved, so another team won.
    bool highestBidLost() const;
    // What the winner paid: winning_amount when the server sends it (1.1); from a 1.0 server the
    // highest bid when the winner made it, else the winner's own highest bid in `bids` (only
    // GET /tiebreakers/{id} carries them). -1 when it cannot be known.
    qint64 pricePaid() const;
    // The winner's name: the protocol names only its id; the winning bid carries the name.
    // Empty when no bid here says it.
    QString winnerTeamName() const;

    QJsonObject toJson() const;
    friend bool operator==(const Tiebreaker &, const Tiebreaker &) = default;
};
Parsed<Tiebreaker> parseTiebreaker(const QJsonObject &object);

// GET /tiebreakers?status=...
struct TiebreakerList
{
    QList<Tiebreaker> tiebreakers;

    QJsonObject toJson() const;
};
Parsed<TiebreakerList> parseTiebreakerList(const QJsonObject &object);

} // namespace Protocol

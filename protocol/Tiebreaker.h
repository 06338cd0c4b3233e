#pragma once

#include "Parsed.h"

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

    QJsonObject toJson() const;
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

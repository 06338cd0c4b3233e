#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// A tiebreaker as GET /tiebreakers and GET /tiebreakers/{id} answer it (PROTOCOL.md). The query
// cache checked only the outer shape, so parsing here skips what it cannot read rather than
// failing the whole list.
struct TiebreakerBid
{
    QString teamId;
    QString teamName;
    qint64 amount = 0;
    QString ts; // RFC 3339, as sent

    // Bids carry no id; a team's bid at a time for an amount is unique.
    QString key() const { return teamId + QLatin1Char('|') + ts + QLatin1Char('|') + QString::number(amount); }
    friend bool operator==(const TiebreakerBid &, const TiebreakerBid &) = default;
};

struct Tiebreaker
{
    QString tiebreakerId;
    QString playerId;
    QString playerName;
    QString roundId;
    QString currencyType;
    QString status; // active | resolved | cancelled
    QStringList participants;
    qint64 startingAmount = 0;
    std::optional<TiebreakerBid> highestBid;
    qint64 minIncrement = 0;
    QDateTime deadline;
    QString winnerTeamId;
    // What the winner paid (protocol 1.1); absent from 1.0 servers and before the resolution.
    std::optional<qint64> winningAmount;
    QList<TiebreakerBid> bids; // oldest first; only in GET /tiebreakers/{id}

    // PROTOCOL.md: the first bid is at least starting_amount, later ones highest + min_increment.
    qint64 minimumNextBid() const
    {
        return highestBid ? highestBid->amount + minIncrement : startingAmount;
    }
    // The highest bidder could no longer pay, so another team won (PROTOCOL.md 1.1).
    bool highestBidLost() const
    {
        return !winnerTeamId.isEmpty() && highestBid && highestBid->teamId != winnerTeamId;
    }
    // What the winner paid: winning_amount when the server sends it (1.1); from a 1.0 server the
    // highest bid when the winner made it, else the winner's own highest bid in the history
    // (only GET /tiebreakers/{id} carries it). -1 when it cannot be known.
    qint64 pricePaid() const
    {
        if (winnerTeamId.isEmpty())
            return -1;
        if (winningAmount)
            return *winningAmount;
        if (highestBid && highestBid->teamId == winnerTeamId)
            return highestBid->amount;
        qint64 best = -1;
        for (const TiebreakerBid &bid : bids) {
            if (bid.teamId == winnerTeamId && bid.amount > best)
                best = bid.amount;
        }
        return best;
    }
    // The winner's name: the server names only its id; the winning bid carries the name.
    QString winnerTeamName() const
    {
        if (highestBid && highestBid->teamId == winnerTeamId)
            return highestBid->teamName;
        for (const TiebreakerBid &bid : bids) {
            if (bid.teamId == winnerTeamId && !bid.teamName.isEmpty())
                return bid.teamName;
        }
        return {};
    }
    friend bool operator==(const Tiebreaker &, const Tiebreaker &) = default;
};

std::optional<TiebreakerBid> parseTiebreakerBid(const QJsonObject &object);
std::optional<Tiebreaker> parseTiebreaker(const QJsonObject &object);
QList<Tiebreaker> parseTiebreakerList(const QJsonObject &answer);

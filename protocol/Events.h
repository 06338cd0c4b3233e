#pragma once

#include "Parsed.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace Protocol {

// Event type names on the live channel.
namespace EventType {
inline constexpr QLatin1StringView SquadUpdate{"squad_update"};
inline constexpr QLatin1StringView WalletUpdate{"wallet_update"};
inline constexpr QLatin1StringView TiebreakerCreated{"tiebreaker_created"};
inline constexpr QLatin1StringView TiebreakerBid{"tiebreaker_bid"};
inline constexpr QLatin1StringView TiebreakerResolved{"tiebreaker_resolved"};
// Protocol 1.1
inline constexpr QLatin1StringView RoundCreated{"round_created"};
inline constexpr QLatin1StringView RoundFinalized{"round_finalized"};
inline constexpr QLatin1StringView RoundDeleted{"round_deleted"};
inline constexpr QLatin1StringView PlayersChanged{"players_changed"};
inline constexpr QLatin1StringView RoundBid{"round_bid"};
} // namespace EventType

// squad_update: {team_id, revision, player_id, player_name, action, price, currency_type, round_id}
struct SquadUpdate
{
    enum class Action { Acquired, Removed };
    QString teamId;
    qint64 revision = 0;
    QString playerId;
    QString playerName;
    Action action = Action::Acquired;
    qint64 price = 0;
    QString currencyType;
    QString roundId;

    QJsonObject toJson() const;
};
Parsed<SquadUpdate> parseSquadUpdate(const QJsonObject &data);

// wallet_update: {team_id, revision, currency_type, new_balance, amount_spent | amount_refunded, player_id}
struct WalletUpdate
{
    QString teamId;
    qint64 revision = 0;
    QString currencyType;
    qint64 newBalance = 0;
    qint64 amountSpent = 0;    // set for a spend
    qint64 amountRefunded = 0; // set for a refund
    bool isRefund = false;
    QString playerId;

    QJsonObject toJson() const;
};
Parsed<WalletUpdate> parseWalletUpdate(const QJsonObject &data);

// tiebreaker_created: {tiebreaker_id, player_id, player_name, participants, starting_amount, deadline}
struct TiebreakerCreated
{
    QString tiebreakerId;
    QString playerId;
    QString playerName;
    QStringList participants;
    qint64 startingAmount = 0;
    QString deadline;

    QJsonObject toJson() const;
};
Parsed<TiebreakerCreated> parseTiebreakerCreated(const QJsonObject &data);

// tiebreaker_bid: {tiebreaker_id, team_id, team_name, bid_amount, ts, deadline}
struct TiebreakerBidPlaced
{
    QString tiebreakerId;
    QString teamId;
    QString teamName;
    qint64 bidAmount = 0;
    QString ts;
    QString deadline;

    QJsonObject toJson() const;
};
Parsed<TiebreakerBidPlaced> parseTiebreakerBidPlaced(const QJsonObject &data);

// tiebreaker_resolved: {tiebreaker_id, status, winner_team_id, winner_team_name, amount}; the
// winner and amount are null when cancelled.
struct TiebreakerResolved
{
    QString tiebreakerId;
    bool cancelled = false;
    QString winnerTeamId;
    QString winnerTeamName;
    qint64 amount = 0;

    QJsonObject toJson() const;
};
Parsed<TiebreakerResolved> parseTiebreakerResolved(const QJsonObject &data);

// Protocol 1.1, channel `rounds`. `revision` is the rounds list's.
// round_created: {round_id, revision, position, currency_type, player_ids, closes_at}
struct RoundCreated
{
    QString roundId;
    qint64 revision = 0;
    QString position;
    QString currencyType;
    QStringList playerIds;
    QString closesAt;

    QJsonObject toJson() const;
};
Parsed<RoundCreated> parseRoundCreated(const QJsonObject &data);

// round_finalized: {round_id, revision, acquired_count, tiebreaker_ids}
struct RoundFinalized
{
    QString roundId;
    qint64 revision = 0;
    qint64 acquiredCount = 0;
    QStringList tiebreakerIds;

    QJsonObject toJson() const;
};
Parsed<RoundFinalized> parseRoundFinalized(const QJsonObject &data);

// round_deleted: {round_id, revision}
struct RoundDeleted
{
    QString roundId;
    qint64 revision = 0;

    QJsonObject toJson() const;
};
Parsed<RoundDeleted> parseRoundDeleted(const QJsonObject &data);

// players_changed: {revision, player_ids}; `revision` is the catalogue's.
struct PlayersChanged
{
    qint64 revision = 0;
    QStringList playerIds;

    QJsonObject toJson() const;
};
Parsed<PlayersChanged> parsePlayersChanged(const QJsonObject &data);

// round_bid on team:{team_id}: {team_id, round_id, player_id, amount, ts}; amount null for a
// withdrawn bid.
struct RoundBid
{
    QString teamId;
    QString roundId;
    QString playerId;
    std::optional<qint64> amount;
    QString ts;

    QJsonObject toJson() const;
};
Parsed<RoundBid> parseRoundBid(const QJsonObject &data);

} // namespace Protocol

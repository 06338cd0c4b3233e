#pragma once

#include "Parsed.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace Protocol {

// Event type names on the live channel.
namespace EventType {
inline constexpr QLatin1StringView SquadUpdate{"squad_update"};
inline constexpr QLatin1StringView WalletUpdate{"wallet_update"};
inline constexpr QLatin1StringView TiebreakerCreated{"tiebreaker_created"};
inline constexpr QLatin1StringView TiebreakerBid{"tiebreaker_bid"};
inline constexpr QLatin1StringView TiebreakerResolved{"tiebreaker_resolved"};
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

} // namespace Protocol

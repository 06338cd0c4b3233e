#include "Events.h"

#include "JsonReader.h"

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

} // namespace Protocol

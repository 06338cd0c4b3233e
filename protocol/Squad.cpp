#include "Squad.h"

#include "JsonReader.h"
#include "Timestamp.h"

#include <QJsonArray>

namespace Protocol {

bool isValidPosition(const QString &position)
{
    return position == QLatin1String("GK") || position == QLatin1String("DEF")
        || position == QLatin1String("MID") || position == QLatin1String("FWD");
}

QJsonObject Squad::toJson() const
{
    QJsonArray list;
    for (const SquadPlayer &p : players) {
        list.append(QJsonObject{{QLatin1String("player_id"), p.playerId},
                                {QLatin1String("name"), p.name},
                                {QLatin1String("position"), p.position},
                                {QLatin1String("club"), p.club},
                                {QLatin1String("price"), p.price},
                                {QLatin1String("currency_type"), p.currencyType},
                                {QLatin1String("round_id"), p.roundId},
                                {QLatin1String("acquired_at"), p.acquiredAt}});
    }
    return {{QLatin1String("team_id"), teamId}, {QLatin1String("revision"), revision}, {QLatin1String("players"), list}};
}

Parsed<Squad> parseSquad(const QJsonObject &object)
{
    JsonReader reader(object, QStringLiteral("squad"));
    Squad squad;
    squad.teamId = reader.string(QLatin1String("team_id"));
    squad.revision = reader.integer(QLatin1String("revision"));
    const QJsonArray players = reader.array(QLatin1String("players"));
    if (!reader.ok())
        return Parsed<Squad>::fail(reader.error());
    squad.players.reserve(players.size());
    for (qsizetype i = 0; i < players.size(); ++i) {
        if (!players.at(i).isObject())
            return Parsed<Squad>::fail(QStringLiteral("squad: players[%1] must be an object").arg(i));
        JsonReader p(players.at(i).toObject(), QStringLiteral("squad: players[%1]").arg(i));
        SquadPlayer player;
        player.playerId = p.string(QLatin1String("player_id"));
        player.name = p.string(QLatin1String("name"));
        player.position = p.string(QLatin1String("position"));
        player.club = p.string(QLatin1String("club"));
        player.price = p.integer(QLatin1String("price"));
        player.currencyType = p.string(QLatin1String("currency_type"));
        player.roundId = p.string(QLatin1String("round_id"));
        player.acquiredAt = p.string(QLatin1String("acquired_at"));
        if (p.ok() && !isValidPosition(player.position))
            p.fail(QStringLiteral("unknown position \"%1\"").arg(player.position));
        if (p.ok() && player.price < 0)
            p.fail(QStringLiteral("price must not be negative"));
        if (p.ok() && !parseTimestamp(player.acquiredAt).isValid())
            p.fail(QStringLiteral("acquired_at is not an RFC 3339 time"));
        if (!p.ok())
            return Parsed<Squad>::fail(p.error());
        squad.players.append(std::move(player));
    }
    return Parsed<Squad>::ok(std::move(squad));
}

} // namespace Protocol

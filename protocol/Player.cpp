#include "Player.h"

#include "JsonReader.h"
#include "Squad.h"

#include <QJsonArray>

namespace Protocol {

QString playerStatusName(PlayerStatus status)
{
    switch (status) {
    case PlayerStatus::Available: return QStringLiteral("available");
    case PlayerStatus::InRound: return QStringLiteral("in_round");
    case PlayerStatus::InTiebreaker: return QStringLiteral("in_tiebreaker");
    case PlayerStatus::Sold: return QStringLiteral("sold");
    }
    return {};
}

std::optional<PlayerStatus> parsePlayerStatus(const QString &name)
{
    for (PlayerStatus s : {PlayerStatus::Available, PlayerStatus::InRound, PlayerStatus::InTiebreaker,
                           PlayerStatus::Sold}) {
        if (playerStatusName(s) == name)
            return s;
    }
    return std::nullopt;
}

QJsonObject Catalogue::toJson() const
{
    const QJsonValue null(QJsonValue::Null);
    QJsonArray list;
    for (const CataloguePlayer &p : players) {
        list.append(QJsonObject{{QLatin1String("player_id"), p.playerId},
                                {QLatin1String("name"), p.name},
                                {QLatin1String("position"), p.position},
                                {QLatin1String("club"), p.club},
                                {QLatin1String("status"), playerStatusName(p.status)},
                                {QLatin1String("team_id"), p.teamId.isEmpty() ? null : QJsonValue(p.teamId)},
                                {QLatin1String("price"), p.price ? QJsonValue(*p.price) : null}});
    }
    return {{QLatin1String("revision"), revision}, {QLatin1String("players"), list}};
}

Parsed<Catalogue> parseCatalogue(const QJsonObject &object)
{
    JsonReader reader(object, QStringLiteral("players"));
    Catalogue catalogue;
    catalogue.revision = reader.integer(QLatin1String("revision"));
    const QJsonArray players = reader.array(QLatin1String("players"));
    if (!reader.ok())
        return Parsed<Catalogue>::fail(reader.error());
    catalogue.players.reserve(players.size());
    for (qsizetype i = 0; i < players.size(); ++i) {
        const QString context = QStringLiteral("players: players[%1]").arg(i);
        if (!players.at(i).isObject())
            return Parsed<Catalogue>::fail(context + QStringLiteral(" must be an object"));
        JsonReader p(players.at(i).toObject(), context);
        CataloguePlayer player;
        player.playerId = p.string(QLatin1String("player_id"));
        player.name = p.string(QLatin1String("name"));
        player.position = p.string(QLatin1String("position"));
        player.club = p.string(QLatin1String("club"));
        const QString status = p.string(QLatin1String("status"));
        player.teamId = p.optionalString(QLatin1String("team_id"));
        player.price = p.optionalInteger(QLatin1String("price"));
        if (p.ok() && !isValidPosition(player.position))
            p.fail(QStringLiteral("unknown position \"%1\"").arg(player.position));
        if (p.ok()) {
            if (const auto s = parsePlayerStatus(status))
                player.status = *s;
            else
                p.fail(QStringLiteral("unknown status \"%1\"").arg(status));
        }
        if (p.ok() && player.price && *player.price < 0)
            p.fail(QStringLiteral("price must not be negative"));
        if (!p.ok())
            return Parsed<Catalogue>::fail(p.error());
        catalogue.players.append(std::move(player));
    }
    return Parsed<Catalogue>::ok(std::move(catalogue));
}

} // namespace Protocol

#pragma once

#include "Parsed.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace Protocol {

// Protocol 1.1: where a player stands in the auction.
enum class PlayerStatus {
    Available,    // in no squad, no open round and no active tiebreaker
    InRound,      // in an open round
    InTiebreaker, // the subject of an active tiebreaker
    Sold,
};
QString playerStatusName(PlayerStatus status);
std::optional<PlayerStatus> parsePlayerStatus(const QString &name);

// One entry of GET /players. teamId and price are set only for a sold player the caller may see
// the owner of (its own team's, or every one for admins).
struct CataloguePlayer
{
    QString playerId;
    QString name;
    QString position; // GK, DEF, MID or FWD
    QString club;
    PlayerStatus status = PlayerStatus::Available;
    QString teamId;              // empty when null
    std::optional<qint64> price; // nullopt when null

    friend bool operator==(const CataloguePlayer &, const CataloguePlayer &) = default;
};

// GET /players: {revision, players} sorted by player_id. `revision` is league-wide.
struct Catalogue
{
    qint64 revision = 0;
    QList<CataloguePlayer> players;

    QJsonObject toJson() const;
};

Parsed<Catalogue> parseCatalogue(const QJsonObject &object);

} // namespace Protocol

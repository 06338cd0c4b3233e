#pragma once

#include "Parsed.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace Protocol {

// GET /teams/{team_id}/squad
struct SquadPlayer
{
    QString playerId;
    QString name;
    QString position; // GK, DEF, MID or FWD
    QString club;
    qint64 price = 0;
    QString currencyType;
    QString roundId;
    QString acquiredAt; // RFC 3339, as the server sent it

    friend bool operator==(const SquadPlayer &, const SquadPlayer &) = default;
};

struct Squad
{
    QString teamId;
    qint64 revision = 0;
    QList<SquadPlayer> players;

    QJsonObject toJson() const;
};

bool isValidPosition(const QString &position);

Parsed<Squad> parseSquad(const QJsonObject &object);

} // namespace Protocol

#pragma once

#include <protocol/Squad.h>

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <optional>

class Database;

// Read-only views of the league, already in PROTOCOL.md's JSON shapes. Throws DbError on SQL
// failure. Callers check authorization; this class only reads.
class LeagueReader
{
public:
    explicit LeagueReader(const Database &db) : m_db(db) { }

    bool teamExists(const QString &teamId) const;
    QJsonObject teams() const;                                   // {teams: [...]}
    std::optional<Protocol::Squad> squad(const QString &teamId) const;
    std::optional<QJsonObject> wallet(const QString &teamId) const; // transactions newest first, max 200
    QJsonObject rounds() const;                                  // {rounds: [...]}
    std::optional<QJsonObject> round(const QString &roundId) const;
    // Without bids unless withBids; nullopt for an unknown id.
    std::optional<QJsonObject> tiebreaker(const QString &tiebreakerId, bool withBids) const;
    // status: active/resolved/cancelled or empty for all; teamId non-empty limits to participants.
    QJsonObject tiebreakers(const QString &status, const QString &teamId) const;
    QStringList tiebreakerParticipants(const QString &tiebreakerId) const;
    QString teamName(const QString &teamId) const;

private:
    const Database &m_db;
};

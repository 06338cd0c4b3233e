#pragma once

#include <protocol/Player.h>
#include <protocol/Round.h>
#include <protocol/Squad.h>
#include <protocol/Tiebreaker.h>
#include <protocol/Wallet.h>

#include <QJsonObject>
#include <QString>

#include <optional>

class Database;

// Read-only views of the league as protocol/ wire types. Throws DbError on SQL failure.
// Callers check authorization; this class only reads.
class LeagueReader
{
public:
    // League-wide revision counters (protocol 1.1), one row each in league_revisions.
    static inline const QString kRoundsRevision = QStringLiteral("rounds");
    static inline const QString kPlayersRevision = QStringLiteral("players");

    explicit LeagueReader(const Database &db) : m_db(db) { }

    bool teamExists(const QString &teamId) const;
    QJsonObject teams() const;                                   // {teams: [...]}
    std::optional<Protocol::Squad> squad(const QString &teamId) const;
    // Only the revision of a team's squad or wallet (ETags); nullopt for an unknown team.
    std::optional<qint64> squadRevision(const QString &teamId) const;
    std::optional<qint64> walletRevision(const QString &teamId) const;
    std::optional<Protocol::Wallet> wallet(const QString &teamId) const; // transactions newest first, max 200
    Protocol::RoundList rounds() const;
    std::optional<Protocol::Round> round(const QString &roundId) const;
    // The sealed bids of a round, every team's when teamId is empty; nullopt for an unknown round.
    std::optional<Protocol::RoundBids> roundBids(const QString &roundId, const QString &teamId) const;
    // GET /players. position empty: every position. ownerVisibleTo: the team whose sold players
    // show team_id and price; empty shows them for every sold player (admins).
    Protocol::Catalogue catalogue(std::optional<Protocol::PlayerStatus> status, const QString &position,
                                  const QString &ownerVisibleTo) const;
    qint64 leagueRevision(const QString &name) const;
    // Without bids unless withBids; nullopt for an unknown id.
    std::optional<Protocol::Tiebreaker> tiebreaker(const QString &tiebreakerId, bool withBids) const;
    // status: active/resolved/cancelled or empty for all; teamId non-empty limits to participants.
    Protocol::TiebreakerList tiebreakers(const QString &status, const QString &teamId) const;
    QStringList tiebreakerParticipants(const QString &tiebreakerId) const;
    QString teamName(const QString &teamId) const;
    QString playerName(const QString &playerId) const;

private:
    const Database &m_db;
};

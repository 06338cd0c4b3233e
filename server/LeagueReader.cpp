#include "LeagueReader.h"

#include "Database.h"

#include <QJsonArray>

#include <QHash>

#include <algorithm>

bool LeagueReader::teamExists(const QString &teamId) const
{
    return m_db.exec(QStringLiteral("SELECT 1 FROM teams WHERE team_id = ?"), {teamId}).next();
}

QString LeagueReader::teamName(const QString &teamId) const
{
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT name FROM teams WHERE team_id = ?"), {teamId});
    return q.next() ? q.value(0).toString() : QString();
}

QString LeagueReader::playerName(const QString &playerId) const
{
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT name FROM players WHERE player_id = ?"), {playerId});
    return q.next() ? q.value(0).toString() : QString();
}

QJsonObject LeagueReader::teams() const
{
    QJsonArray list;
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT team_id, name, manager FROM teams ORDER BY team_id"));
    while (q.next()) {
        list.append(QJsonObject{{QLatin1String("team_id"), q.value(0).toString()},
                                {QLatin1String("name"), q.value(1).toString()},
                                {QLatin1String("manager"), q.value(2).toString()}});
    }
    return {{QLatin1String("teams"), list}};
}

std::optional<qint64> LeagueReader::squadRevision(const QString &teamId) const
{
    QSqlQuery t = m_db.exec(QStringLiteral("SELECT squad_revision FROM teams WHERE team_id = ?"), {teamId});
    if (!t.next())
        return std::nullopt;
    return t.value(0).toLongLong();
}

std::optional<qint64> LeagueReader::walletRevision(const QString &teamId) const
{
    QSqlQuery t = m_db.exec(QStringLiteral("SELECT wallet_revision FROM teams WHERE team_id = ?"), {teamId});
    if (!t.next())
        return std::nullopt;
    return t.value(0).toLongLong();
}

std::optional<Protocol::Squad> LeagueReader::squad(const QString &teamId) const
{
    QSqlQuery t = m_db.exec(QStringLiteral("SELECT squad_revision FROM teams WHERE team_id = ?"), {teamId});
    if (!t.next())
        return std::nullopt;
    Protocol::Squad squad;
    squad.teamId = teamId;
    squad.revision = t.value(0).toLongLong();
    QSqlQuery q = m_db.exec(QStringLiteral(
        "SELECT s.player_id, p.name, p.position, p.club, s.price, s.currency_type, s.round_id, s.acquired_at "
        "FROM squad_players s JOIN players p ON p.player_id = s.player_id "
        "WHERE s.team_id = ? ORDER BY s.acquired_at, s.player_id"), {teamId});
    while (q.next()) {
        squad.players.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                              q.value(3).toString(), q.value(4).toLongLong(), q.value(5).toString(),
                              q.value(6).toString(), q.value(7).toString()});
    }
    return squad;
}

std::optional<Protocol::Wallet> LeagueReader::wallet(const QString &teamId) const
{
    QSqlQuery t = m_db.exec(QStringLiteral("SELECT wallet_revision FROM teams WHERE team_id = ?"), {teamId});
    if (!t.next())
        return std::nullopt;
    Protocol::Wallet wallet;
    wallet.teamId = teamId;
    wallet.revision = t.value(0).toLongLong();
    QSqlQuery b = m_db.exec(QStringLiteral(
        "SELECT currency_type, balance, spent FROM wallets WHERE team_id = ? ORDER BY currency_type"), {teamId});
    while (b.next())
        wallet.balances.append({b.value(0).toString(), b.value(1).toLongLong(), b.value(2).toLongLong()});
    QSqlQuery q = m_db.exec(QStringLiteral(
        "SELECT id, ts, currency_type, amount, kind, player_id, note FROM transactions "
        "WHERE team_id = ? ORDER BY id DESC LIMIT 200"), {teamId});
    while (q.next()) {
        const auto kind = q.value(4).toString() == QLatin1String("refund") ? Protocol::WalletTransaction::Kind::Refund
                                                                            : Protocol::WalletTransaction::Kind::Spend;
        wallet.transactions.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                                    q.value(3).toLongLong(), kind, q.value(5).isNull() ? QString() : q.value(5).toString(),
                                    q.value(6).toString()});
    }
    return wallet;
}

namespace {

Protocol::Round roundFrom(const QSqlQuery &q, QStringList playerIds)
{
    Protocol::Round round;
    round.roundId = q.value(0).toString();
    round.position = q.value(1).toString();
    round.currencyType = q.value(2).toString();
    round.status = q.value(3).toString() == QLatin1String("open") ? Protocol::Round::Status::Open
                                                                    : Protocol::Round::Status::Finalized;
    round.playerIds = std::move(playerIds);
    round.closesAt = q.value(4).toString();
    return round;
}

} // namespace

std::optional<Protocol::Round> LeagueReader::round(const QString &roundId) const
{
    QSqlQuery q = m_db.exec(QStringLiteral(
        "SELECT round_id, position, currency_type, status, closes_at FROM rounds WHERE round_id = ? AND deleted_at IS NULL"), {roundId});
    if (!q.next())
        return std::nullopt;
    QStringList playerIds;
    QSqlQuery p = m_db.exec(QStringLiteral("SELECT player_id FROM round_players WHERE round_id = ?"), {roundId});
    while (p.next())
        playerIds.append(p.value(0).toString());
    std::sort(playerIds.begin(), playerIds.end());
    return roundFrom(q, playerIds);
}

Protocol::RoundList LeagueReader::rounds() const
{
    // Two queries for the whole list (not one per round): the rounds, then all their players,
    // grouped in memory. GET /rounds is polled by every dashboard after each round event.
    QHash<QString, QStringList> playersByRound;
    {
        QSqlQuery p = m_db.exec(QStringLiteral(
            "SELECT rp.round_id, rp.player_id FROM round_players rp JOIN rounds r ON r.round_id = rp.round_id "
            "WHERE r.deleted_at IS NULL"));
        while (p.next())
            playersByRound[p.value(0).toString()].append(p.value(1).toString());
    }
    Protocol::RoundList list;
    list.revision = leagueRevision(kRoundsRevision);
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT round_id, position, currency_type, status, closes_at FROM rounds "
                                           "WHERE deleted_at IS NULL ORDER BY created_at, round_id"));
    while (q.next()) {
        QStringList players = playersByRound.value(q.value(0).toString());
        std::sort(players.begin(), players.end()); // as strings, whatever the database's collation
        list.rounds.append(roundFrom(q, std::move(players)));
    }
    return list;
}

std::optional<Protocol::RoundBids> LeagueReader::roundBids(const QString &roundId, const QString &teamId) const
{
    if (!m_db.exec(QStringLiteral("SELECT 1 FROM rounds WHERE round_id = ? AND deleted_at IS NULL"), {roundId}).next())
        return std::nullopt;
    Protocol::RoundBids result;
    QSqlQuery b = m_db.exec(QStringLiteral("SELECT round_id, player_id, team_id, amount, ts FROM bids "
                                           "WHERE round_id = ? AND (COALESCE(?, '') = '' OR team_id = ?)"),
                            {roundId, teamId, teamId});
    while (b.next())
        result.bids.append({b.value(0).toString(), b.value(1).toString(), b.value(2).toString(),
                            b.value(3).toLongLong(), b.value(4).toString()});
    std::sort(result.bids.begin(), result.bids.end(), [](const Protocol::SealedBid &x, const Protocol::SealedBid &y) {
        return x.playerId != y.playerId ? x.playerId < y.playerId : x.teamId < y.teamId;
    });
    return result;
}

qint64 LeagueReader::leagueRevision(const QString &name) const
{
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT value FROM league_revisions WHERE name = ?"), {name});
    return q.next() ? q.value(0).toLongLong() : 0;
}

Protocol::Catalogue LeagueReader::catalogue(std::optional<Protocol::PlayerStatus> status, const QString &position,
                                            const QString &ownerVisibleTo) const
{
    using Protocol::PlayerStatus;
    Protocol::Catalogue catalogue;
    catalogue.revision = leagueRevision(kPlayersRevision);
    // One query; the status follows PROTOCOL.md's order: sold, else in an active tiebreaker, else
    // in an open round, else available.
    QSqlQuery q = m_db.exec(QStringLiteral(
        "SELECT p.player_id, p.name, p.position, p.club, s.team_id, s.price, "
        "CASE WHEN EXISTS (SELECT 1 FROM tiebreakers t WHERE t.player_id = p.player_id AND t.status = 'active') "
        "THEN 1 ELSE 0 END, "
        "CASE WHEN EXISTS (SELECT 1 FROM round_players rp JOIN rounds r ON r.round_id = rp.round_id "
        "WHERE rp.player_id = p.player_id AND r.status = 'open' AND r.deleted_at IS NULL) THEN 1 ELSE 0 END "
        "FROM players p LEFT JOIN squad_players s ON s.player_id = p.player_id "
        "WHERE COALESCE(?, '') = '' OR p.position = ?"), {position, position});
    while (q.next()) {
        Protocol::CataloguePlayer player;
        player.playerId = q.value(0).toString();
        player.name = q.value(1).toString();
        player.position = q.value(2).toString();
        player.club = q.value(3).toString();
        if (!q.value(4).isNull()) {
            player.status = PlayerStatus::Sold;
            const QString owner = q.value(4).toString();
            if (ownerVisibleTo.isEmpty() || owner == ownerVisibleTo) {
                player.teamId = owner;
                player.price = q.value(5).toLongLong();
            }
        } else if (q.value(6).toInt() != 0) {
            player.status = PlayerStatus::InTiebreaker;
        } else if (q.value(7).toInt() != 0) {
            player.status = PlayerStatus::InRound;
        }
        if (!status || *status == player.status)
            catalogue.players.append(std::move(player));
    }
    std::sort(catalogue.players.begin(), catalogue.players.end(),
              [](const Protocol::CataloguePlayer &x, const Protocol::CataloguePlayer &y) { return x.playerId < y.playerId; });
    return catalogue;
}

QStringList LeagueReader::tiebreakerParticipants(const QString &tiebreakerId) const
{
    QStringList teams;
    QSqlQuery q = m_db.exec(QStringLiteral(
        "SELECT team_id FROM tiebreaker_participants WHERE tiebreaker_id = ? ORDER BY team_id"), {tiebreakerId});
    while (q.next())
        teams.append(q.value(0).toString());
    return teams;
}

namespace {

const QString kTiebreakerColumns = QStringLiteral(
    "SELECT t.tiebreaker_id, t.player_id, p.name, t.round_id, t.currency_type, t.status, t.starting_amount, "
    "t.min_increment, t.deadline, t.winner_team_id, t.winning_amount FROM tiebreakers t "
    "JOIN players p ON p.player_id = t.player_id ");
const QString kBidColumns = QStringLiteral(
    "SELECT b.tiebreaker_id, b.team_id, tm.name, b.amount, b.ts FROM tiebreaker_bids b "
    "JOIN teams tm ON tm.team_id = b.team_id ");

// One tiebreaker row (kTiebreakerColumns) with its participants and bids (oldest first).
Protocol::Tiebreaker tiebreakerFrom(const QSqlQuery &q, const QStringList &participants,
                                    const QList<Protocol::TiebreakerBid> &bids, bool withBids)
{
    Protocol::Tiebreaker t;
    t.tiebreakerId = q.value(0).toString();
    t.playerId = q.value(1).toString();
    t.playerName = q.value(2).toString();
    t.roundId = q.value(3).toString();
    t.currencyType = q.value(4).toString();
    t.status = Protocol::parseTiebreakerStatus(q.value(5).toString()).value_or(Protocol::TiebreakerStatus::Active);
    t.participants = participants;
    t.startingAmount = q.value(6).toLongLong();
    t.minIncrement = q.value(7).toLongLong();
    t.deadline = q.value(8).toString();
    t.winnerTeamId = q.value(9).isNull() ? QString() : q.value(9).toString();
    if (t.status == Protocol::TiebreakerStatus::Resolved && !q.value(10).isNull())
        t.winningAmount = q.value(10).toLongLong();
    // The highest bid; among equal amounts the earliest (a later equal bid is never accepted).
    for (const Protocol::TiebreakerBid &bid : bids) {
        if (!t.highestBid || bid.amount > t.highestBid->amount)
            t.highestBid = bid;
    }
    if (withBids)
        t.bids = bids;
    return t;
}

Protocol::TiebreakerBid bidFrom(const QSqlQuery &b)
{
    return {b.value(1).toString(), b.value(2).toString(), b.value(3).toLongLong(), b.value(4).toString()};
}

} // namespace

std::optional<Protocol::Tiebreaker> LeagueReader::tiebreaker(const QString &tiebreakerId, bool withBids) const
{
    QSqlQuery q = m_db.exec(kTiebreakerColumns + QStringLiteral("WHERE t.tiebreaker_id = ?"), {tiebreakerId});
    if (!q.next())
        return std::nullopt;
    QList<Protocol::TiebreakerBid> bids;
    QSqlQuery b = m_db.exec(kBidColumns + QStringLiteral("WHERE b.tiebreaker_id = ? ORDER BY b.id"), {tiebreakerId});
    while (b.next())
        bids.append(bidFrom(b));
    return tiebreakerFrom(q, tiebreakerParticipants(tiebreakerId), bids, withBids);
}

Protocol::TiebreakerList LeagueReader::tiebreakers(const QString &status, const QString &teamId) const
{
    // Three queries for the whole list (not three per tiebreaker): the tiebreakers, then the
    // participants and the bids of the same selection, grouped in memory.
    const QString filter = QStringLiteral(
        "(COALESCE(?, '') = '' OR t.status = ?) AND (COALESCE(?, '') = '' OR EXISTS ("
        "SELECT 1 FROM tiebreaker_participants f WHERE f.tiebreaker_id = t.tiebreaker_id AND f.team_id = ?))");
    const QVariantList bindings{status, status, teamId, teamId};
    QHash<QString, QStringList> participants;
    {
        QSqlQuery q = m_db.exec(QStringLiteral("SELECT tp.tiebreaker_id, tp.team_id FROM tiebreaker_participants tp "
                                               "JOIN tiebreakers t ON t.tiebreaker_id = tp.tiebreaker_id WHERE ")
                                    + filter + QStringLiteral(" ORDER BY tp.tiebreaker_id, tp.team_id"),
                                bindings);
        while (q.next())
            participants[q.value(0).toString()].append(q.value(1).toString());
    }
    QHash<QString, QList<Protocol::TiebreakerBid>> bids;
    {
        QSqlQuery b = m_db.exec(kBidColumns + QStringLiteral("JOIN tiebreakers t ON t.tiebreaker_id = b.tiebreaker_id WHERE ")
                                    + filter + QStringLiteral(" ORDER BY b.tiebreaker_id, b.id"),
                                bindings);
        while (b.next())
            bids[b.value(0).toString()].append(bidFrom(b));
    }
    Protocol::TiebreakerList list;
    QSqlQuery q = m_db.exec(kTiebreakerColumns + QStringLiteral("WHERE ") + filter
                                + QStringLiteral(" ORDER BY t.created_at, t.tiebreaker_id"),
                            bindings);
    while (q.next()) {
        const QString id = q.value(0).toString();
        list.tiebreakers.append(tiebreakerFrom(q, participants.value(id), bids.value(id), false));
    }
    return list;
}

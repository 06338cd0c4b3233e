#include "LeagueReader.h"

#include "Database.h"

#include <QHash>

namespace {

QJsonValue nullable(const QVariant &v)
{
    return v.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(v.toString());
}

} // namespace

bool LeagueReader::teamExists(const QString &teamId) const
{
    return m_db.exec(QStringLiteral("SELECT 1 FROM teams WHERE team_id = ?"), {teamId}).next();
}

QString LeagueReader::teamName(const QString &teamId) const
{
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT name FROM teams WHERE team_id = ?"), {teamId});
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

std::optional<QJsonObject> LeagueReader::wallet(const QString &teamId) const
{
    QSqlQuery t = m_db.exec(QStringLiteral("SELECT wallet_revision FROM teams WHERE team_id = ?"), {teamId});
    if (!t.next())
        return std::nullopt;
    const qint64 revision = t.value(0).toLongLong();
    QJsonArray balances;
    QSqlQuery b = m_db.exec(QStringLiteral(
        "SELECT currency_type, balance, spent FROM wallets WHERE team_id = ? ORDER BY currency_type"), {teamId});
    while (b.next()) {
        balances.append(QJsonObject{{QLatin1String("currency_type"), b.value(0).toString()},
                                    {QLatin1String("balance"), b.value(1).toLongLong()},
                                    {QLatin1String("spent"), b.value(2).toLongLong()}});
    }
    QJsonArray transactions;
    QSqlQuery q = m_db.exec(QStringLiteral(
        "SELECT id, ts, currency_type, amount, kind, player_id, note FROM transactions "
        "WHERE team_id = ? ORDER BY id DESC LIMIT 200"), {teamId});
    while (q.next()) {
        transactions.append(QJsonObject{{QLatin1String("id"), q.value(0).toString()},
                                        {QLatin1String("ts"), q.value(1).toString()},
                                        {QLatin1String("currency_type"), q.value(2).toString()},
                                        {QLatin1String("amount"), q.value(3).toLongLong()},
                                        {QLatin1String("kind"), q.value(4).toString()},
                                        {QLatin1String("player_id"), nullable(q.value(5))},
                                        {QLatin1String("note"), q.value(6).toString()}});
    }
    return QJsonObject{{QLatin1String("team_id"), teamId},
                       {QLatin1String("revision"), revision},
                       {QLatin1String("balances"), balances},
                       {QLatin1String("transactions"), transactions}};
}

std::optional<QJsonObject> LeagueReader::round(const QString &roundId) const
{
    QSqlQuery q = m_db.exec(QStringLiteral(
        "SELECT round_id, position, currency_type, status, closes_at FROM rounds WHERE round_id = ? AND deleted_at IS NULL"), {roundId});
    if (!q.next())
        return std::nullopt;
    QJsonArray playerIds;
    QSqlQuery p = m_db.exec(QStringLiteral(
        "SELECT player_id FROM round_players WHERE round_id = ? ORDER BY player_id"), {roundId});
    while (p.next())
        playerIds.append(p.value(0).toString());
    return QJsonObject{{QLatin1String("round_id"), q.value(0).toString()},
                       {QLatin1String("position"), q.value(1).toString()},
                       {QLatin1String("currency_type"), q.value(2).toString()},
                       {QLatin1String("status"), q.value(3).toString()},
                       {QLatin1String("player_ids"), playerIds},
                       {QLatin1String("closes_at"), q.value(4).toString()}};
}

QJsonObject LeagueReader::rounds() const
{
    // Two queries for the whole list (not one per round): the rounds, then all their players,
    // grouped in memory. GET /rounds is polled by every dashboard after each round event.
    QHash<QString, QJsonArray> playersByRound;
    {
        QSqlQuery p = m_db.exec(QStringLiteral(
            "SELECT rp.round_id, rp.player_id FROM round_players rp JOIN rounds r ON r.round_id = rp.round_id "
            "WHERE r.deleted_at IS NULL ORDER BY rp.round_id, rp.player_id"));
        while (p.next())
            playersByRound[p.value(0).toString()].append(p.value(1).toString());
    }
    QJsonArray list;
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT round_id, position, currency_type, status, closes_at FROM rounds "
                                           "WHERE deleted_at IS NULL ORDER BY created_at, round_id"));
    while (q.next()) {
        const QString id = q.value(0).toString();
        list.append(QJsonObject{{QLatin1String("round_id"), id},
                                {QLatin1String("position"), q.value(1).toString()},
                                {QLatin1String("currency_type"), q.value(2).toString()},
                                {QLatin1String("status"), q.value(3).toString()},
                                {QLatin1String("player_ids"), playersByRound.value(id)},
                                {QLatin1String("closes_at"), q.value(4).toString()}});
    }
    return {{QLatin1String("rounds"), list}};
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
    "t.min_increment, t.deadline, t.winner_team_id FROM tiebreakers t JOIN players p ON p.player_id = t.player_id ");
const QString kBidColumns = QStringLiteral(
    "SELECT b.tiebreaker_id, b.team_id, tm.name, b.amount, b.ts FROM tiebreaker_bids b "
    "JOIN teams tm ON tm.team_id = b.team_id ");

// One tiebreaker row (kTiebreakerColumns) with its participants and bids (oldest first).
QJsonObject tiebreakerJson(const QSqlQuery &q, const QStringList &participants, const QJsonArray &bids, bool withBids)
{
    QJsonObject object{{QLatin1String("tiebreaker_id"), q.value(0).toString()},
                       {QLatin1String("player_id"), q.value(1).toString()},
                       {QLatin1String("player_name"), q.value(2).toString()},
                       {QLatin1String("round_id"), q.value(3).toString()},
                       {QLatin1String("currency_type"), q.value(4).toString()},
                       {QLatin1String("status"), q.value(5).toString()},
                       {QLatin1String("participants"), QJsonArray::fromStringList(participants)},
                       {QLatin1String("starting_amount"), q.value(6).toLongLong()},
                       {QLatin1String("min_increment"), q.value(7).toLongLong()},
                       {QLatin1String("deadline"), q.value(8).toString()},
                       {QLatin1String("winner_team_id"), nullable(q.value(9))}};
    // The highest bid; among equal amounts the earliest (a later equal bid is never accepted).
    QJsonValue highest(QJsonValue::Null);
    qint64 best = -1;
    for (const QJsonValue &bid : bids) {
        const qint64 amount = bid.toObject().value(QLatin1String("amount")).toInteger();
        if (amount > best) {
            best = amount;
            highest = bid;
        }
    }
    object.insert(QLatin1String("highest_bid"), highest);
    if (withBids)
        object.insert(QLatin1String("bids"), bids);
    return object;
}

QJsonObject bidJson(const QSqlQuery &b)
{
    return {{QLatin1String("team_id"), b.value(1).toString()},
            {QLatin1String("team_name"), b.value(2).toString()},
            {QLatin1String("amount"), b.value(3).toLongLong()},
            {QLatin1String("ts"), b.value(4).toString()}};
}

} // namespace

std::optional<QJsonObject> LeagueReader::tiebreaker(const QString &tiebreakerId, bool withBids) const
{
    QSqlQuery q = m_db.exec(kTiebreakerColumns + QStringLiteral("WHERE t.tiebreaker_id = ?"), {tiebreakerId});
    if (!q.next())
        return std::nullopt;
    QJsonArray bids;
    QSqlQuery b = m_db.exec(kBidColumns + QStringLiteral("WHERE b.tiebreaker_id = ? ORDER BY b.id"), {tiebreakerId});
    while (b.next())
        bids.append(bidJson(b));
    return tiebreakerJson(q, tiebreakerParticipants(tiebreakerId), bids, withBids);
}

QJsonObject LeagueReader::tiebreakers(const QString &status, const QString &teamId) const
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
    QHash<QString, QJsonArray> bids;
    {
        QSqlQuery b = m_db.exec(kBidColumns + QStringLiteral("JOIN tiebreakers t ON t.tiebreaker_id = b.tiebreaker_id WHERE ")
                                    + filter + QStringLiteral(" ORDER BY b.tiebreaker_id, b.id"),
                                bindings);
        while (b.next())
            bids[b.value(0).toString()].append(bidJson(b));
    }
    QJsonArray list;
    QSqlQuery q = m_db.exec(kTiebreakerColumns + QStringLiteral("WHERE ") + filter
                                + QStringLiteral(" ORDER BY t.created_at, t.tiebreaker_id"),
                            bindings);
    while (q.next()) {
        const QString id = q.value(0).toString();
        list.append(tiebreakerJson(q, participants.value(id), bids.value(id), false));
    }
    return {{QLatin1String("tiebreakers"), list}};
}

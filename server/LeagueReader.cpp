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

std::optional<QJsonObject> LeagueReader::tiebreaker(const QString &tiebreakerId, bool withBids) const
{
    QSqlQuery q = m_db.exec(QStringLiteral(
        "SELECT t.tiebreaker_id, t.player_id, p.name, t.round_id, t.currency_type, t.status, t.starting_amount, "
        "t.min_increment, t.deadline, t.winner_team_id FROM tiebreakers t "
        "JOIN players p ON p.player_id = t.player_id WHERE t.tiebreaker_id = ?"), {tiebreakerId});
    if (!q.next())
        return std::nullopt;
    QJsonObject object{{QLatin1String("tiebreaker_id"), q.value(0).toString()},
                       {QLatin1String("player_id"), q.value(1).toString()},
                       {QLatin1String("player_name"), q.value(2).toString()},
                       {QLatin1String("round_id"), q.value(3).toString()},
                       {QLatin1String("currency_type"), q.value(4).toString()},
                       {QLatin1String("status"), q.value(5).toString()},
                       {QLatin1String("participants"), QJsonArray::fromStringList(tiebreakerParticipants(tiebreakerId))},
                       {QLatin1String("starting_amount"), q.value(6).toLongLong()},
                       {QLatin1String("min_increment"), q.value(7).toLongLong()},
                       {QLatin1String("deadline"), q.value(8).toString()},
                       {QLatin1String("winner_team_id"), nullable(q.value(9))}};
    QJsonArray bids;
    QJsonValue highest(QJsonValue::Null);
    QSqlQuery b = m_db.exec(QStringLiteral(
        "SELECT b.team_id, t.name, b.amount, b.ts FROM tiebreaker_bids b JOIN teams t ON t.team_id = b.team_id "
        "WHERE b.tiebreaker_id = ? ORDER BY b.id"), {tiebreakerId});
    qint64 best = -1;
    while (b.next()) {
        const QJsonObject bid{{QLatin1String("team_id"), b.value(0).toString()},
                              {QLatin1String("team_name"), b.value(1).toString()},
                              {QLatin1String("amount"), b.value(2).toLongLong()},
                              {QLatin1String("ts"), b.value(3).toString()}};
        bids.append(bid);
        if (b.value(2).toLongLong() > best) {
            best = b.value(2).toLongLong();
            highest = bid;
        }
    }
    object.insert(QLatin1String("highest_bid"), highest);
    if (withBids)
        object.insert(QLatin1String("bids"), bids);
    return object;
}

QJsonObject LeagueReader::tiebreakers(const QString &status, const QString &teamId) const
{
    const QString sql = QStringLiteral(
        "SELECT t.tiebreaker_id FROM tiebreakers t WHERE (COALESCE(?, '') = '' OR t.status = ?) AND (COALESCE(?, '') = '' OR EXISTS ("
        "SELECT 1 FROM tiebreaker_participants tp WHERE tp.tiebreaker_id = t.tiebreaker_id AND tp.team_id = ?)) "
        "ORDER BY t.created_at, t.tiebreaker_id");
    QStringList ids;
    {
        QSqlQuery q = m_db.exec(sql, {status, status, teamId, teamId});
        while (q.next())
            ids.append(q.value(0).toString());
    }
    QJsonArray list;
    for (const QString &id : ids) {
        if (const auto t = tiebreaker(id, false))
            list.append(*t);
    }
    return {{QLatin1String("tiebreakers"), list}};
}

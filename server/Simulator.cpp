#include "Simulator.h"

#include "Clock.h"
#include "Database.h"
#include "LeagueService.h"
#include "Logging.h"

#include <protocol/Timestamp.h>

#include <QJsonArray>

#include <algorithm>

Simulator::Simulator(const Database &db, LeagueService &league, int stepMs, QObject *parent)
    : QObject(parent), m_db(db), m_league(league), m_rng(QRandomGenerator::system()->generate()), m_stepMs(stepMs)
{
    m_timer.setInterval(stepMs);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        const QString what = step();
        if (!what.isEmpty())
            qCInfo(lcServer).noquote() << "simulate:" << what;
    });
}

QStringList Simulator::otherTeams() const
{
    QStringList ids;
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT team_id FROM teams WHERE team_id <> ? ORDER BY team_id"), {kFocusTeam});
    while (q.next())
        ids.append(q.value(0).toString());
    return ids;
}

QString Simulator::step()
{
    ++m_steps;
    try {
        // Alternate: tiebreakers move on odd steps when there are any, rounds otherwise.
        if (m_steps % 2 == 1) {
            const QString done = tiebreakerAction();
            if (!done.isEmpty())
                return done;
        }
        return roundAction();
    } catch (const DbError &e) {
        qCWarning(lcServer) << "simulate step failed:" << e.what();
        return {};
    }
}

QString Simulator::tiebreakerAction()
{
    // The oldest active tiebreaker that still wants bids. After kBidsPerTiebreaker bids the
    // simulator stops bidding and the deadline timer resolves it, as in a real league (with
    // --simulate the duration defaults to 40 s, so that happens within about a minute).
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT tiebreaker_id, currency_type, starting_amount, min_increment, "
                                           "(SELECT MAX(amount) FROM tiebreaker_bids b WHERE b.tiebreaker_id = t.tiebreaker_id) "
                                           "FROM tiebreakers t WHERE status = 'active' AND "
                                           "(SELECT COUNT(*) FROM tiebreaker_bids b WHERE b.tiebreaker_id = t.tiebreaker_id) < ? "
                                           "ORDER BY deadline LIMIT 1"), {kBidsPerTiebreaker});
    if (!q.next())
        return {};
    const QString id = q.value(0).toString();
    const qint64 starting = q.value(2).toLongLong();
    const qint64 increment = q.value(3).toLongLong();
    const qint64 minimum = q.value(4).isNull() ? starting : q.value(4).toLongLong() + increment;
    QStringList participants = m_league.reader().tiebreakerParticipants(id);
    participants.removeAll(kFocusTeam); // the user's team bids only when the user does
    if (participants.isEmpty())
        return {};
    const QString team = participants.at(int(m_rng.bounded(quint32(participants.size()))));
    const qint64 amount = minimum + increment * qint64(m_rng.bounded(3));
    const auto result = m_league.placeTiebreakerBid(team, id, amount);
    if (!result.isOk()) {
        // Could not afford it: let the tiebreaker end instead.
        const auto resolved = m_league.resolveTiebreaker(id);
        return resolved.isOk() ? QStringLiteral("resolved %1").arg(id) : QString();
    }
    return QStringLiteral("%1 bid %2 in %3").arg(team).arg(amount).arg(id);
}

qint64 Simulator::roundMs() const
{
    // Long enough for a manager to bid from the dashboard, short enough to see rounds finish.
    return qMax<qint64>(qint64(m_stepMs) * kRoundSteps, 1000);
}

QString Simulator::roundAction()
{
    // Open rounds, oldest first; one whose closes_at passed is finalized first.
    struct Open { QString id; QDateTime closesAt; };
    QList<Open> open;
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT round_id, closes_at FROM rounds WHERE status = 'open' "
                                           "AND deleted_at IS NULL ORDER BY created_at, round_id"));
    while (q.next())
        open.append({q.value(0).toString(), Protocol::parseTimestamp(q.value(1).toString())});
    const QDateTime now = m_league.clock().now();
    // Only its own rounds count: those closing within one round's time (the demo's open rounds
    // run for days and are left to the user).
    const QDateTime horizon = now.addMSecs(roundMs());
    open.erase(std::remove_if(open.begin(), open.end(), [&](const Open &r) { return r.closesAt > horizon; }),
               open.end());
    for (const Open &round : std::as_const(open)) {
        if (round.closesAt > now)
            continue;
        m_bidBatches.remove(round.id);
        const auto result = m_league.finalizeRound(round.id);
        if (!result.isOk())
            return {};
        return QStringLiteral("finalized %1: %2 acquired, %3 tiebreakers")
            .arg(round.id)
            .arg(result.value().body.value(QLatin1String("acquired")).toArray().size())
            .arg(result.value().body.value(QLatin1String("tiebreakers")).toArray().size());
    }
    // Other teams bid in a round that has had fewer than kBidBatchesPerRound batches.
    for (const Open &round : std::as_const(open)) {
        int &batches = m_bidBatches[round.id];
        if (batches < kBidBatchesPerRound && m_rng.bounded(2) == 0) {
            ++batches;
            return bidInRound(round.id);
        }
    }
    if (open.size() < kOpenRounds) {
        if (m_steps % 7 == 0) {
            const QString deleted = deleteRound();
            if (!deleted.isEmpty())
                return deleted;
        }
        const QString created = createRound();
        return created.isEmpty() ? deleteRound() : created;
    }
    return {};
}

QString Simulator::createRound()
{
    static const QStringList positions{QStringLiteral("GK"), QStringLiteral("DEF"), QStringLiteral("MID"),
                                       QStringLiteral("FWD")};
    const QString position = positions.at(int(m_rng.bounded(4)));
    QStringList available;
    QSqlQuery q = m_db.exec(QStringLiteral(
        "SELECT p.player_id FROM players p WHERE p.position = ? "
        "AND NOT EXISTS (SELECT 1 FROM squad_players s WHERE s.player_id = p.player_id) "
        "AND NOT EXISTS (SELECT 1 FROM round_players rp JOIN rounds r ON r.round_id = rp.round_id "
        "                WHERE rp.player_id = p.player_id AND r.status = 'open' AND r.deleted_at IS NULL) "
        "AND NOT EXISTS (SELECT 1 FROM tiebreakers t WHERE t.player_id = p.player_id AND t.status = 'active') "
        "ORDER BY p.player_id"), {position});
    while (q.next())
        available.append(q.value(0).toString());
    if (available.size() < 3)
        return {};
    QStringList picked;
    const int count = 3 + int(m_rng.bounded(3));
    while (picked.size() < count && !available.isEmpty())
        picked.append(available.takeAt(int(m_rng.bounded(quint32(available.size())))));
    const QString currency = m_rng.bounded(4) == 0 ? QStringLiteral("real") : QStringLiteral("football");
    const auto result = m_league.createRound(position, currency, picked, m_league.clock().now().addMSecs(roundMs()));
    if (!result.isOk())
        return {};
    return QStringLiteral("opened %1 (%2, %3 players)")
        .arg(result.value().body.value(QLatin1String("round")).toObject().value(QLatin1String("round_id")).toString(),
             position)
        .arg(picked.size());
}

QString Simulator::bidInRound(const QString &roundId)
{
    const auto round = m_league.reader().round(roundId);
    if (!round)
        return {};
    const qint64 unit = round->currencyType == QLatin1String("real") ? 10 : 100;
    const QStringList teams = otherTeams();
    if (teams.isEmpty())
        return {};
    int placed = 0;
    for (const QString &playerId : round->playerIds) {
        // Two or three other teams bid on each player; the user's team never (issue 14).
        QStringList bidders;
        const int wanted = 2 + int(m_rng.bounded(2));
        for (int i = 0; i < 8 && bidders.size() < wanted; ++i) {
            const QString team = teams.at(int(m_rng.bounded(quint32(teams.size()))));
            if (!bidders.contains(team))
                bidders.append(team);
        }
        const qint64 base = unit * (5 + qint64(m_rng.bounded(40)));
        const bool tie = m_rng.bounded(5) == 0; // now and then the top bids tie -> a tiebreaker
        for (int i = 0; i < bidders.size(); ++i) {
            const qint64 amount = tie && i < 2 ? base : base + unit * qint64(m_rng.bounded(20)) - unit * 3 * i;
            if (amount >= 1 && m_league.placeBid(bidders.at(i), roundId, playerId, amount).isOk())
                ++placed;
        }
    }
    return QStringLiteral("%1 sealed bids in %2").arg(placed).arg(roundId);
}

QString Simulator::deleteRound()
{
    QStringList finalized;
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT round_id FROM rounds WHERE status = 'finalized' AND deleted_at IS NULL "
                                           "AND EXISTS (SELECT 1 FROM squad_players s WHERE s.round_id = rounds.round_id) "
                                           "ORDER BY round_id"));
    while (q.next())
        finalized.append(q.value(0).toString());
    if (finalized.isEmpty())
        return {};
    const QString roundId = finalized.at(int(m_rng.bounded(quint32(finalized.size()))));
    const auto result = m_league.deleteRound(roundId);
    if (!result.isOk())
        return {};
    return QStringLiteral("deleted %1: %2 players removed and refunded")
        .arg(roundId)
        .arg(result.value().body.value(QLatin1String("removed")).toArray().size());
}

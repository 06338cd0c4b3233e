#include "LeagueService.h"

#include "Database.h"
#include "Logging.h"

#include <protocol/Channel.h>
#include <protocol/Events.h>
#include <protocol/Squad.h>
#include <protocol/Timestamp.h>

#include <QHash>
#include <QJsonArray>
#include <QSet>

#include <algorithm>

using Protocol::ErrorCode;

namespace {

QString now()
{
    return Protocol::formatTimestamp(QDateTime::currentDateTimeUtc());
}

ServiceError error(ErrorCode code, const QString &message)
{
    return {code, message};
}

} // namespace

LeagueService::LeagueService(const Database &db, EventBus &bus, Settings settings)
    : m_db(db), m_bus(bus), m_settings(settings), m_reader(db)
{
}

// Runs `fn` inside one transaction. `fn` returns either an error (rolled back) or a Change,
// whose events go out only once the commit succeeded.
template <typename Fn>
ServiceResult<LeagueService::Change> LeagueService::inTransaction(const char *what, Fn &&fn)
{
    try {
        std::optional<Change> change;
        {
            Transaction tx(m_db);
            ServiceResult<Change> result = fn();
            if (!result.isOk())
                return result; // Transaction's destructor rolls back.
            tx.commit();
            change = result.value();
        }
        m_bus.publishAll(change->events);
        return *change;
    } catch (const DbError &e) {
        qCWarning(lcDb) << what << "failed:" << e.what();
        return error(ErrorCode::Internal, QStringLiteral("internal error"));
    }
}

QString LeagueService::nextId(const QString &table, const QString &column, const QString &prefix) const
{
    // Ids are "<prefix><4+ digits>"; take the largest number in use so deleted ids are not reused
    // while newer ones exist.
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT COALESCE(MAX(CAST(SUBSTR(%1, %2) AS INTEGER)), 0) FROM %3 "
                                           "WHERE %1 LIKE ?")
                                .arg(column)
                                .arg(prefix.size() + 1)
                                .arg(table),
                            {prefix + QLatin1Char('%')});
    const qint64 last = q.next() ? q.value(0).toLongLong() : 0;
    return prefix + QStringLiteral("%1").arg(last + 1, 4, 10, QLatin1Char('0'));
}

ServiceResult<LeagueService::Change> LeagueService::createRound(const QString &position, const QString &currencyType,
                                                                const QStringList &playerIds,
                                                                const QDateTime &closesAt)
{
    if (!Protocol::isValidPosition(position))
        return error(ErrorCode::BadRequest, QStringLiteral("position must be GK, DEF, MID or FWD"));
    if (playerIds.isEmpty())
        return error(ErrorCode::BadRequest, QStringLiteral("player_ids must not be empty"));
    if (!closesAt.isValid())
        return error(ErrorCode::BadRequest, QStringLiteral("closes_at must be an RFC 3339 time"));
    return inTransaction("createRound", [&]() -> ServiceResult<Change> {
        if (!m_db.exec(QStringLiteral("SELECT 1 FROM wallets WHERE currency_type = ? LIMIT 1"), {currencyType}).next())
            return error(ErrorCode::BadRequest, QStringLiteral("unknown currency_type \"%1\"").arg(currencyType));
        for (const QString &playerId : playerIds) {
            if (!m_db.exec(QStringLiteral("SELECT 1 FROM players WHERE player_id = ?"), {playerId}).next())
                return error(ErrorCode::NotFound, QStringLiteral("unknown player %1").arg(playerId));
            const bool unavailable =
                m_db.exec(QStringLiteral("SELECT 1 FROM squad_players WHERE player_id = ?"), {playerId}).next()
                || m_db.exec(QStringLiteral("SELECT 1 FROM round_players rp JOIN rounds r ON r.round_id = rp.round_id "
                                            "WHERE rp.player_id = ? AND r.status = 'open'"), {playerId}).next()
                || m_db.exec(QStringLiteral("SELECT 1 FROM tiebreakers WHERE player_id = ? AND status = 'active'"),
                             {playerId}).next();
            if (unavailable)
                return error(ErrorCode::PlayerUnavailable,
                             QStringLiteral("player %1 is sold, in an open round or in an active tiebreaker").arg(playerId));
        }
        const QString roundId = nextId(QStringLiteral("rounds"), QStringLiteral("round_id"), QStringLiteral("R"));
        m_db.exec(QStringLiteral("INSERT INTO rounds(round_id, position, currency_type, status, closes_at, created_at) "
                                 "VALUES(?, ?, ?, 'open', ?, ?)"),
                  {roundId, position, currencyType, Protocol::formatTimestamp(closesAt), now()});
        for (const QString &playerId : QSet<QString>(playerIds.begin(), playerIds.end()))
            m_db.exec(QStringLiteral("INSERT INTO round_players(round_id, player_id) VALUES(?, ?)"), {roundId, playerId});
        return Change{{{QLatin1String("round"), *m_reader.round(roundId)}}, {}};
    });
}

ServiceResult<LeagueService::Change> LeagueService::placeBid(const QString &teamId, const QString &roundId,
                                                             const QString &playerId, qint64 amount)
{
    if (amount < 1)
        return error(ErrorCode::BadRequest, QStringLiteral("amount must be an integer of at least 1"));
    return inTransaction("placeBid", [&]() -> ServiceResult<Change> {
        QSqlQuery r = m_db.exec(QStringLiteral("SELECT status, closes_at, currency_type FROM rounds WHERE round_id = ?"),
                                {roundId});
        if (!r.next())
            return error(ErrorCode::NotFound, QStringLiteral("no round %1").arg(roundId));
        const QString status = r.value(0).toString();
        const QDateTime closesAt = Protocol::parseTimestamp(r.value(1).toString());
        const QString currency = r.value(2).toString();
        if (!m_db.exec(QStringLiteral("SELECT 1 FROM round_players WHERE round_id = ? AND player_id = ?"),
                       {roundId, playerId}).next())
            return error(ErrorCode::NotFound, QStringLiteral("player %1 is not in round %2").arg(playerId, roundId));
        if (status != QLatin1String("open") || closesAt <= QDateTime::currentDateTimeUtc())
            return error(ErrorCode::RoundClosed, QStringLiteral("round %1 is closed").arg(roundId));
        QSqlQuery w = m_db.exec(QStringLiteral("SELECT balance FROM wallets WHERE team_id = ? AND currency_type = ?"),
                                {teamId, currency});
        const qint64 balance = w.next() ? w.value(0).toLongLong() : 0;
        if (amount > balance)
            return error(ErrorCode::InsufficientFunds,
                         QStringLiteral("bid %1 is more than the balance %2 %3").arg(amount).arg(balance).arg(currency));
        const QString ts = now();
        m_db.exec(QStringLiteral("INSERT INTO bids(round_id, player_id, team_id, amount, ts) VALUES(?, ?, ?, ?, ?) "
                                 "ON CONFLICT(round_id, player_id, team_id) DO UPDATE SET amount = excluded.amount, "
                                 "ts = excluded.ts"),
                  {roundId, playerId, teamId, amount, ts});
        const QJsonObject bid{{QLatin1String("round_id"), roundId},
                              {QLatin1String("player_id"), playerId},
                              {QLatin1String("team_id"), teamId},
                              {QLatin1String("amount"), amount},
                              {QLatin1String("ts"), ts}};
        return Change{{{QLatin1String("bid"), bid}}, {}};
    });
}

ServiceResult<LeagueService::Change> LeagueService::finalizeRound(const QString &roundId)
{
    return inTransaction("finalizeRound", [&]() -> ServiceResult<Change> {
        QSqlQuery r = m_db.exec(QStringLiteral("SELECT status, currency_type FROM rounds WHERE round_id = ?"), {roundId});
        if (!r.next())
            return error(ErrorCode::NotFound, QStringLiteral("no round %1").arg(roundId));
        if (r.value(0).toString() != QLatin1String("open"))
            return error(ErrorCode::RoundClosed, QStringLiteral("round %1 is already finalized").arg(roundId));
        const QString currency = r.value(1).toString();
        const QString ts = now();

        // Sealed bids per player, highest first; equal amounts keep the earlier bid first.
        struct Bid { QString teamId; qint64 amount; };
        QHash<QString, QList<Bid>> bidsByPlayer;
        {
            QSqlQuery b = m_db.exec(QStringLiteral(
                "SELECT b.player_id, b.team_id, b.amount FROM bids b "
                "JOIN round_players rp ON rp.round_id = b.round_id AND rp.player_id = b.player_id "
                "WHERE b.round_id = ? AND NOT EXISTS (SELECT 1 FROM squad_players s WHERE s.player_id = b.player_id) "
                "ORDER BY b.amount DESC, b.ts, b.team_id"), {roundId});
            while (b.next())
                bidsByPlayer[b.value(0).toString()].append({b.value(1).toString(), b.value(2).toLongLong()});
        }
        // PROTOCOL.md: walk players by descending top bid, ties by ascending player_id.
        QStringList order = bidsByPlayer.keys();
        std::sort(order.begin(), order.end(), [&](const QString &a, const QString &b) {
            const qint64 ta = bidsByPlayer.value(a).first().amount;
            const qint64 tb = bidsByPlayer.value(b).first().amount;
            return ta != tb ? ta > tb : a < b;
        });

        QHash<QString, qint64> balances; // running balance in the round's currency
        auto balanceOf = [&](const QString &teamId) {
            if (!balances.contains(teamId)) {
                QSqlQuery w = m_db.exec(QStringLiteral(
                    "SELECT balance FROM wallets WHERE team_id = ? AND currency_type = ?"), {teamId, currency});
                balances.insert(teamId, w.next() ? w.value(0).toLongLong() : 0);
            }
            return balances.value(teamId);
        };
        // Each resource's revision bumps once per request; the first touch decides the new value.
        QHash<QString, qint64> squadRevision, walletRevision;
        auto bump = [&](QHash<QString, qint64> &cache, const QString &column, const QString &teamId) {
            if (!cache.contains(teamId)) {
                m_db.exec(QStringLiteral("UPDATE teams SET %1 = %1 + 1 WHERE team_id = ?").arg(column), {teamId});
                QSqlQuery q = m_db.exec(QStringLiteral("SELECT %1 FROM teams WHERE team_id = ?").arg(column), {teamId});
                cache.insert(teamId, q.next() ? q.value(0).toLongLong() : 0);
            }
            return cache.value(teamId);
        };
        auto playerName = [&](const QString &playerId) {
            QSqlQuery q = m_db.exec(QStringLiteral("SELECT name FROM players WHERE player_id = ?"), {playerId});
            return q.next() ? q.value(0).toString() : QString();
        };

        Change change;
        QJsonArray acquired;
        QStringList tiebreakerIds;
        for (const QString &playerId : order) {
            QList<Bid> affordable;
            for (const Bid &bid : bidsByPlayer.value(playerId)) {
                if (bid.amount <= balanceOf(bid.teamId))
                    affordable.append(bid);
            }
            if (affordable.isEmpty())
                continue; // stays unsold
            const qint64 top = affordable.first().amount;
            QStringList tied;
            for (const Bid &bid : affordable) {
                if (bid.amount == top)
                    tied.append(bid.teamId);
            }
            const QString name = playerName(playerId);
            if (tied.size() == 1) {
                const QString teamId = tied.first();
                const qint64 newBalance = balanceOf(teamId) - top;
                balances.insert(teamId, newBalance);
                m_db.exec(QStringLiteral("UPDATE wallets SET balance = balance - ?, spent = spent + ? "
                                         "WHERE team_id = ? AND currency_type = ?"), {top, top, teamId, currency});
                m_db.exec(QStringLiteral("INSERT INTO squad_players(player_id, team_id, price, currency_type, round_id, "
                                         "acquired_at) VALUES(?, ?, ?, ?, ?, ?)"),
                          {playerId, teamId, top, currency, roundId, ts});
                m_db.exec(QStringLiteral("INSERT INTO transactions(team_id, ts, currency_type, amount, kind, player_id, "
                                         "note) VALUES(?, ?, ?, ?, 'spend', ?, ?)"),
                          {teamId, ts, currency, top, playerId,
                           QStringLiteral("Won %1 in round %2").arg(name, roundId)});
                Protocol::SquadUpdate squad;
                squad.teamId = teamId;
                squad.revision = bump(squadRevision, QStringLiteral("squad_revision"), teamId);
                squad.playerId = playerId;
                squad.playerName = name;
                squad.action = Protocol::SquadUpdate::Action::Acquired;
                squad.price = top;
                squad.currencyType = currency;
                squad.roundId = roundId;
                Protocol::WalletUpdate wallet;
                wallet.teamId = teamId;
                wallet.revision = bump(walletRevision, QStringLiteral("wallet_revision"), teamId);
                wallet.currencyType = currency;
                wallet.newBalance = newBalance;
                wallet.amountSpent = top;
                wallet.playerId = playerId;
                const QString channel = Protocol::Channel::team(teamId).name();
                change.events.append({channel, Protocol::EventType::SquadUpdate, squad.toJson()});
                change.events.append({channel, Protocol::EventType::WalletUpdate, wallet.toJson()});
                acquired.append(QJsonObject{{QLatin1String("player_id"), playerId},
                                            {QLatin1String("team_id"), teamId},
                                            {QLatin1String("price"), top}});
            } else {
                std::sort(tied.begin(), tied.end());
                const QString tiebreakerId =
                    nextId(QStringLiteral("tiebreakers"), QStringLiteral("tiebreaker_id"), QStringLiteral("TB"));
                const QString deadline = Protocol::formatTimestamp(
                    QDateTime::currentDateTimeUtc().addSecs(m_settings.tiebreakerSeconds));
                m_db.exec(QStringLiteral("INSERT INTO tiebreakers(tiebreaker_id, player_id, round_id, currency_type, "
                                         "status, starting_amount, min_increment, deadline, created_at) "
                                         "VALUES(?, ?, ?, ?, 'active', ?, ?, ?, ?)"),
                          {tiebreakerId, playerId, roundId, currency, top, m_settings.minIncrement, deadline, ts});
                for (const QString &teamId : tied)
                    m_db.exec(QStringLiteral("INSERT INTO tiebreaker_participants(tiebreaker_id, team_id) VALUES(?, ?)"),
                              {tiebreakerId, teamId});
                const QJsonObject data{{QLatin1String("tiebreaker_id"), tiebreakerId},
                                       {QLatin1String("player_id"), playerId},
                                       {QLatin1String("player_name"), name},
                                       {QLatin1String("participants"), QJsonArray::fromStringList(tied)},
                                       {QLatin1String("starting_amount"), top},
                                       {QLatin1String("deadline"), deadline}};
                for (const QString &teamId : tied)
                    change.events.append({Protocol::Channel::team(teamId).name(), Protocol::EventType::TiebreakerCreated, data});
                change.events.append({Protocol::Channel::allTiebreakers().name(), Protocol::EventType::TiebreakerCreated, data});
                tiebreakerIds.append(tiebreakerId);
            }
        }
        m_db.exec(QStringLiteral("UPDATE rounds SET status = 'finalized', finalized_at = ? WHERE round_id = ?"),
                  {ts, roundId});

        QJsonArray tiebreakers;
        for (const QString &id : tiebreakerIds)
            tiebreakers.append(*m_reader.tiebreaker(id, false));
        change.body = {{QLatin1String("round"), *m_reader.round(roundId)},
                       {QLatin1String("acquired"), acquired},
                       {QLatin1String("tiebreakers"), tiebreakers}};
        qCInfo(lcServer) << "finalized" << roundId << "acquired" << acquired.size() << "tiebreakers"
                         << tiebreakers.size();
        return change;
    });
}

#include "LeagueService.h"

#include "Clock.h"
#include "Database.h"
#include "EventHistory.h"
#include "Logging.h"

#include <protocol/Channel.h>
#include <protocol/Events.h>
#include <protocol/Round.h>
#include <protocol/Squad.h>
#include <protocol/Timestamp.h>

#include <QHash>
#include <QJsonArray>
#include <QScopeGuard>
#include <QSet>

#include <algorithm>
#include <map>

using Protocol::ErrorCode;

namespace {

ServiceError error(ErrorCode code, const QString &message)
{
    return {code, message};
}

QString teamChannel(const QString &teamId)
{
    return Protocol::Channel::team(teamId).name();
}

} // namespace

// The money and squad moves of one transaction: running balances, one revision bump per
// resource and request, and the squad_update / wallet_update events that go with them.
class LeagueService::Ledger
{
public:
    Ledger(const Database &db, QString ts) : m_db(db), m_ts(std::move(ts)) { }

    const QString &ts() const { return m_ts; }
    QList<ChannelEvent> events;

    qint64 balance(const QString &teamId, const QString &currency)
    {
        const QString key = teamId + QLatin1Char('\n') + currency;
        auto it = m_balances.find(key);
        if (it == m_balances.end()) {
            QSqlQuery w = m_db.exec(QStringLiteral("SELECT balance FROM wallets WHERE team_id = ? AND currency_type = ?"),
                                    {teamId, currency});
            it = m_balances.insert(key, w.next() ? w.value(0).toLongLong() : 0);
        }
        return it.value();
    }

    QString playerName(const QString &playerId) const { return LeagueReader(m_db).playerName(playerId); }

    // The player joins the team at `price`, debited from `currency`.
    void acquire(const QString &teamId, const QString &playerId, qint64 price, const QString &currency,
                 const QString &roundId, const QString &note)
    {
        move(teamId, playerId, price, currency, roundId, note, true);
    }
    // The player leaves the team and `price` is refunded.
    void remove(const QString &teamId, const QString &playerId, qint64 price, const QString &currency,
                const QString &roundId, const QString &note)
    {
        move(teamId, playerId, price, currency, roundId, note, false);
    }

    // Protocol 1.1: a league-wide revision (LeagueReader::kRoundsRevision, kPlayersRevision),
    // bumped once per request however often it is asked for.
    qint64 bumpLeague(const QString &name)
    {
        auto it = m_league.find(name);
        if (it == m_league.end()) {
            m_db.exec(QStringLiteral("UPDATE league_revisions SET value = value + 1 WHERE name = ?"), {name});
            QSqlQuery q = m_db.exec(QStringLiteral("SELECT value FROM league_revisions WHERE name = ?"), {name});
            it = m_league.insert(name, q.next() ? q.value(0).toLongLong() : 0);
        }
        return it.value();
    }

    // The player's catalogue status changes in this request.
    void touchPlayer(const QString &playerId)
    {
        if (!m_touched.contains(playerId))
            m_touched.append(playerId);
    }

    // The request's events, closed by one players_changed on `rounds` that names every player
    // whose status changed (and bumps the catalogue's revision once).
    QList<ChannelEvent> finish()
    {
        QList<ChannelEvent> all = events;
        if (!m_touched.isEmpty()) {
            Protocol::PlayersChanged changed;
            changed.revision = bumpLeague(LeagueReader::kPlayersRevision);
            changed.playerIds = m_touched;
            std::sort(changed.playerIds.begin(), changed.playerIds.end());
            all.append({Protocol::Channel::rounds().name(), Protocol::EventType::PlayersChanged, changed.toJson()});
        }
        return all;
    }

private:
    qint64 bump(QHash<QString, qint64> &cache, const char *column, const QString &teamId)
    {
        auto it = cache.find(teamId);
        if (it == cache.end()) {
            const QString col = QString::fromLatin1(column);
            m_db.exec(QStringLiteral("UPDATE teams SET %1 = %1 + 1 WHERE team_id = ?").arg(col), {teamId});
            QSqlQuery q = m_db.exec(QStringLiteral("SELECT %1 FROM teams WHERE team_id = ?").arg(col), {teamId});
            it = cache.insert(teamId, q.next() ? q.value(0).toLongLong() : 0);
        }
        return it.value();
    }

    void move(const QString &teamId, const QString &playerId, qint64 price, const QString &currency,
              const QString &roundId, const QString &note, bool acquired)
    {
        const QString name = playerName(playerId);
        const qint64 newBalance = balance(teamId, currency) + (acquired ? -price : price);
        m_balances.insert(teamId + QLatin1Char('\n') + currency, newBalance);
        touchPlayer(playerId);
        if (acquired) {
            m_db.exec(QStringLiteral("UPDATE wallets SET balance = balance - ?, spent = spent + ? "
                                     "WHERE team_id = ? AND currency_type = ?"), {price, price, teamId, currency});
            m_db.exec(QStringLiteral("INSERT INTO squad_players(player_id, team_id, price, currency_type, round_id, "
                                     "acquired_at) VALUES(?, ?, ?, ?, ?, ?)"),
                      {playerId, teamId, price, currency, roundId, m_ts});
        } else {
            m_db.exec(QStringLiteral("UPDATE wallets SET balance = balance + ?, spent = spent - ? "
                                     "WHERE team_id = ? AND currency_type = ?"), {price, price, teamId, currency});
            m_db.exec(QStringLiteral("DELETE FROM squad_players WHERE player_id = ? AND team_id = ?"), {playerId, teamId});
        }
        m_db.exec(QStringLiteral("INSERT INTO transactions(team_id, ts, currency_type, amount, kind, player_id, note) "
                                 "VALUES(?, ?, ?, ?, ?, ?, ?)"),
                  {teamId, m_ts, currency, price, acquired ? QStringLiteral("spend") : QStringLiteral("refund"),
                   playerId, note.arg(name)});
        Protocol::SquadUpdate squad;
        squad.teamId = teamId;
        squad.revision = bump(m_squadRevision, "squad_revision", teamId);
        squad.playerId = playerId;
        squad.playerName = name;
        squad.action = acquired ? Protocol::SquadUpdate::Action::Acquired : Protocol::SquadUpdate::Action::Removed;
        squad.price = price;
        squad.currencyType = currency;
        squad.roundId = roundId;
        Protocol::WalletUpdate wallet;
        wallet.teamId = teamId;
        wallet.revision = bump(m_walletRevision, "wallet_revision", teamId);
        wallet.currencyType = currency;
        wallet.newBalance = newBalance;
        if (acquired) {
            wallet.amountSpent = price;
        } else {
            wallet.amountRefunded = price;
            wallet.isRefund = true;
        }
        wallet.playerId = playerId;
        events.append({teamChannel(teamId), Protocol::EventType::SquadUpdate, squad.toJson()});
        events.append({teamChannel(teamId), Protocol::EventType::WalletUpdate, wallet.toJson()});
    }

    const Database &m_db;
    QString m_ts;
    QHash<QString, qint64> m_balances;
    QHash<QString, qint64> m_squadRevision;
    QHash<QString, qint64> m_walletRevision;
    QHash<QString, qint64> m_league;
    QStringList m_touched;
};

LeagueService::LeagueService(const Database &db, EventHistory &history, EventBus &bus, Settings settings,
                             const Clock &clock)
    : m_db(db), m_history(history), m_bus(bus), m_settings(settings), m_clock(clock), m_reader(db)
{
}

QDateTime LeagueService::changeTime() const
{
    return m_changeTime.isValid() ? m_changeTime : m_clock.now();
}

QString LeagueService::now() const
{
    return Protocol::formatTimestamp(changeTime());
}

void LeagueService::notifyDeadlines()
{
    if (m_deadlinesChanged && !m_dryRun)
        m_deadlinesChanged();
}

// Runs `fn` inside one transaction. `fn` returns either an error (rolled back) or a Change; its
// events are numbered and stored in the same transaction and published once the commit succeeded.
template <typename Fn>
ServiceResult<LeagueService::Change> LeagueService::inTransaction(const char *what, Fn &&fn,
                                                                  const BeforeCommit &beforeCommit)
{
    // One clock read per change: an event's ts must equal the times its data carries.
    const QDateTime outer = std::exchange(m_changeTime, m_clock.now());
    const auto restore = qScopeGuard([&] { m_changeTime = outer; });
    try {
        std::optional<Change> change;
        {
            Transaction tx(m_db);
            // Several instances on one PostgreSQL: their changes run one at a time, as on a single
            // instance, so every rule (balances, ids, deadlines) sees the state the previous change
            // committed. A no-op on SQLite, which has one writer anyway.
            m_db.lockForTransaction(Database::Lock::Writes);
            ServiceResult<Change> result = fn();
            if (!result.isOk() || m_dryRun)
                return result; // Transaction's destructor rolls back.
            change = result.value();
            const QDateTime stamp = changeTime();
            for (const ChannelEvent &e : std::as_const(change->events))
                change->published.append(m_history.append(e.channel, e.type, e.data, stamp));
            if (beforeCommit)
                beforeCommit(*change);
            tx.commit();
        }
        m_bus.publishAll(change->published);
        return *change;
    } catch (const DbError &e) {
        qCWarning(lcDb) << what << "failed:" << e.what();
        return error(ErrorCode::Internal, QStringLiteral("internal error"));
    }
}

QString LeagueService::nextId(const QString &table, const QString &column, const QString &prefix) const
{
    // Ids are "<prefix><4+ digits>"; take the largest number in use so deleted ids are never reused.
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
                                                                const QDateTime &closesAt,
                                                                const BeforeCommit &beforeCommit)
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
        // 404 for every unknown player before any 409 (PROTOCOL.md precedence).
        for (const QString &playerId : playerIds) {
            if (!m_db.exec(QStringLiteral("SELECT 1 FROM players WHERE player_id = ?"), {playerId}).next())
                return error(ErrorCode::NotFound, QStringLiteral("unknown player %1").arg(playerId));
        }
        for (const QString &playerId : playerIds) {
            const bool unavailable =
                m_db.exec(QStringLiteral("SELECT 1 FROM squad_players WHERE player_id = ?"), {playerId}).next()
                || m_db.exec(QStringLiteral("SELECT 1 FROM round_players rp JOIN rounds r ON r.round_id = rp.round_id "
                                            "WHERE rp.player_id = ? AND r.status = 'open' AND r.deleted_at IS NULL"),
                             {playerId}).next()
                || m_db.exec(QStringLiteral("SELECT 1 FROM tiebreakers WHERE player_id = ? AND status = 'active'"),
                             {playerId}).next();
            if (unavailable)
                return error(ErrorCode::PlayerUnavailable,
                             QStringLiteral("player %1 is sold, in an open round or in an active tiebreaker").arg(playerId));
        }
        const QString roundId = nextId(QStringLiteral("rounds"), QStringLiteral("round_id"), QStringLiteral("R"));
        Ledger ledger(m_db, now());
        m_db.exec(QStringLiteral("INSERT INTO rounds(round_id, position, currency_type, status, closes_at, created_at) "
                                 "VALUES(?, ?, ?, 'open', ?, ?)"),
                  {roundId, position, currencyType, Protocol::formatTimestamp(closesAt), ledger.ts()});
        QStringList unique = playerIds;
        unique.removeDuplicates();
        for (const QString &playerId : std::as_const(unique)) {
            m_db.exec(QStringLiteral("INSERT INTO round_players(round_id, player_id) VALUES(?, ?)"), {roundId, playerId});
            ledger.touchPlayer(playerId);
        }
        const Protocol::Round round = *m_reader.round(roundId);
        Protocol::RoundCreated created;
        created.roundId = roundId;
        created.revision = ledger.bumpLeague(LeagueReader::kRoundsRevision);
        created.position = round.position;
        created.currencyType = round.currencyType;
        created.playerIds = round.playerIds;
        created.closesAt = round.closesAt;
        ledger.events.append({Protocol::Channel::rounds().name(), Protocol::EventType::RoundCreated, created.toJson()});
        Change change;
        change.events = ledger.finish();
        change.body = {{QLatin1String("round"), round.toJson()}};
        return change;
    }, beforeCommit);
}

ServiceResult<LeagueService::Change> LeagueService::placeBid(const QString &teamId, const QString &roundId,
                                                             const QString &playerId, qint64 amount,
                                                             const BeforeCommit &beforeCommit)
{
    if (amount < 1)
        return error(ErrorCode::BadRequest, QStringLiteral("amount must be an integer of at least 1"));
    return inTransaction("placeBid", [&]() -> ServiceResult<Change> {
        QSqlQuery r = m_db.exec(QStringLiteral("SELECT status, closes_at, currency_type FROM rounds "
                                               "WHERE round_id = ? AND deleted_at IS NULL"), {roundId});
        if (!r.next())
            return error(ErrorCode::NotFound, QStringLiteral("no round %1").arg(roundId));
        const QString status = r.value(0).toString();
        const QDateTime closesAt = Protocol::parseTimestamp(r.value(1).toString());
        const QString currency = r.value(2).toString();
        if (!m_db.exec(QStringLiteral("SELECT 1 FROM round_players WHERE round_id = ? AND player_id = ?"),
                       {roundId, playerId}).next())
            return error(ErrorCode::NotFound, QStringLiteral("player %1 is not in round %2").arg(playerId, roundId));
        if (status != QLatin1String("open") || closesAt <= m_clock.now())
            return error(ErrorCode::RoundClosed, QStringLiteral("round %1 is closed").arg(roundId));
        QSqlQuery w = m_db.exec(QStringLiteral("SELECT balance FROM wallets WHERE team_id = ? AND currency_type = ?"),
                                {teamId, currency});
        const qint64 balance = w.next() ? w.value(0).toLongLong() : 0;
        if (amount > balance)
            return error(ErrorCode::InsufficientFunds,
                         QStringLiteral("bid %1 is more than the balance %2 %3").arg(amount).arg(balance).arg(currency));
        const Protocol::SealedBid bid{roundId, playerId, teamId, amount, now()};
        m_db.exec(QStringLiteral("INSERT INTO bids(round_id, player_id, team_id, amount, ts) VALUES(?, ?, ?, ?, ?) "
                                 "ON CONFLICT(round_id, player_id, team_id) DO UPDATE SET amount = excluded.amount, "
                                 "ts = excluded.ts"),
                  {roundId, playerId, teamId, amount, bid.ts});
        // Protocol 1.1: every dashboard of the team shows the same sealed bids.
        const Protocol::RoundBid event{teamId, roundId, playerId, amount, bid.ts};
        Change change;
        change.events = {{teamChannel(teamId), Protocol::EventType::RoundBid, event.toJson()}};
        change.body = {{QLatin1String("bid"), bid.toJson()}};
        return change;
    }, beforeCommit);
}

ServiceResult<LeagueService::Change> LeagueService::withdrawBid(const QString &teamId, const QString &roundId,
                                                                const QString &playerId, const BeforeCommit &beforeCommit)
{
    return inTransaction("withdrawBid", [&]() -> ServiceResult<Change> {
        QSqlQuery r = m_db.exec(QStringLiteral("SELECT status, closes_at FROM rounds "
                                               "WHERE round_id = ? AND deleted_at IS NULL"), {roundId});
        if (!r.next())
            return error(ErrorCode::NotFound, QStringLiteral("no round %1").arg(roundId));
        QSqlQuery b = m_db.exec(QStringLiteral("SELECT amount, ts FROM bids WHERE round_id = ? AND player_id = ? "
                                               "AND team_id = ?"), {roundId, playerId, teamId});
        if (!b.next())
            return error(ErrorCode::NotFound,
                         QStringLiteral("your team has no sealed bid on %1 in round %2").arg(playerId, roundId));
        // 404 before 409 (PROTOCOL.md precedence): a closed round says so only to a team with a bid.
        if (r.value(0).toString() != QLatin1String("open")
            || Protocol::parseTimestamp(r.value(1).toString()) <= m_clock.now())
            return error(ErrorCode::RoundClosed, QStringLiteral("round %1 is closed").arg(roundId));
        const Protocol::SealedBid bid{roundId, playerId, teamId, b.value(0).toLongLong(), b.value(1).toString()};
        m_db.exec(QStringLiteral("DELETE FROM bids WHERE round_id = ? AND player_id = ? AND team_id = ?"),
                  {roundId, playerId, teamId});
        const Protocol::RoundBid event{teamId, roundId, playerId, std::nullopt, now()};
        Change change;
        change.events = {{teamChannel(teamId), Protocol::EventType::RoundBid, event.toJson()}};
        change.body = {{QLatin1String("bid"), bid.toJson()}};
        return change;
    }, beforeCommit);
}

ServiceResult<LeagueService::Change> LeagueService::finalizeRound(const QString &roundId,
                                                                  const BeforeCommit &beforeCommit)
{
    bool createdTiebreakers = false;
    auto result = inTransaction("finalizeRound", [&]() -> ServiceResult<Change> {
        QSqlQuery r = m_db.exec(QStringLiteral("SELECT status, currency_type FROM rounds "
                                               "WHERE round_id = ? AND deleted_at IS NULL"), {roundId});
        if (!r.next())
            return error(ErrorCode::NotFound, QStringLiteral("no round %1").arg(roundId));
        if (r.value(0).toString() != QLatin1String("open"))
            return error(ErrorCode::RoundClosed, QStringLiteral("round %1 is already finalized").arg(roundId));
        const QString currency = r.value(1).toString();
        Ledger ledger(m_db, now());
        // Every player of the round leaves in_round: sold, in a tiebreaker or available again.
        const Protocol::Round round = *m_reader.round(roundId);
        for (const QString &playerId : round.playerIds)
            ledger.touchPlayer(playerId);

        // Sealed bids per player, highest first.
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

        QJsonArray acquired;
        QStringList tiebreakerIds;
        for (const QString &playerId : std::as_const(order)) {
            QList<Bid> affordable;
            for (const Bid &bid : bidsByPlayer.value(playerId)) {
                if (bid.amount <= ledger.balance(bid.teamId, currency))
                    affordable.append(bid);
            }
            if (affordable.isEmpty())
                continue; // stays unsold
            const qint64 top = affordable.first().amount;
            QStringList tied;
            for (const Bid &bid : std::as_const(affordable)) {
                if (bid.amount == top)
                    tied.append(bid.teamId);
            }
            if (tied.size() == 1) {
                ledger.acquire(tied.first(), playerId, top, currency, roundId,
                               QStringLiteral("Won %1 in round ") + roundId);
                acquired.append(Protocol::Acquisition{playerId, tied.first(), top}.toJson());
                continue;
            }
            std::sort(tied.begin(), tied.end());
            const QString tiebreakerId =
                nextId(QStringLiteral("tiebreakers"), QStringLiteral("tiebreaker_id"), QStringLiteral("TB"));
            const QString deadline =
                Protocol::formatTimestamp(m_clock.now().addSecs(m_settings.tiebreakerSeconds));
            m_db.exec(QStringLiteral("INSERT INTO tiebreakers(tiebreaker_id, player_id, round_id, currency_type, "
                                     "status, starting_amount, min_increment, deadline, created_at) "
                                     "VALUES(?, ?, ?, ?, 'active', ?, ?, ?, ?)"),
                      {tiebreakerId, playerId, roundId, currency, top, m_settings.minIncrement, deadline, ledger.ts()});
            for (const QString &teamId : std::as_const(tied))
                m_db.exec(QStringLiteral("INSERT INTO tiebreaker_participants(tiebreaker_id, team_id) VALUES(?, ?)"),
                          {tiebreakerId, teamId});
            const QJsonObject data =
                Protocol::TiebreakerCreated{tiebreakerId, playerId, ledger.playerName(playerId), tied, top, deadline}.toJson();
            for (const QString &teamId : std::as_const(tied))
                ledger.events.append({teamChannel(teamId), Protocol::EventType::TiebreakerCreated, data});
            ledger.events.append({Protocol::Channel::allTiebreakers().name(), Protocol::EventType::TiebreakerCreated, data});
            tiebreakerIds.append(tiebreakerId);
        }
        m_db.exec(QStringLiteral("UPDATE rounds SET status = 'finalized', finalized_at = ? WHERE round_id = ?"),
                  {ledger.ts(), roundId});

        QJsonArray tiebreakers;
        for (const QString &id : std::as_const(tiebreakerIds))
            tiebreakers.append(m_reader.tiebreaker(id, false)->toJson());
        createdTiebreakers = !tiebreakerIds.isEmpty();
        Protocol::RoundFinalized finalized;
        finalized.roundId = roundId;
        finalized.revision = ledger.bumpLeague(LeagueReader::kRoundsRevision);
        finalized.acquiredCount = acquired.size();
        finalized.tiebreakerIds = tiebreakerIds;
        ledger.events.append({Protocol::Channel::rounds().name(), Protocol::EventType::RoundFinalized, finalized.toJson()});
        Change change;
        change.events = ledger.finish();
        change.body = {{QLatin1String("round"), m_reader.round(roundId)->toJson()},
                       {QLatin1String("acquired"), acquired},
                       {QLatin1String("tiebreakers"), tiebreakers}};
        return change;
    }, beforeCommit);
    if (result.isOk() && createdTiebreakers)
        notifyDeadlines();
    return result;
}

// Resolves (or, with cancelOnly, cancels) an active tiebreaker inside the caller's transaction.
std::optional<ServiceError> LeagueService::endTiebreaker(Ledger &ledger, const QString &tiebreakerId, bool cancelOnly)
{
    // Claim it first: of two instances whose deadline timers fire at once, only the one whose
    // conditional UPDATE matches the row goes on (the other waits on the row lock, then finds it
    // no longer active), so there is one resolution and one set of events. The Writes lock of
    // inTransaction() already orders them; this holds even without it.
    QSqlQuery claim = m_db.exec(QStringLiteral("UPDATE tiebreakers SET status = status "
                                               "WHERE tiebreaker_id = ? AND status = 'active'"), {tiebreakerId});
    const bool claimed = claim.numRowsAffected() == 1;
    claim.finish();
    QSqlQuery t = m_db.exec(QStringLiteral("SELECT status, player_id, round_id, currency_type FROM tiebreakers "
                                           "WHERE tiebreaker_id = ?"), {tiebreakerId});
    if (!t.next())
        return error(ErrorCode::NotFound, QStringLiteral("no tiebreaker %1").arg(tiebreakerId));
    if (!claimed)
        return error(ErrorCode::TiebreakerClosed, QStringLiteral("tiebreaker %1 has ended").arg(tiebreakerId));
    const QString playerId = t.value(1).toString();
    const QString roundId = t.value(2).toString();
    const QString currency = t.value(3).toString();

    // The highest bid whose team can still pay wins, at that amount.
    QString winner;
    qint64 amount = 0;
    if (!cancelOnly) {
        // Read every bid before asking for balances: on PostgreSQL a forward-only query's
        // remaining rows are dropped when the connection runs another query, so checking a
        // balance mid-iteration ended the walk after the highest bid.
        QList<std::pair<QString, qint64>> bids;
        {
            QSqlQuery b = m_db.exec(QStringLiteral("SELECT team_id, amount FROM tiebreaker_bids WHERE tiebreaker_id = ? "
                                                   "ORDER BY amount DESC, id"), {tiebreakerId});
            while (b.next())
                bids.append({b.value(0).toString(), b.value(1).toLongLong()});
        }
        for (const auto &[teamId, bid] : std::as_const(bids)) {
            if (bid <= ledger.balance(teamId, currency)) {
                winner = teamId;
                amount = bid;
                break;
            }
        }
    }
    if (!winner.isEmpty())
        ledger.acquire(winner, playerId, amount, currency, roundId,
                       QStringLiteral("Won %1 in tiebreaker ") + tiebreakerId);
    ledger.touchPlayer(playerId); // in_tiebreaker -> sold or available
    const QString status = winner.isEmpty() ? QStringLiteral("cancelled") : QStringLiteral("resolved");
    m_db.exec(QStringLiteral("UPDATE tiebreakers SET status = ?, winner_team_id = ?, winning_amount = ? "
                             "WHERE tiebreaker_id = ?"),
              {status, winner.isEmpty() ? QVariant() : QVariant(winner),
               winner.isEmpty() ? QVariant() : QVariant(amount), tiebreakerId});
    Protocol::TiebreakerResolved resolved;
    resolved.tiebreakerId = tiebreakerId;
    resolved.cancelled = winner.isEmpty();
    resolved.winnerTeamId = winner;
    resolved.winnerTeamName = winner.isEmpty() ? QString() : m_reader.teamName(winner);
    resolved.amount = amount;
    const QJsonObject data = resolved.toJson();
    ledger.events.append({Protocol::Channel::tiebreaker(tiebreakerId).name(), Protocol::EventType::TiebreakerResolved, data});
    ledger.events.append({Protocol::Channel::allTiebreakers().name(), Protocol::EventType::TiebreakerResolved, data});
    const QStringList participants = m_reader.tiebreakerParticipants(tiebreakerId);
    for (const QString &teamId : participants)
        ledger.events.append({teamChannel(teamId), Protocol::EventType::TiebreakerResolved, data});
    qCInfo(lcServer).noquote() << "tiebreaker" << tiebreakerId << status << (winner.isEmpty() ? QString() : winner)
                               << (winner.isEmpty() ? QString() : QString::number(amount));
    return std::nullopt;
}

ServiceResult<LeagueService::Change> LeagueService::resolveTiebreaker(const QString &tiebreakerId,
                                                                      const BeforeCommit &beforeCommit)
{
    auto result = inTransaction("resolveTiebreaker", [&]() -> ServiceResult<Change> {
        Ledger ledger(m_db, now());
        if (const auto failed = endTiebreaker(ledger, tiebreakerId, false))
            return *failed;
        Change change;
        change.events = ledger.finish();
        change.body = {{QLatin1String("tiebreaker"), m_reader.tiebreaker(tiebreakerId, true)->toJson()}};
        return change;
    }, beforeCommit);
    if (result.isOk())
        notifyDeadlines();
    return result;
}

ServiceResult<LeagueService::Change> LeagueService::placeTiebreakerBid(const QString &teamId, const QString &tiebreakerId,
                                                                       qint64 amount, const BeforeCommit &beforeCommit)
{
    auto result = inTransaction("placeTiebreakerBid", [&]() -> ServiceResult<Change> {
        if (amount < 1)
            return error(ErrorCode::BadRequest, QStringLiteral("amount must be an integer of at least 1"));
        if (!m_reader.tiebreakerParticipants(tiebreakerId).contains(teamId))
            return error(ErrorCode::Forbidden, QStringLiteral("only participants may bid in this tiebreaker"));
        QSqlQuery t = m_db.exec(QStringLiteral("SELECT status, deadline, currency_type, starting_amount, min_increment "
                                               "FROM tiebreakers WHERE tiebreaker_id = ?"), {tiebreakerId});
        if (!t.next())
            return error(ErrorCode::NotFound, QStringLiteral("no tiebreaker %1").arg(tiebreakerId));
        const QDateTime nowTime = changeTime();
        const QDateTime deadline = Protocol::parseTimestamp(t.value(1).toString());
        const QString currency = t.value(2).toString();
        if (t.value(0).toString() != QLatin1String("active") || deadline <= nowTime)
            return error(ErrorCode::TiebreakerClosed, QStringLiteral("tiebreaker %1 has ended").arg(tiebreakerId));
        QSqlQuery h = m_db.exec(QStringLiteral("SELECT MAX(amount) FROM tiebreaker_bids WHERE tiebreaker_id = ?"),
                                {tiebreakerId});
        const QVariant highest = h.next() ? h.value(0) : QVariant();
        const qint64 minimum = highest.isNull() ? t.value(3).toLongLong()
                                                : highest.toLongLong() + t.value(4).toLongLong();
        if (amount < minimum)
            return error(ErrorCode::BidTooLow, QStringLiteral("the bid must be at least %1").arg(minimum));
        Ledger ledger(m_db, Protocol::formatTimestamp(nowTime));
        const qint64 balance = ledger.balance(teamId, currency);
        if (amount > balance)
            return error(ErrorCode::InsufficientFunds,
                         QStringLiteral("bid %1 is more than the balance %2 %3").arg(amount).arg(balance).arg(currency));
        m_db.exec(QStringLiteral("INSERT INTO tiebreaker_bids(tiebreaker_id, team_id, amount, ts) VALUES(?, ?, ?, ?)"),
                  {tiebreakerId, teamId, amount, ledger.ts()});
        // A bid in the last extensionSeconds moves the deadline to extensionSeconds after the bid.
        QString newDeadline = t.value(1).toString();
        if (nowTime.msecsTo(deadline) < qint64(m_settings.extensionSeconds) * 1000) {
            newDeadline = Protocol::formatTimestamp(nowTime.addSecs(m_settings.extensionSeconds));
            m_db.exec(QStringLiteral("UPDATE tiebreakers SET deadline = ? WHERE tiebreaker_id = ?"),
                      {newDeadline, tiebreakerId});
        }
        const QString teamName = m_reader.teamName(teamId);
        const QJsonObject data =
            Protocol::TiebreakerBidPlaced{tiebreakerId, teamId, teamName, amount, ledger.ts(), newDeadline}.toJson();
        Change change;
        change.events = {{Protocol::Channel::tiebreaker(tiebreakerId).name(), Protocol::EventType::TiebreakerBid, data},
                         {Protocol::Channel::allTiebreakers().name(), Protocol::EventType::TiebreakerBid, data}};
        change.body = {{QLatin1String("bid"), Protocol::TiebreakerBid{teamId, teamName, amount, ledger.ts()}.toJson()},
                       {QLatin1String("tiebreaker"), m_reader.tiebreaker(tiebreakerId, true)->toJson()}};
        return change;
    }, beforeCommit);
    if (result.isOk())
        notifyDeadlines();
    return result;
}

ServiceResult<LeagueService::Change> LeagueService::deleteRound(const QString &roundId, const BeforeCommit &beforeCommit)
{
    bool cancelled = false;
    auto result = inTransaction("deleteRound", [&]() -> ServiceResult<Change> {
        const std::optional<Protocol::Round> round = m_reader.round(roundId);
        if (!round)
            return error(ErrorCode::NotFound, QStringLiteral("no round %1").arg(roundId));
        Ledger ledger(m_db, now());
        // An open round's players leave in_round; removed and cancelled ones are touched below.
        if (round->status == Protocol::Round::Status::Open) {
            for (const QString &playerId : round->playerIds)
                ledger.touchPlayer(playerId);
        }
        // Its players, including those won in its tiebreakers (they carry the round's id).
        struct Owned { QString playerId, teamId, currency; qint64 price; };
        QList<Owned> owned;
        {
            QSqlQuery q = m_db.exec(QStringLiteral("SELECT player_id, team_id, currency_type, price FROM squad_players "
                                                   "WHERE round_id = ? ORDER BY team_id, acquired_at, player_id"),
                                    {roundId});
            while (q.next())
                owned.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toLongLong()});
        }
        QJsonArray removed;
        std::map<std::pair<QString, QString>, qint64> refunds;
        for (const Owned &o : std::as_const(owned)) {
            ledger.remove(o.teamId, o.playerId, o.price, o.currency, roundId,
                          QStringLiteral("Refund for %1: round ") + roundId + QStringLiteral(" deleted"));
            removed.append(Protocol::Acquisition{o.playerId, o.teamId, o.price}.toJson());
            refunds[{o.teamId, o.currency}] += o.price;
        }
        QStringList active;
        {
            QSqlQuery q = m_db.exec(QStringLiteral("SELECT tiebreaker_id FROM tiebreakers WHERE round_id = ? "
                                                   "AND status = 'active' ORDER BY tiebreaker_id"), {roundId});
            while (q.next())
                active.append(q.value(0).toString());
        }
        for (const QString &id : std::as_const(active)) {
            if (const auto failed = endTiebreaker(ledger, id, true))
                return *failed;
        }
        cancelled = !active.isEmpty();
        m_db.exec(QStringLiteral("UPDATE rounds SET deleted_at = ? WHERE round_id = ?"), {ledger.ts(), roundId});
        QJsonArray refunded;
        for (const auto &[key, amount] : refunds)
            refunded.append(Protocol::Refund{key.first, key.second, amount}.toJson());
        qCInfo(lcServer) << "deleted round" << roundId << "removed" << removed.size() << "cancelled" << active.size();
        const Protocol::RoundDeleted deleted{roundId, ledger.bumpLeague(LeagueReader::kRoundsRevision)};
        ledger.events.append({Protocol::Channel::rounds().name(), Protocol::EventType::RoundDeleted, deleted.toJson()});
        Change change;
        change.events = ledger.finish();
        change.body = {{QLatin1String("removed"), removed}, {QLatin1String("refunded"), refunded}};
        return change;
    }, beforeCommit);
    if (result.isOk() && cancelled)
        notifyDeadlines();
    return result;
}

int LeagueService::resolveDue()
{
    QStringList due;
    try {
        QSqlQuery q = m_db.exec(QStringLiteral("SELECT tiebreaker_id FROM tiebreakers WHERE status = 'active' "
                                               "AND deadline <= ? ORDER BY deadline, tiebreaker_id"), {now()});
        while (q.next())
            due.append(q.value(0).toString());
    } catch (const DbError &e) {
        qCWarning(lcDb) << "resolveDue failed:" << e.what();
        return 0;
    }
    int resolved = 0;
    for (const QString &id : std::as_const(due)) {
        if (resolveTiebreaker(id).isOk())
            ++resolved;
    }
    return resolved;
}

std::optional<QDateTime> LeagueService::nextDeadline() const
{
    try {
        QSqlQuery q = m_db.exec(QStringLiteral("SELECT MIN(deadline) FROM tiebreakers WHERE status = 'active'"));
        if (q.next() && !q.value(0).isNull())
            return Protocol::parseTimestamp(q.value(0).toString());
    } catch (const DbError &e) {
        qCWarning(lcDb) << "nextDeadline failed:" << e.what();
    }
    return std::nullopt;
}

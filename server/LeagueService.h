#pragma once

#include "EventBus.h"
#include "LeagueReader.h"
#include "ServiceResult.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QStringList>

#include <functional>
#include <optional>

class Clock;
class Database;
class EventHistory;

// The league's rules. Every change runs in ONE transaction, and the events it produces are
// numbered and stored in the channel history inside that same transaction; they go to the
// EventBus only after the commit, so a client refetching on an event always sees the change
// (PROTOCOL.md, live channel) and a crash cannot lose an event of a committed change.
class LeagueService
{
public:
    struct Settings
    {
        qint64 minIncrement = 100;
        int tiebreakerSeconds = 120;
        // PROTOCOL.md: a bid in the last 30 s moves the deadline to 30 s after that bid.
        int extensionSeconds = 30;
    };

    // A committed change: the HTTP answer body and the events that were published for it.
    struct Change
    {
        QJsonObject body;
        QList<ChannelEvent> events;    // as produced by the rule
        QList<LiveEvent> published;    // numbered, stored, published after commit
    };
    // Runs inside the change's transaction, after the rule succeeded and before the commit
    // (e.g. to store an Idempotency-Key answer atomically with the bid). Throws DbError to abort.
    using BeforeCommit = std::function<void(const Change &)>;

    LeagueService(const Database &db, EventHistory &history, EventBus &bus, Settings settings, const Clock &clock);

    const LeagueReader &reader() const { return m_reader; }
    const Settings &settings() const { return m_settings; }
    const Clock &clock() const { return m_clock; }

    // Every change takes an optional BeforeCommit (Idempotency-Key answers are stored with it).
    // POST /admin/rounds: body {round}.
    ServiceResult<Change> createRound(const QString &position, const QString &currencyType,
                                      const QStringList &playerIds, const QDateTime &closesAt,
                                      const BeforeCommit &beforeCommit = {});
    // POST /rounds/{id}/bids: body {bid}. A later bid from the same team replaces the earlier one.
    ServiceResult<Change> placeBid(const QString &teamId, const QString &roundId, const QString &playerId,
                                   qint64 amount, const BeforeCommit &beforeCommit = {});
    // DELETE /rounds/{id}/bids/{player_id} (protocol 1.1): body {bid}, the bid withdrawn.
    ServiceResult<Change> withdrawBid(const QString &teamId, const QString &roundId, const QString &playerId,
                                      const BeforeCommit &beforeCommit = {});
    // POST /admin/rounds/{id}/finalize: body {round, acquired, tiebreakers}.
    ServiceResult<Change> finalizeRound(const QString &roundId, const BeforeCommit &beforeCommit = {});
    // DELETE /admin/rounds/{id}: body {removed, refunded}.
    ServiceResult<Change> deleteRound(const QString &roundId, const BeforeCommit &beforeCommit = {});
    // POST /tiebreakers/{id}/bids: body {bid, tiebreaker}. A non-participant gets forbidden
    // (also for unknown ids, so existence is not leaked).
    ServiceResult<Change> placeTiebreakerBid(const QString &teamId, const QString &tiebreakerId, qint64 amount,
                                             const BeforeCommit &beforeCommit = {});
    // POST /admin/tiebreakers/{id}/resolve and the deadline timer: body {tiebreaker}.
    ServiceResult<Change> resolveTiebreaker(const QString &tiebreakerId, const BeforeCommit &beforeCommit = {});

    // Resolves every active tiebreaker whose deadline has passed (by the clock); returns how many.
    int resolveDue();
    // The earliest deadline of an active tiebreaker.
    std::optional<QDateTime> nextDeadline() const;
    // Called after a committed change that created, extended or ended a tiebreaker.
    void setDeadlinesChanged(std::function<void()> callback) { m_deadlinesChanged = std::move(callback); }

    // While set, changes run and are checked but rolled back and not published (the rate limiter
    // uses it to answer a limited request's own errors first, as PROTOCOL.md's precedence asks).
    class DryRun
    {
    public:
        explicit DryRun(LeagueService &service) : m_service(service) { m_service.m_dryRun = true; }
        ~DryRun() { m_service.m_dryRun = false; }
        DryRun(const DryRun &) = delete;
        DryRun &operator=(const DryRun &) = delete;

    private:
        LeagueService &m_service;
    };

private:
    class Ledger;
    template <typename Fn>
    ServiceResult<Change> inTransaction(const char *what, Fn &&fn, const BeforeCommit &beforeCommit = {});
    QString nextId(const QString &table, const QString &column, const QString &prefix) const;
    QString now() const;
    // The time of the change being made: read once when its transaction starts, so the change's
    // rows, answer and events all carry the same time.
    QDateTime changeTime() const;
    std::optional<ServiceError> endTiebreaker(Ledger &ledger, const QString &tiebreakerId, bool cancelOnly);
    void notifyDeadlines();

    const Database &m_db;
    EventHistory &m_history;
    EventBus &m_bus;
    Settings m_settings;
    const Clock &m_clock;
    QDateTime m_changeTime; // valid while a change runs
    LeagueReader m_reader;
    std::function<void()> m_deadlinesChanged;
    bool m_dryRun = false;
};

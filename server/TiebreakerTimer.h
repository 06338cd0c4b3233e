#pragma once

#include <QObject>
#include <QTimer>

class Clock;
class LeagueService;

// Resolves tiebreakers at their deadlines. One single-shot timer aims at the earliest deadline of
// any active tiebreaker (read from the database, so it survives restarts); every change that
// creates, extends or ends a tiebreaker calls scheduleSoon(), which re-reads it. Overdue ones
// (e.g. deadlines that passed while the server was down) are resolved at once.
class TiebreakerTimer : public QObject
{
    Q_OBJECT
public:
    // Longest single wait; the timer re-checks at least this often (guards against clock jumps).
    static constexpr qint64 kMaxWaitMs = 60 * 1000;

    TiebreakerTimer(LeagueService &league, const Clock &clock, QObject *parent = nullptr);

    // Re-evaluates from the event loop (never re-entrantly from inside a service call).
    void scheduleSoon();
    // Resolves what is due now and arms the timer for the next deadline.
    void check();
    bool isArmed() const { return m_timer.isActive(); }
    int remainingMs() const { return m_timer.remainingTime(); }

Q_SIGNALS:
    void resolved(int count);

private:
    LeagueService &m_league;
    const Clock &m_clock;
    QTimer m_timer;
};

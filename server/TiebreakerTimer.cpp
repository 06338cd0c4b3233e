#include "TiebreakerTimer.h"

#include "Clock.h"
#include "LeagueService.h"

#include <algorithm>

TiebreakerTimer::TiebreakerTimer(LeagueService &league, const Clock &clock, QObject *parent)
    : QObject(parent), m_league(league), m_clock(clock)
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &TiebreakerTimer::check);
}

void TiebreakerTimer::scheduleSoon()
{
    m_timer.start(0);
}

void TiebreakerTimer::check()
{
    const int count = m_league.resolveDue();
    if (count > 0)
        Q_EMIT resolved(count);
    // resolveDue() asked for scheduleSoon() again if it resolved something; arm for the next one.
    const std::optional<QDateTime> next = m_league.nextDeadline();
    if (!next) {
        m_timer.stop();
        return;
    }
    // +1 ms: a tiebreaker is due once now >= deadline.
    qint64 wait = std::clamp<qint64>(m_clock.now().msecsTo(*next) + 1, 0, kMaxWaitMs);
    if (wait <= 1 && count == 0)
        wait = 100; // due but not resolvable right now (database trouble): do not spin

    m_timer.start(int(wait));
}

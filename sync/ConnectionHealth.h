#pragma once

#include "Backoff.h"

#include <QDateTime>
#include <QObject>
#include <QTimer>

// One view of "can we reach the server" for the whole client. REST retries and the live
// reconnect share its single backoff schedule, so an outage becomes one retry every few seconds
// (with jitter, so a league's clients do not return in the same second) instead of a storm of
// independent retries. When the OS reports the network back, everyone retries at once.
class ConnectionHealth : public QObject
{
    Q_OBJECT

public:
    explicit ConnectionHealth(QObject *parent = nullptr);

    void setBackoff(const Backoff &backoff) { m_backoff = backoff; }
    // Watches the OS's reachability where Qt has a backend for it (NetworkManager, Windows,
    // macOS); without one, nothing happens.
    void watchNetwork();

    // A server answered (REST): the outage, if any, is over and waiting retries run now. The
    // backoff keeps its place, so a path that still fails (a WebSocket behind a proxy that
    // refuses upgrades) is not retried at the shortest delay again and again.
    void reportSuccess();
    // A live connection stayed up: start the backoff from the beginning next time.
    void resetBackoff() { m_backoff.reset(); }
    // No answer, or a 5xx. Schedules one retryDue(); failures while one is scheduled are part of
    // the same outage and do not push it further out.
    void reportFailure();
    // Fire retryDue() now (network back, or the user asked).
    void retryNow();

    bool isFailing() const { return m_failing; }
    bool isRetryScheduled() const { return m_timer.isActive(); }
    QDateTime nextRetryAt() const { return m_timer.isActive() ? m_nextRetryAt : QDateTime(); }

Q_SIGNALS:
    void retryDue();
    void recovered();

private:
    Backoff m_backoff;
    QTimer m_timer;
    QDateTime m_nextRetryAt;
    bool m_failing = false;
};

#pragma once

#include <protocol/Tiebreaker.h>

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <functional>

class QueryBinding;
class Session;
class SyncClient;

// Watches the active tiebreakers a team is in and says once when each enters its last 30 s
// (PROTOCOL.md: a late bid pushes the deadline to 30 s after it, so these are the seconds that
// decide it). One timer, set to the next such moment; the clock is injectable for tests.
class DeadlineWatch : public QObject
{
    Q_OBJECT

public:
    static constexpr int lastSeconds = 30;

    explicit DeadlineWatch(QObject *parent = nullptr);
    ~DeadlineWatch() override;

    void setSession(Session *session);
    void setClient(SyncClient *client);
    void setTeamId(const QString &teamId); // empty: watches nothing (admins)
    void setClock(std::function<QDateTime()> clock) { m_clock = std::move(clock); }

    // The active tiebreakers as the list answers them (tests call it directly).
    void watch(const QList<Protocol::Tiebreaker> &active);
    // Looks at the clock now: alerts what entered its last seconds, and sets the timer.
    void check();
    bool isTimerActive() const { return m_timer.isActive(); }

Q_SIGNALS:
    void finalSeconds(const Protocol::Tiebreaker &tiebreaker);

private:
    void reload();

    QueryBinding *m_binding; // child
    QString m_teamId;
    QList<Protocol::Tiebreaker> m_watched;
    QSet<QString> m_alerted; // tiebreaker ids, once each
    QTimer m_timer;
    std::function<QDateTime()> m_clock = [] { return QDateTime::currentDateTimeUtc(); };
};

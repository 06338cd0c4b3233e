#include "DeadlineWatch.h"

#include "ModelsLog.h"
#include "QueryBinding.h"

#include <session/Session.h>

#include <sync/Query.h>

DeadlineWatch::DeadlineWatch(QObject *parent) : QObject(parent), m_binding(new QueryBinding(this))
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &DeadlineWatch::check);
    connect(m_binding, &QueryBinding::attached, this, &DeadlineWatch::reload);
    connect(m_binding, &QueryBinding::dataChanged, this, &DeadlineWatch::reload);
}

DeadlineWatch::~DeadlineWatch() = default;

void DeadlineWatch::setSession(Session *session)
{
    m_binding->setSession(session);
}

void DeadlineWatch::setClient(SyncClient *client)
{
    m_binding->setClient(client);
}

void DeadlineWatch::setTeamId(const QString &teamId)
{
    if (m_teamId == teamId)
        return;
    m_teamId = teamId;
    m_alerted.clear();
    // The active list is cached and kept fresh for the views already; observing it costs nothing.
    m_binding->setKey(teamId.isEmpty() ? std::nullopt : std::optional(QueryKey::activeTiebreakers()));
    reload();
}

void DeadlineWatch::reload()
{
    const Query *query = m_binding->query();
    if (!query || !query->hasData()) {
        watch({});
        return;
    }
    const auto list = Protocol::parseTiebreakerList(query->data());
    if (!list)
        qCWarning(lcModels) << "tiebreaker list does not parse:" << list.error();
    watch(list ? list->tiebreakers : QList<Protocol::Tiebreaker>());
}

void DeadlineWatch::watch(const QList<Protocol::Tiebreaker> &active)
{
    m_watched.clear();
    for (const Protocol::Tiebreaker &t : active) {
        if (t.status == Protocol::TiebreakerStatus::Active && t.deadlineTime().isValid() && !m_teamId.isEmpty()
            && t.participants.contains(m_teamId))
            m_watched.append(t);
    }
    check();
}

void DeadlineWatch::check()
{
    const QDateTime now = m_clock();
    qint64 nextMs = -1;
    for (const Protocol::Tiebreaker &t : std::as_const(m_watched)) {
        const QDateTime deadline = t.deadlineTime();
        const QDateTime alertAt = deadline.addSecs(-lastSeconds);
        if (now >= deadline || m_alerted.contains(t.tiebreakerId))
            continue;
        if (now >= alertAt) {
            m_alerted.insert(t.tiebreakerId);
            Q_EMIT finalSeconds(t);
            continue;
        }
        const qint64 ms = now.msecsTo(alertAt);
        if (nextMs < 0 || ms < nextMs)
            nextMs = ms;
    }
    if (nextMs >= 0)
        m_timer.start(int(qMin<qint64>(nextMs, 24 * 3600 * 1000)) + 1);
    else
        m_timer.stop();
}

#pragma once

#include "EventBus.h"
#include "LeagueReader.h"
#include "ServiceResult.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QStringList>

class Database;

// The league's rules. Every change runs in ONE transaction; its events are published on the
// EventBus only after that transaction committed, so a client refetching on an event always
// sees the change (PROTOCOL.md, live channel).
class LeagueService
{
public:
    struct Settings
    {
        qint64 minIncrement = 100;
        int tiebreakerSeconds = 120;
    };

    // A committed change: the HTTP answer body and the events that were published for it.
    struct Change
    {
        QJsonObject body;
        QList<ChannelEvent> events;
    };

    LeagueService(const Database &db, EventBus &bus, Settings settings);

    const LeagueReader &reader() const { return m_reader; }
    const Settings &settings() const { return m_settings; }

    // POST /admin/rounds: body {round}.
    ServiceResult<Change> createRound(const QString &position, const QString &currencyType,
                                      const QStringList &playerIds, const QDateTime &closesAt);
    // POST /rounds/{id}/bids: body {bid}. A later bid from the same team replaces the earlier one.
    ServiceResult<Change> placeBid(const QString &teamId, const QString &roundId, const QString &playerId,
                                   qint64 amount);
    // POST /admin/rounds/{id}/finalize: body {round, acquired, tiebreakers}.
    ServiceResult<Change> finalizeRound(const QString &roundId);

private:
    template <typename Fn>
    ServiceResult<Change> inTransaction(const char *what, Fn &&fn);
    QString nextId(const QString &table, const QString &column, const QString &prefix) const;

    const Database &m_db;
    EventBus &m_bus;
    Settings m_settings;
    LeagueReader m_reader;
};

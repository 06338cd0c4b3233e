#pragma once

#include "EventBus.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

class Database;

// Each live channel's numbered history, kept in the database so that a client's `since`
// survives a server restart. The epoch is created once per database.
class EventHistory
{
public:
    using Event = LiveEvent;

    // Keeps at least this many events and at least this much time per channel (PROTOCOL.md).
    static constexpr int kKeepEvents = 256;
    static constexpr int kKeepSeconds = 300;

    explicit EventHistory(const Database &db);

    QString epoch() const { return m_epoch; }
    // Lower than the defaults only in tests (PROTOCOL.md promises at least 256 events / 5 min).
    void setRetention(int events, int seconds)
    {
        m_keepEvents = events;
        m_keepSeconds = seconds;
    }
    // Numbers and stores an event; throws DbError. Runs inside the caller's transaction, so an
    // event is stored exactly when the change it reports is committed.
    Event append(const QString &channel, const QString &type, const QJsonObject &data,
                 const QDateTime &now = QDateTime::currentDateTimeUtc());
    qint64 lastSeq(const QString &channel) const;
    // The events after `seq`, oldest first; nullopt when some of them are no longer held.
    std::optional<QList<Event>> eventsAfter(const QString &channel, qint64 seq) const;

private:
    const Database &m_db;
    QString m_epoch;
    int m_keepEvents = kKeepEvents;
    int m_keepSeconds = kKeepSeconds;
};

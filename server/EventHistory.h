#pragma once

#include "EventBus.h"

#include <QDateTime>
#include <QHash>
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
    // The PostgreSQL notification channel a committed change wakes the other instances on.
    static constexpr const char *kNotifyChannel = "leaguedesk_live";

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
    // Every channel's last seq (one small table: a row per channel ever used).
    QHash<QString, qint64> lastSeqs() const;
    // The events after `seq` up to `upTo` (default: the last), oldest first; nullopt when some of
    // them are no longer held. With several writers, pass the position already answered so that
    // events committed meanwhile come later, in order, rather than make the range look incomplete.
    std::optional<QList<Event>> eventsAfter(const QString &channel, qint64 seq, qint64 upTo = -1) const;

private:
    const Database &m_db;
    QString m_epoch;
    int m_keepEvents = kKeepEvents;
    int m_keepSeconds = kKeepSeconds;
};

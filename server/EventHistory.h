#pragma once

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
    struct Event
    {
        QString channel;
        qint64 seq = 0;
        QString ts;
        QString type;
        QJsonObject data;
    };

    // Keeps at least this many events and at least this much time per channel (PROTOCOL.md).
    static constexpr int kKeepEvents = 256;
    static constexpr int kKeepSeconds = 300;

    explicit EventHistory(const Database &db);

    QString epoch() const { return m_epoch; }
    // Numbers and stores an event; throws DbError.
    Event append(const QString &channel, const QString &type, const QJsonObject &data);
    qint64 lastSeq(const QString &channel) const;
    // The events after `seq`, oldest first; nullopt when some of them are no longer held.
    std::optional<QList<Event>> eventsAfter(const QString &channel, qint64 seq) const;

private:
    const Database &m_db;
    QString m_epoch;
};

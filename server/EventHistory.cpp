#include "EventHistory.h"

#include "Database.h"

#include <protocol/Timestamp.h>

#include <QDateTime>
#include <QJsonDocument>
#include <QRandomGenerator>

EventHistory::EventHistory(const Database &db) : m_db(db)
{
    m_epoch = m_db.meta(QStringLiteral("epoch"));
    if (m_epoch.isEmpty()) {
        // A new database starts a new history; clients holding an old epoch must refetch.
        const quint64 value = QRandomGenerator::system()->generate64();
        m_epoch = QString::number(value, 36);
        m_db.setMeta(QStringLiteral("epoch"), m_epoch);
    }
}

qint64 EventHistory::lastSeq(const QString &channel) const
{
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT COALESCE(MAX(seq), 0) FROM live_events WHERE channel = ?"), {channel});
    return q.next() ? q.value(0).toLongLong() : 0;
}

EventHistory::Event EventHistory::append(const QString &channel, const QString &type, const QJsonObject &data,
                                         const QDateTime &nowTime)
{
    Event event{channel, lastSeq(channel) + 1, Protocol::formatTimestamp(nowTime), type, data};
    m_db.exec(QStringLiteral("INSERT INTO live_events(channel, seq, ts, type, data) VALUES(?, ?, ?, ?, ?)"),
              {channel, event.seq, event.ts, type,
               QString::fromUtf8(QJsonDocument(data).toJson(QJsonDocument::Compact))});
    // Drop what is both older than the last m_keepEvents and older than m_keepSeconds.
    m_db.exec(QStringLiteral("DELETE FROM live_events WHERE channel = ? AND seq <= ? AND ts < ?"),
              {channel, event.seq - m_keepEvents, Protocol::formatTimestamp(nowTime.addSecs(-m_keepSeconds))});
    return event;
}

std::optional<QList<EventHistory::Event>> EventHistory::eventsAfter(const QString &channel, qint64 seq) const
{
    const qint64 last = lastSeq(channel);
    if (seq > last)
        return std::nullopt; // the client claims events this server never numbered
    QList<Event> events;
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT seq, ts, type, data FROM live_events WHERE channel = ? AND seq > ? "
                                           "ORDER BY seq"),
                            {channel, seq});
    while (q.next()) {
        events.append({channel, q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
                       QJsonDocument::fromJson(q.value(3).toString().toUtf8()).object()});
    }
    // Complete only if nothing between seq and last was pruned.
    if (events.size() != last - seq)
        return std::nullopt;
    return events;
}

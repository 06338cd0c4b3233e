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
        // A new database starts a new history; clients holding an old epoch must refetch. The
        // epoch belongs to the database: of instances starting at once, the first insert wins and
        // every instance uses what was stored.
        const quint64 value = QRandomGenerator::system()->generate64();
        m_db.exec(QStringLiteral("INSERT INTO meta(key, value) VALUES(?, ?) ON CONFLICT(key) DO NOTHING"),
                  {QStringLiteral("epoch"), QString::number(value, 36)});
        m_epoch = m_db.meta(QStringLiteral("epoch"));
    }
}

qint64 EventHistory::lastSeq(const QString &channel) const
{
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT seq FROM live_channels WHERE channel = ?"), {channel});
    return q.next() ? q.value(0).toLongLong() : 0;
}

QHash<QString, qint64> EventHistory::lastSeqs() const
{
    QHash<QString, qint64> seqs;
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT channel, seq FROM live_channels"));
    while (q.next())
        seqs.insert(q.value(0).toString(), q.value(1).toLongLong());
    return seqs;
}

EventHistory::Event EventHistory::append(const QString &channel, const QString &type, const QJsonObject &data,
                                         const QDateTime &nowTime)
{
    // The channel's counter row is locked until the commit: a writer on another instance waits
    // here and then numbers after us, so seq has neither gaps nor duplicates across instances.
    QSqlQuery counter = m_db.exec(QStringLiteral("INSERT INTO live_channels(channel, seq) VALUES(?, 1) "
                                                 "ON CONFLICT(channel) DO UPDATE SET seq = live_channels.seq + 1 "
                                                 "RETURNING seq"),
                                  {channel});
    if (!counter.next())
        throw DbError(QStringLiteral("no seq for channel %1").arg(channel));
    Event event{channel, counter.value(0).toLongLong(), Protocol::formatTimestamp(nowTime), type, data};
    counter.finish();
    m_db.exec(QStringLiteral("INSERT INTO live_events(channel, seq, ts, type, data) VALUES(?, ?, ?, ?, ?)"),
              {channel, event.seq, event.ts, type,
               QString::fromUtf8(QJsonDocument(data).toJson(QJsonDocument::Compact))});
    // Drop what is both older than the last m_keepEvents and older than m_keepSeconds.
    m_db.exec(QStringLiteral("DELETE FROM live_events WHERE channel = ? AND seq <= ? AND ts < ?"),
              {channel, event.seq - m_keepEvents, Protocol::formatTimestamp(nowTime.addSecs(-m_keepSeconds))});
    if (m_db.dialect() == Database::Dialect::Postgres) {
        // The wake-up for the other instances (PostgresFanout): delivered by PostgreSQL only when
        // this transaction commits, and only once however many events the change made.
        m_db.exec(QStringLiteral("NOTIFY ") + QLatin1String(kNotifyChannel));
    }
    return event;
}

std::optional<QList<EventHistory::Event>> EventHistory::eventsAfter(const QString &channel, qint64 seq, qint64 upTo) const
{
    const qint64 last = upTo >= 0 ? upTo : lastSeq(channel);
    if (seq > last)
        return std::nullopt; // the client claims events this server never numbered
    QList<Event> events;
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT seq, ts, type, data FROM live_events WHERE channel = ? AND seq > ? "
                                           "AND seq <= ? ORDER BY seq"),
                            {channel, seq, last});
    while (q.next()) {
        events.append({channel, q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
                       QJsonDocument::fromJson(q.value(3).toString().toUtf8()).object()});
    }
    // Complete only if nothing between seq and last was pruned.
    if (events.size() != last - seq)
        return std::nullopt;
    return events;
}

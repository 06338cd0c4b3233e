#include "PostgresFanout.h"

#include "EventHistory.h"
#include "Logging.h"

#include <QJsonDocument>
#include <QSqlDriver>

#include <utility>

PostgresFanout::PostgresFanout(Database &db, QString databaseUrl, QObject *parent)
    : QObject(parent), m_db(db), m_url(std::move(databaseUrl))
{
    m_catchUp.setInterval(kCatchUpMs);
    connect(&m_catchUp, &QTimer::timeout, this, &PostgresFanout::tick);
}

void PostgresFanout::tick()
{
    // libpq never reconnects by itself: after PostgreSQL restarted (or the network dropped the
    // connection) every statement on the old connection fails, so open it again.
    bool reopened = false;
    if (!m_db.ping()) {
        if (!m_db.reopen()) {
            setDatabaseUp(false, m_db.errorString());
            return;
        }
        reopened = true;
        m_sessionRenewed = true;
        ++m_reconnects;
        qCInfo(lcDb) << "live fan-out: the database connection was reopened";
    }
    // The listening connection may have dropped too (notifications sent meanwhile are lost), so
    // listen again; the read below covers what they announced.
    if (reopened || !m_listening || !m_listener || !m_listener->ping()) {
        if (m_listening)
            qCWarning(lcDb) << "live fan-out: the listening connection is down; reconnecting";
        m_listening = false;
        QString error;
        if (listen(&error))
            ++m_relistens;
        else
            qCWarning(lcDb).noquote() << "live fan-out: cannot listen:" << error;
    }
    try {
        catchUpOrThrow();
    } catch (const DbError &e) {
        setDatabaseUp(false, QString::fromStdString(e.what()));
        return;
    }
    setDatabaseUp(true);
    if (std::exchange(m_sessionRenewed, false))
        Q_EMIT databaseReconnected();
}

void PostgresFanout::setDatabaseUp(bool up, const QString &reason)
{
    if (up == m_databaseUp)
        return;
    m_databaseUp = up;
    if (up) {
        qCInfo(lcDb) << "live fan-out: the database is back; caught up";
        return;
    }
    ++m_outages;
    m_listening = false;
    qCWarning(lcDb).noquote() << "live fan-out: the database is unreachable:" << reason.left(300);
    Q_EMIT databaseLost(reason);
}

PostgresFanout::~PostgresFanout() = default;

bool PostgresFanout::listen(QString *error)
{
    m_listener.reset();
    auto listener = std::make_unique<Database>();
    listener->setApplicationName(QLatin1String(kListenerName));
    if (!listener->open(m_url, Database::Migrations::Skip)) {
        *error = listener->errorString();
        return false;
    }
    QSqlDriver *driver = listener->connection().driver();
    if (!driver->hasFeature(QSqlDriver::EventNotifications)
        || !driver->subscribeToNotification(QLatin1String(EventHistory::kNotifyChannel))) {
        *error = QStringLiteral("LISTEN %1 failed").arg(QLatin1String(EventHistory::kNotifyChannel));
        return false;
    }
    connect(driver, &QSqlDriver::notification, this, [this] {
        ++m_notifications;
        queueCatchUp();
    });
    m_listener = std::move(listener);
    m_listening = true;
    return true;
}

bool PostgresFanout::start(QString *error)
{
    // Listen first, then take the positions: a change committed in between is both announced and
    // read, never neither.
    if (!listen(error))
        return false;
    try {
        m_delivered.clear();
        QSqlQuery q = m_db.exec(QStringLiteral("SELECT channel, seq FROM live_channels"));
        while (q.next())
            m_delivered.insert(q.value(0).toString(), q.value(1).toLongLong());
    } catch (const DbError &e) {
        *error = QString::fromStdString(e.what());
        return false;
    }
    m_started = true;
    m_catchUp.start();
    qCInfo(lcDb) << "live fan-out: listening on" << EventHistory::kNotifyChannel << "with" << m_delivered.size()
                 << "channels";
    return true;
}

void PostgresFanout::publish(const LiveEvent &event)
{
    if (!m_started)
        return; // start-up (the demo seed): history only, no live socket exists yet
    const qint64 last = m_delivered.value(event.channel, 0);
    if (event.seq <= last)
        return; // already read back from the database
    if (event.seq == last + 1) {
        deliverInOrder(event);
        return;
    }
    // Another instance committed on this channel before us and we have not read it yet: read the
    // channel, which delivers theirs and then ours, in seq order.
    try {
        if (readChannel(event.channel))
            Q_EMIT deliveredFromDatabase(true);
    } catch (const DbError &e) {
        qCWarning(lcDb) << "live fan-out: reading" << event.channel << "failed:" << e.what();
    }
}

void PostgresFanout::deliverInOrder(const LiveEvent &event)
{
    m_delivered.insert(event.channel, event.seq);
    if (m_deliver)
        m_deliver(event);
}

void PostgresFanout::queueCatchUp()
{
    if (std::exchange(m_catchUpQueued, true))
        return; // one read answers every notification that arrived meanwhile
    QMetaObject::invokeMethod(this, [this] {
        m_catchUpQueued = false;
        catchUp();
    }, Qt::QueuedConnection);
}

void PostgresFanout::catchUp()
{
    try {
        catchUpOrThrow();
    } catch (const DbError &e) {
        qCWarning(lcDb) << "live fan-out: catch-up read failed:" << e.what();
    }
}

void PostgresFanout::catchUpOrThrow()
{
    if (!m_started)
        return;
    QStringList behind;
    {
        QSqlQuery q = m_db.exec(QStringLiteral("SELECT channel, seq FROM live_channels"));
        while (q.next()) {
            const QString channel = q.value(0).toString();
            if (q.value(1).toLongLong() > m_delivered.value(channel, 0))
                behind.append(channel);
        }
    }
    bool tiebreakers = false;
    for (const QString &channel : std::as_const(behind))
        tiebreakers = readChannel(channel) || tiebreakers;
    if (!behind.isEmpty())
        Q_EMIT deliveredFromDatabase(tiebreakers);
}

bool PostgresFanout::readChannel(const QString &channel)
{
    const qint64 last = m_delivered.value(channel, 0);
    QList<LiveEvent> events;
    {
        // All rows first: a forward-only QPSQL result loses its rest when the connection runs
        // another statement.
        QSqlQuery q = m_db.exec(QStringLiteral("SELECT seq, ts, type, data FROM live_events "
                                               "WHERE channel = ? AND seq > ? ORDER BY seq"),
                                {channel, last});
        while (q.next()) {
            events.append({channel, q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
                           QJsonDocument::fromJson(q.value(3).toString().toUtf8()).object()});
        }
    }
    bool tiebreakers = false;
    for (const LiveEvent &e : std::as_const(events)) {
        const qint64 expected = m_delivered.value(channel, 0) + 1;
        if (e.seq != expected) {
            // Pruned before we read it: the subscribers see the gap and recover with `since`
            // (which then answers recovered: false and they refetch).
            m_skipped += e.seq - expected;
            qCWarning(lcDb) << "live fan-out:" << channel << "events" << expected << "to" << e.seq - 1
                            << "were pruned before this instance read them";
        }
        ++m_fromDatabase;
        tiebreakers = tiebreakers || e.type.startsWith(QLatin1String("tiebreaker"));
        deliverInOrder(e);
    }
    return tiebreakers;
}

QJsonObject PostgresFanout::stats() const
{
    return QJsonObject{{QStringLiteral("database"), m_databaseUp ? QStringLiteral("ok") : QStringLiteral("unreachable")},
                       {QStringLiteral("listening"), m_listening},
                       {QStringLiteral("reconnects"), m_reconnects},
                       {QStringLiteral("outages"), m_outages},
                       {QStringLiteral("notifications"), m_notifications},
                       {QStringLiteral("events_read"), m_fromDatabase},
                       {QStringLiteral("events_pruned_unread"), m_skipped},
                       {QStringLiteral("relistens"), m_relistens}};
}

#pragma once

#include "Database.h"
#include "EventBus.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>

class EventHistory;

// The EventBus of an instance that shares its PostgreSQL database with other instances
// (docs/SERVER.md, "Several instances"). The table live_events is the bus: a committed change
// NOTIFYs (EventHistory::append), every instance LISTENs on a connection of its own, reads the
// rows numbered after the last seq it delivered per channel and hands them, in seq order, to its
// LiveHub. A periodic catch-up read covers notifications lost while the listening connection
// was down. The same periodic tick watches the instance's main connection: when the database
// cannot be reached the instance says so (databaseLost(), /healthz answers 503 so a load balancer
// takes it out, main.cpp closes its live sockets with 1012), reconnects on every tick, and once
// back reads everything committed meanwhile (databaseReconnected()). Single-threaded, on the
// main event loop, on the instance's main connection.
class PostgresFanout : public QObject, public EventBus
{
    Q_OBJECT
public:
    using Deliver = std::function<void(const LiveEvent &event)>;
    static constexpr int kCatchUpMs = 1000;
    // application_name of the listening connection (what an operator or a test looks for in
    // pg_stat_activity).
    static constexpr const char *kListenerName = "leaguedesk-listen";

    PostgresFanout(Database &db, QString databaseUrl, QObject *parent = nullptr);
    ~PostgresFanout() override;

    void setDeliver(Deliver deliver) { m_deliver = std::move(deliver); }
    // Tests shorten or lengthen the periodic read; the default is kCatchUpMs.
    void setCatchUpInterval(int ms) { m_catchUp.setInterval(ms); }
    // Starts listening and takes the current positions (what was committed before is history,
    // served by `since`); false with `error` when the listening connection cannot be set up.
    bool start(QString *error);
    // An event this instance committed: delivered at once when it is the next of its channel,
    // otherwise after the ones other instances committed before it.
    void publish(const LiveEvent &event) override;
    // Reads and delivers every event committed since the last read.
    void catchUp();
    // False from the tick that found the database unreachable until the one that reconnected.
    bool databaseUp() const { return m_databaseUp; }
    // Counters for /healthz.
    QJsonObject stats() const;

Q_SIGNALS:
    // Events committed by other instances were delivered; `tiebreakers` when some of them were
    // about tiebreakers (the deadline timer then re-reads the next deadline).
    void deliveredFromDatabase(bool tiebreakers);
    // The database cannot be reached (its live sockets would silently go stale: close them).
    void databaseLost(const QString &reason);
    // The main connection was opened again and everything committed meanwhile was read. Its
    // session state (advisory locks) is gone: whoever held one claims it again.
    void databaseReconnected();

private:
    bool listen(QString *error);
    // The periodic tick: main connection, listening connection, catch-up read.
    void tick();
    void setDatabaseUp(bool up, const QString &reason = {});
    void queueCatchUp();
    void catchUpOrThrow();
    // Delivers the channel's events after the last delivered one; true when some were about
    // tiebreakers.
    bool readChannel(const QString &channel);
    void deliverInOrder(const LiveEvent &event);

    Database &m_db;
    const QString m_url;
    std::unique_ptr<Database> m_listener;
    Deliver m_deliver;
    QHash<QString, qint64> m_delivered; // per channel, the last seq handed to the LiveHub
    QTimer m_catchUp;
    bool m_started = false;
    bool m_catchUpQueued = false;
    bool m_listening = false;
    bool m_databaseUp = true;
    bool m_sessionRenewed = false; // the main connection was reopened; databaseReconnected() due
    qint64 m_notifications = 0;
    qint64 m_fromDatabase = 0;  // events of other instances (or own ones out of order) read back
    qint64 m_skipped = 0;       // events pruned before this instance read them (it fell far behind)
    qint64 m_relistens = 0;
    qint64 m_reconnects = 0;     // main connection reopened
    qint64 m_outages = 0;        // times the database was found unreachable
};

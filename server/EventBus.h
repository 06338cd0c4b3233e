#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

#include <functional>

// One event for one live channel, as LeagueService produces it (not numbered yet).
struct ChannelEvent
{
    QString channel; // e.g. "team:SSPSLT0001"
    QString type;    // e.g. "squad_update"
    QJsonObject data;
};

// An event as stored in the channel's history: numbered, timestamped, committed.
struct LiveEvent
{
    QString channel;
    qint64 seq = 0;
    QString ts;
    QString type;
    QJsonObject data;
};

// Where committed changes are announced. LeagueService numbers and stores its events in the
// same transaction as the change, and hands them to this interface only after the commit; a
// multi-process deployment can swap in a broker (Redis, Postgres LISTEN/NOTIFY) that fans the
// numbered events out to every instance's LiveHub.
class EventBus
{
public:
    virtual ~EventBus() = default;
    // Called only after the change the event reports has committed.
    virtual void publish(const LiveEvent &event) = 0;

    void publishAll(const QList<LiveEvent> &events)
    {
        for (const LiveEvent &e : events)
            publish(e);
    }
};

// Same-process delivery: hands every event to the subscribers (the LiveHub) synchronously.
class InProcessEventBus final : public EventBus
{
public:
    using Handler = std::function<void(const LiveEvent &event)>;

    void subscribe(Handler handler) { m_handlers.append(std::move(handler)); }
    void publish(const LiveEvent &event) override
    {
        for (const Handler &h : m_handlers)
            h(event);
    }

private:
    QList<Handler> m_handlers;
};

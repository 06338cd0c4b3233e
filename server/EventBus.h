#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

#include <functional>

// One event for one live channel, as LeagueService produces it.
struct ChannelEvent
{
    QString channel; // e.g. "team:SSPSLT0001"
    QString type;    // e.g. "squad_update"
    QJsonObject data;
};

// Where committed changes are announced. The service only talks to this interface, so a
// multi-process deployment can swap in a broker (e.g. Postgres LISTEN/NOTIFY) later.
class EventBus
{
public:
    virtual ~EventBus() = default;
    // Called only after the change the event reports has committed.
    virtual void publish(const QString &channel, const QString &type, const QJsonObject &data) = 0;

    void publishAll(const QList<ChannelEvent> &events)
    {
        for (const ChannelEvent &e : events)
            publish(e.channel, e.type, e.data);
    }
};

// Same-process delivery: hands every event to the subscribers (the LiveHub) synchronously.
class InProcessEventBus final : public EventBus
{
public:
    using Handler = std::function<void(const QString &channel, const QString &type, const QJsonObject &data)>;

    void subscribe(Handler handler) { m_handlers.append(std::move(handler)); }
    void publish(const QString &channel, const QString &type, const QJsonObject &data) override
    {
        for (const Handler &h : m_handlers)
            h(channel, type, data);
    }

private:
    QList<Handler> m_handlers;
};

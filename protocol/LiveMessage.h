#pragma once

#include "Parsed.h"

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <optional>

namespace Protocol {

// Where a client stands in a channel's history.
struct StreamPosition
{
    QString epoch;
    qint64 seq = 0;
};

// A frame the client sends on the live channel. PROTOCOL.md: unknown ops are ignored, so they
// parse to Op::Unknown rather than to an error.
struct ClientMessage
{
    enum class Op { Subscribe, Unsubscribe, Ping, Unknown };

    Op op = Op::Unknown;
    QJsonValue id{QJsonValue::Undefined}; // number or string, echoed verbatim; undefined when absent
    QString channel;
    std::optional<StreamPosition> since;

    static ClientMessage subscribe(QJsonValue id, QString channel, std::optional<StreamPosition> since = {});
    static ClientMessage unsubscribe(QJsonValue id, QString channel);
    static ClientMessage ping(QJsonValue id);

    QByteArray toJson() const;
};

// A frame the server sends. `data` holds the event payload for Op::Event.
struct ServerMessage
{
    enum class Op { Subscribed, Unsubscribed, Event, Pong, Error, Unknown };

    Op op = Op::Unknown;
    QJsonValue id{QJsonValue::Undefined};
    QString channel;
    QString epoch;
    qint64 seq = 0;
    bool recovered = false;
    QString ts;
    QString type;
    QJsonObject data;
    QString code;
    QString message;

    static ServerMessage subscribed(QJsonValue id, QString channel, QString epoch, qint64 seq, bool recovered);
    static ServerMessage unsubscribed(QJsonValue id, QString channel);
    static ServerMessage event(QString channel, QString epoch, qint64 seq, QString ts, QString type, QJsonObject data);
    static ServerMessage pong(QJsonValue id);
    static ServerMessage error(QJsonValue id, QString code, QString message, QString channel = {});

    QByteArray toJson() const;
};

// Both parsers reject what is not one JSON object with the fields its op needs, with a message
// saying why. Unknown fields are ignored.
Parsed<ClientMessage> parseClientMessage(const QByteArray &frame);
Parsed<ServerMessage> parseServerMessage(const QByteArray &frame);

} // namespace Protocol

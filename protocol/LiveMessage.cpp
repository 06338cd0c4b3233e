#include "LiveMessage.h"

#include "JsonReader.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace Protocol {

namespace {

Parsed<QJsonObject> parseObject(const QByteArray &frame)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(frame, &error);
    if (error.error != QJsonParseError::NoError)
        return Parsed<QJsonObject>::fail(QStringLiteral("malformed JSON: %1").arg(error.errorString()));
    if (!document.isObject())
        return Parsed<QJsonObject>::fail(QStringLiteral("a frame must be a JSON object"));
    return Parsed<QJsonObject>::ok(document.object());
}

// `id` is optional, but when present it must be a number or a string.
bool readId(const QJsonObject &object, QJsonValue *id, QString *error)
{
    const QJsonValue value = object.value(QLatin1String("id"));
    if (value.isUndefined() || value.isNull()) {
        *id = QJsonValue(QJsonValue::Undefined);
        return true;
    }
    if (value.isDouble() || value.isString()) {
        *id = value;
        return true;
    }
    *error = QStringLiteral("field \"id\" must be a number or a string");
    return false;
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

void putId(QJsonObject &object, const QJsonValue &id)
{
    if (id.isDouble() || id.isString())
        object.insert(QLatin1String("id"), id);
}

} // namespace

ClientMessage ClientMessage::subscribe(QJsonValue id, QString channel, std::optional<StreamPosition> since)
{
    return {Op::Subscribe, std::move(id), std::move(channel), std::move(since)};
}

ClientMessage ClientMessage::unsubscribe(QJsonValue id, QString channel)
{
    return {Op::Unsubscribe, std::move(id), std::move(channel), std::nullopt};
}

ClientMessage ClientMessage::ping(QJsonValue id)
{
    return {Op::Ping, std::move(id), {}, std::nullopt};
}

QByteArray ClientMessage::toJson() const
{
    QJsonObject object;
    switch (op) {
    case Op::Subscribe:
        object.insert(QLatin1String("op"), QLatin1String("subscribe"));
        object.insert(QLatin1String("channel"), channel);
        if (since) {
            object.insert(QLatin1String("since"),
                          QJsonObject{{QLatin1String("epoch"), since->epoch},
                                      {QLatin1String("seq"), since->seq}});
        }
        break;
    case Op::Unsubscribe:
        object.insert(QLatin1String("op"), QLatin1String("unsubscribe"));
        object.insert(QLatin1String("channel"), channel);
        break;
    case Op::Ping:
        object.insert(QLatin1String("op"), QLatin1String("ping"));
        break;
    case Op::Unknown:
        break;
    }
    putId(object, id);
    return compact(object);
}

Parsed<ClientMessage> parseClientMessage(const QByteArray &frame)
{
    const Parsed<QJsonObject> parsed = parseObject(frame);
    if (!parsed)
        return Parsed<ClientMessage>::fail(parsed.error());
    const QJsonObject &object = parsed.value();
    JsonReader reader(object, {});
    ClientMessage message;
    const QString op = reader.string(QLatin1String("op"));
    QString idError;
    if (!readId(object, &message.id, &idError))
        reader.fail(idError);
    if (!reader.ok())
        return Parsed<ClientMessage>::fail(reader.error());

    if (op == QLatin1String("subscribe") || op == QLatin1String("unsubscribe")) {
        message.op = op == QLatin1String("subscribe") ? ClientMessage::Op::Subscribe : ClientMessage::Op::Unsubscribe;
        message.channel = reader.string(QLatin1String("channel"));
        const QJsonValue since = object.value(QLatin1String("since"));
        if (message.op == ClientMessage::Op::Subscribe && !since.isUndefined() && !since.isNull()) {
            if (!since.isObject()) {
                reader.fail(QStringLiteral("field \"since\" must be an object"));
            } else {
                JsonReader sinceReader(since.toObject(), QStringLiteral("since"));
                StreamPosition position{sinceReader.string(QLatin1String("epoch")),
                                        sinceReader.integer(QLatin1String("seq"))};
                if (!sinceReader.ok())
                    reader.fail(sinceReader.error());
                else if (position.seq < 0)
                    reader.fail(QStringLiteral("since: field \"seq\" must not be negative"));
                else
                    message.since = position;
            }
        }
    } else if (op == QLatin1String("ping")) {
        message.op = ClientMessage::Op::Ping;
    } else {
        message.op = ClientMessage::Op::Unknown;
    }
    if (!reader.ok())
        return Parsed<ClientMessage>::fail(reader.error());
    return Parsed<ClientMessage>::ok(std::move(message));
}

ServerMessage ServerMessage::subscribed(QJsonValue id, QString channel, QString epoch, qint64 seq, bool recovered)
{
    ServerMessage m;
    m.op = Op::Subscribed;
    m.id = std::move(id);
    m.channel = std::move(channel);
    m.epoch = std::move(epoch);
    m.seq = seq;
    m.recovered = recovered;
    return m;
}

ServerMessage ServerMessage::unsubscribed(QJsonValue id, QString channel)
{
    ServerMessage m;
    m.op = Op::Unsubscribed;
    m.id = std::move(id);
    m.channel = std::move(channel);
    return m;
}

ServerMessage ServerMessage::event(QString channel, QString epoch, qint64 seq, QString ts, QString type, QJsonObject data)
{
    ServerMessage m;
    m.op = Op::Event;
    m.channel = std::move(channel);
    m.epoch = std::move(epoch);
    m.seq = seq;
    m.ts = std::move(ts);
    m.type = std::move(type);
    m.data = std::move(data);
    return m;
}

ServerMessage ServerMessage::pong(QJsonValue id)
{
    ServerMessage m;
    m.op = Op::Pong;
    m.id = std::move(id);
    return m;
}

ServerMessage ServerMessage::error(QJsonValue id, QString code, QString message, QString channel)
{
    ServerMessage m;
    m.op = Op::Error;
    m.id = std::move(id);
    m.code = std::move(code);
    m.message = std::move(message);
    m.channel = std::move(channel);
    return m;
}

QByteArray ServerMessage::toJson() const
{
    QJsonObject object;
    switch (op) {
    case Op::Subscribed:
        object = {{QLatin1String("op"), QLatin1String("subscribed")},
                  {QLatin1String("channel"), channel},
                  {QLatin1String("epoch"), epoch},
                  {QLatin1String("seq"), seq},
                  {QLatin1String("recovered"), recovered}};
        break;
    case Op::Unsubscribed:
        object = {{QLatin1String("op"), QLatin1String("unsubscribed")}, {QLatin1String("channel"), channel}};
        break;
    case Op::Event:
        object = {{QLatin1String("op"), QLatin1String("event")},
                  {QLatin1String("channel"), channel},
                  {QLatin1String("epoch"), epoch},
                  {QLatin1String("seq"), seq},
                  {QLatin1String("ts"), ts},
                  {QLatin1String("type"), type},
                  {QLatin1String("data"), data}};
        break;
    case Op::Pong:
        object = {{QLatin1String("op"), QLatin1String("pong")}};
        break;
    case Op::Error:
        object = {{QLatin1String("op"), QLatin1String("error")},
                  {QLatin1String("code"), code},
                  {QLatin1String("message"), message}};
        if (!channel.isEmpty())
            object.insert(QLatin1String("channel"), channel);
        break;
    case Op::Unknown:
        break;
    }
    putId(object, id);
    return compact(object);
}

Parsed<ServerMessage> parseServerMessage(const QByteArray &frame)
{
    const Parsed<QJsonObject> parsed = parseObject(frame);
    if (!parsed)
        return Parsed<ServerMessage>::fail(parsed.error());
    const QJsonObject &object = parsed.value();
    JsonReader reader(object, {});
    ServerMessage m;
    const QString op = reader.string(QLatin1String("op"));
    QString idError;
    if (!readId(object, &m.id, &idError))
        reader.fail(idError);
    if (!reader.ok())
        return Parsed<ServerMessage>::fail(reader.error());

    if (op == QLatin1String("subscribed")) {
        m.op = ServerMessage::Op::Subscribed;
        m.channel = reader.string(QLatin1String("channel"));
        m.epoch = reader.string(QLatin1String("epoch"));
        m.seq = reader.integer(QLatin1String("seq"));
        m.recovered = reader.boolean(QLatin1String("recovered"));
    } else if (op == QLatin1String("unsubscribed")) {
        m.op = ServerMessage::Op::Unsubscribed;
        m.channel = reader.string(QLatin1String("channel"));
    } else if (op == QLatin1String("event")) {
        m.op = ServerMessage::Op::Event;
        m.channel = reader.string(QLatin1String("channel"));
        m.epoch = reader.string(QLatin1String("epoch"));
        m.seq = reader.integer(QLatin1String("seq"));
        m.ts = reader.string(QLatin1String("ts"));
        m.type = reader.string(QLatin1String("type"));
        m.data = reader.object(QLatin1String("data"));
    } else if (op == QLatin1String("pong")) {
        m.op = ServerMessage::Op::Pong;
    } else if (op == QLatin1String("error")) {
        m.op = ServerMessage::Op::Error;
        m.code = reader.string(QLatin1String("code"));
        m.message = reader.optionalString(QLatin1String("message"));
        m.channel = reader.optionalString(QLatin1String("channel"));
    } else {
        m.op = ServerMessage::Op::Unknown;
    }
    if (!reader.ok())
        return Parsed<ServerMessage>::fail(reader.error());
    return Parsed<ServerMessage>::ok(std::move(m));
}

} // namespace Protocol

// Server side of the live channel: one client frame through the parser LiveHub uses, the
// channel name check, and the answers built from what was parsed (ids are echoed verbatim).
#include "FuzzTarget.h"

#include <protocol/Channel.h>
#include <protocol/ErrorCode.h>
#include <protocol/LiveMessage.h>

#include <QByteArray>
#include <QJsonDocument>

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray frame(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto parsed = Protocol::parseClientMessage(frame);
    if (!parsed) {
        const QJsonValue id = QJsonDocument::fromJson(frame).object().value(QLatin1String("id"));
        (void)Protocol::ServerMessage::error(id.isDouble() || id.isString() ? id : QJsonValue(QJsonValue::Undefined),
                                             Protocol::errorCodeName(Protocol::ErrorCode::BadRequest), parsed.error())
            .toJson();
        return 0;
    }
    const Protocol::ClientMessage &m = parsed.value();
    const auto channel = Protocol::Channel::parse(m.channel);
    if (channel)
        FUZZ_CHECK(Protocol::Channel::parse(channel->name()).has_value());
    // A parsed message written again must parse to the same operation and channel.
    const auto again = Protocol::parseClientMessage(m.toJson());
    if (m.op != Protocol::ClientMessage::Op::Unknown) {
        FUZZ_CHECK(bool(again));
        FUZZ_CHECK(again->op == m.op);
        FUZZ_CHECK(again->channel == m.channel);
    }
    (void)Protocol::ServerMessage::pong(m.id).toJson();
    return 0;
}

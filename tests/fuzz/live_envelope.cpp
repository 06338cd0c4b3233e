// Client side of the live channel: one server frame through the envelope parser, then, for an
// event, every event type's data parser and the event table (EventRouter), as LiveClient and
// SyncClient use them.
#include "FuzzTarget.h"

#include <protocol/Channel.h>
#include <protocol/Events.h>
#include <protocol/LiveMessage.h>
#include <sync/EventRouter.h>

#include <QByteArray>
#include <QLoggingCategory>

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    QLoggingCategory::setFilterRules(QStringLiteral("*.debug=false\n*.info=false\n*.warning=false"));
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray frame(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto message = Protocol::parseServerMessage(frame);
    if (!message)
        return 0;
    (void)Protocol::Channel::parse(message->channel);
    if (message->op != Protocol::ServerMessage::Op::Event)
        return 0;
    // The data of every event type, whatever the envelope says, so each parser sees everything.
    (void)Protocol::parseSquadUpdate(message->data);
    (void)Protocol::parseWalletUpdate(message->data);
    (void)Protocol::parseTiebreakerCreated(message->data);
    (void)Protocol::parseTiebreakerBidPlaced(message->data);
    (void)Protocol::parseTiebreakerResolved(message->data);
    (void)Protocol::parseRoundCreated(message->data);
    (void)Protocol::parseRoundFinalized(message->data);
    (void)Protocol::parseRoundDeleted(message->data);
    (void)Protocol::parsePlayersChanged(message->data);
    (void)Protocol::parseRoundBid(message->data);
    for (const char *type : {"squad_update", "wallet_update", "tiebreaker_bid", "tiebreaker_created",
                             "tiebreaker_resolved", "round_created", "round_finalized", "round_deleted",
                             "players_changed", "round_bid"}) {
        const auto invalidations = EventRouter::invalidationsFor(QString::fromLatin1(type), message->data);
        if (invalidations) {
            for (const EventRouter::Invalidation &invalidation : *invalidations) {
                // What the cache will request must be a well-formed path of our API.
                FUZZ_CHECK(invalidation.key.path().startsWith(QLatin1Char('/')));
                FUZZ_CHECK(!invalidation.key.path().contains(QLatin1String("..")));
            }
        }
    }
    (void)EventRouter::invalidationsFor(message->type, message->data);
    return 0;
}

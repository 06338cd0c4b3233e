// Client side of REST: one answer body through every parser the client has for PROTOCOL.md's
// resources (me, squad, wallet, teams, players, rounds and their sealed bids, tiebreaker lists, a
// tiebreaker with its bids, error bodies), the protocol parsers and the models' load(), which apply an answer by key. The models
// live across inputs, so a sequence of answers also exercises their minimal-change updates.
#include "FuzzTarget.h"

#include <models/SquadModel.h>
#include <models/TeamListModel.h>
#include <models/TiebreakerBidsModel.h>
#include <models/TiebreakerListModel.h>
#include <models/WalletModel.h>
#include <protocol/ErrorCode.h>
#include <protocol/Me.h>
#include <protocol/Player.h>
#include <protocol/Round.h>
#include <protocol/Squad.h>
#include <protocol/Tiebreaker.h>
#include <protocol/Wallet.h>

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>

#include <memory>

namespace {
struct Models
{
    SquadModel squad;
    WalletModel wallet;
    TeamListModel teams;
    TiebreakerListModel activeTiebreakers;
    TiebreakerListModel closedTiebreakers;
    TiebreakerBidsModel bids;
};
QCoreApplication *app = nullptr; // never destroyed: static destructors run after Qt is gone
Models *models = nullptr; // never destroyed: static destructors run after Qt is gone
} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    QLoggingCategory::setFilterRules(QStringLiteral("*.debug=false\n*.info=false\n*.warning=false"));
    app = new QCoreApplication(*argc, *argv);
    models = new Models();
    models->closedTiebreakers.setStatus(QStringLiteral("closed"));
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body(reinterpret_cast<const char *>(data), qsizetype(size));
    (void)Protocol::parseErrorBody(body);
    const QJsonObject object = QJsonDocument::fromJson(body).object();
    (void)Protocol::parseMe(object);
    (void)Protocol::parseSquad(object);
    (void)Protocol::parseWallet(object);
    (void)Protocol::parseCatalogue(object);
    (void)Protocol::parseRound(object);
    (void)Protocol::parseRoundList(object);
    (void)Protocol::parseSealedBid(object);
    (void)Protocol::parseRoundBids(object);
    (void)Protocol::parseTiebreaker(object);
    (void)Protocol::parseTiebreakerList(object);
    (void)Protocol::parseTiebreakerBid(object);
    if (const auto tiebreaker = Protocol::parseTiebreaker(object)) {
        FUZZ_CHECK(!tiebreaker->tiebreakerId.isNull());
        // What the models derive from a tiebreaker holds for any that parses.
        FUZZ_CHECK(tiebreaker->deadlineTime().isValid());
        FUZZ_CHECK(!tiebreaker->winnerTeamId.isEmpty() || tiebreaker->pricePaid() == -1);
    }
    models->squad.load(object);
    models->wallet.load(object);
    models->teams.load(object);
    models->activeTiebreakers.load(object);
    models->closedTiebreakers.load(object);
    models->bids.load(object);
    return 0;
}

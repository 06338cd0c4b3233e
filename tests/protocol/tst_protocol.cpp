// Parsing and writing PROTOCOL.md's JSON: the live envelope, the squad resource, channels, errors.
#include <protocol/Channel.h>
#include <protocol/ErrorCode.h>
#include <protocol/Events.h>
#include <protocol/LiveMessage.h>
#include <protocol/Me.h>
#include <protocol/Player.h>
#include <protocol/Round.h>
#include <protocol/Squad.h>
#include <protocol/Tiebreaker.h>
#include <protocol/Timestamp.h>
#include <protocol/Wallet.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Protocol;

class TestProtocol : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void clientSubscribeRoundTrip()
    {
        const ClientMessage out = ClientMessage::subscribe(7, QStringLiteral("team:SSPSLT0001"),
                                                           StreamPosition{QStringLiteral("k3f9"), 41});
        const auto in = parseClientMessage(out.toJson());
        QVERIFY2(in, qPrintable(in.error()));
        QCOMPARE(in->op, ClientMessage::Op::Subscribe);
        QCOMPARE(in->id, QJsonValue(7));
        QCOMPARE(in->channel, QStringLiteral("team:SSPSLT0001"));
        QVERIFY(in->since.has_value());
        QCOMPARE(in->since->epoch, QStringLiteral("k3f9"));
        QCOMPARE(in->since->seq, 41);
    }

    void clientIdIsEchoedVerbatim()
    {
        const auto in = parseClientMessage(R"({"op":"ping","id":"abc-1"})");
        QVERIFY(in);
        QCOMPARE(in->op, ClientMessage::Op::Ping);
        QCOMPARE(in->id, QJsonValue(QStringLiteral("abc-1")));
        QCOMPARE(ServerMessage::pong(in->id).toJson(), QByteArray(R"({"id":"abc-1","op":"pong"})"));
    }

    void clientUnknownOpIsIgnoredNotAnError()
    {
        const auto in = parseClientMessage(R"({"op":"dance","id":1,"extra":true})");
        QVERIFY(in);
        QCOMPARE(in->op, ClientMessage::Op::Unknown);
    }

    void clientMalformed_data()
    {
        QTest::addColumn<QByteArray>("frame");
        QTest::newRow("not json") << QByteArray("{op: subscribe");
        QTest::newRow("array") << QByteArray(R"([{"op":"ping"}])");
        QTest::newRow("string") << QByteArray(R"("ping")");
        QTest::newRow("no op") << QByteArray(R"({"id":1})");
        QTest::newRow("op not string") << QByteArray(R"({"op":5})");
        QTest::newRow("id object") << QByteArray(R"({"op":"ping","id":{}})");
        QTest::newRow("subscribe without channel") << QByteArray(R"({"op":"subscribe","id":1})");
        QTest::newRow("channel not string") << QByteArray(R"({"op":"subscribe","channel":3})");
        QTest::newRow("since not object") << QByteArray(R"({"op":"subscribe","channel":"tiebreakers","since":4})");
        QTest::newRow("since seq float") << QByteArray(R"({"op":"subscribe","channel":"tiebreakers","since":{"epoch":"e","seq":1.5}})");
        QTest::newRow("since seq negative") << QByteArray(R"({"op":"subscribe","channel":"tiebreakers","since":{"epoch":"e","seq":-1}})");
        QTest::newRow("since without epoch") << QByteArray(R"({"op":"subscribe","channel":"tiebreakers","since":{"seq":1}})");
        QTest::newRow("empty") << QByteArray();
    }

    void clientMalformed()
    {
        QFETCH(QByteArray, frame);
        const auto in = parseClientMessage(frame);
        QVERIFY(!in);
        QVERIFY(!in.error().isEmpty());
    }

    void serverEventParses()
    {
        const QByteArray frame = R"({"op": "event", "channel": "team:SSPSLT0001", "epoch": "k3f9", "seq": 42,
            "ts": "2026-11-26T14:03:07.412Z", "type": "wallet_update", "data": {"team_id": "SSPSLT0001",
            "revision": 18, "currency_type": "football", "new_balance": 50000, "amount_spent": 10000,
            "player_id": "P0042"}, "future_field": [1,2]})";
        const auto in = parseServerMessage(frame);
        QVERIFY2(in, qPrintable(in.error()));
        QCOMPARE(in->op, ServerMessage::Op::Event);
        QCOMPARE(in->seq, 42);
        QCOMPARE(in->type, QStringLiteral("wallet_update"));
        const auto wallet = parseWalletUpdate(in->data);
        QVERIFY2(wallet, qPrintable(wallet.error()));
        QCOMPARE(wallet->revision, 18);
        QCOMPARE(wallet->newBalance, 50000);
        QCOMPARE(wallet->amountSpent, 10000);
        QVERIFY(!wallet->isRefund);
    }

    void serverMessagesRoundTrip()
    {
        const QList<ServerMessage> messages{
            ServerMessage::subscribed(7, QStringLiteral("team:A"), QStringLiteral("e1"), 44, true),
            ServerMessage::unsubscribed(8, QStringLiteral("team:A")),
            ServerMessage::event(QStringLiteral("team:A"), QStringLiteral("e1"), 45, QStringLiteral("2026-11-26T14:03:07.412Z"),
                                 QStringLiteral("squad_update"), QJsonObject{{QStringLiteral("x"), 1}}),
            ServerMessage::pong(9),
            ServerMessage::error(7, QStringLiteral("forbidden"), QStringLiteral("no"), QStringLiteral("team:B")),
        };
        for (const ServerMessage &out : messages) {
            const auto in = parseServerMessage(out.toJson());
            QVERIFY2(in, qPrintable(in.error()));
            QCOMPARE(in->op, out.op);
            QCOMPARE(in->id, out.id);
            QCOMPARE(in->channel, out.channel);
            QCOMPARE(in->seq, out.seq);
            QCOMPARE(in->recovered, out.recovered);
            QCOMPARE(in->data, out.data);
            QCOMPARE(in->code, out.code);
        }
    }

    void serverMalformed_data()
    {
        QTest::addColumn<QByteArray>("frame");
        QTest::newRow("garbage") << QByteArray("\xff\xfe garbage");
        QTest::newRow("event without seq") << QByteArray(R"({"op":"event","channel":"c","epoch":"e","ts":"t","type":"x","data":{}})");
        QTest::newRow("event seq string") << QByteArray(R"({"op":"event","channel":"c","epoch":"e","seq":"1","ts":"t","type":"x","data":{}})");
        QTest::newRow("event data array") << QByteArray(R"({"op":"event","channel":"c","epoch":"e","seq":1,"ts":"t","type":"x","data":[]})");
        QTest::newRow("subscribed recovered string") << QByteArray(R"({"op":"subscribed","channel":"c","epoch":"e","seq":1,"recovered":"yes"})");
        QTest::newRow("error without code") << QByteArray(R"({"op":"error","message":"m"})");
        QTest::newRow("seq beyond 2^53") << QByteArray(R"({"op":"event","channel":"c","epoch":"e","seq":1e300,"ts":"t","type":"x","data":{}})");
    }

    void serverMalformed()
    {
        QFETCH(QByteArray, frame);
        QVERIFY(!parseServerMessage(frame));
    }

    void squadParses()
    {
        const QByteArray body = R"({"team_id":"SSPSLT0001","revision":3,"players":[
            {"player_id":"P0001","name":"Ada Keeper","position":"GK","club":"Northside","price":1200,
             "currency_type":"football","round_id":"R1","acquired_at":"2026-11-26T14:03:07.412Z"}]})";
        const auto squad = parseSquad(QJsonDocument::fromJson(body).object());
        QVERIFY2(squad, qPrintable(squad.error()));
        QCOMPARE(squad->revision, 3);
        QCOMPARE(squad->players.size(), 1);
        QCOMPARE(squad->players.first().price, 1200);
        // Writing and reading again gives the same squad.
        const auto again = parseSquad(squad->toJson());
        QVERIFY(again);
        QCOMPARE(again->players, squad->players);
    }

    void squadMalformed_data()
    {
        QTest::addColumn<QByteArray>("body");
        const QByteArray player = R"("player_id":"P1","name":"N","club":"C","currency_type":"football","round_id":"R1","acquired_at":"2026-11-26T14:03:07.412Z")";
        QTest::newRow("no revision") << QByteArray(R"({"team_id":"T","players":[]})");
        QTest::newRow("revision float") << QByteArray(R"({"team_id":"T","revision":1.5,"players":[]})");
        QTest::newRow("players object") << QByteArray(R"({"team_id":"T","revision":1,"players":{}})");
        QTest::newRow("player not object") << QByteArray(R"({"team_id":"T","revision":1,"players":[3]})");
        QTest::newRow("price string") << QByteArray(R"({"team_id":"T","revision":1,"players":[{)" + player + R"(,"position":"GK","price":"12"}]})");
        QTest::newRow("price float") << QByteArray(R"({"team_id":"T","revision":1,"players":[{)" + player + R"(,"position":"GK","price":12.5}]})");
        QTest::newRow("price negative") << QByteArray(R"({"team_id":"T","revision":1,"players":[{)" + player + R"(,"position":"GK","price":-1}]})");
        QTest::newRow("bad position") << QByteArray(R"({"team_id":"T","revision":1,"players":[{)" + player + R"(,"position":"STRIKER","price":1}]})");
        QTest::newRow("missing name") << QByteArray(R"({"team_id":"T","revision":1,"players":[{"player_id":"P1","position":"GK","price":1}]})");
    }

    void squadMalformed()
    {
        QFETCH(QByteArray, body);
        const auto squad = parseSquad(QJsonDocument::fromJson(body).object());
        QVERIFY(!squad);
        QVERIFY(squad.error().startsWith(QLatin1String("squad")));
    }

    void squadUpdateParses()
    {
        const auto update = parseSquadUpdate(QJsonDocument::fromJson(R"({"team_id":"T1","revision":5,"player_id":"P1",
            "player_name":"N","action":"removed","price":100,"currency_type":"real","round_id":"R2"})").object());
        QVERIFY2(update, qPrintable(update.error()));
        QCOMPARE(update->action, SquadUpdate::Action::Removed);
        QVERIFY(!parseSquadUpdate(QJsonDocument::fromJson(R"({"team_id":"T1","revision":5,"player_id":"P1",
            "player_name":"N","action":"stolen","price":100,"currency_type":"real","round_id":"R2"})").object()));
    }

    void meParses()
    {
        QVERIFY(parseMe(QJsonObject{{QStringLiteral("role"), QStringLiteral("admin")}, {QStringLiteral("name"), QStringLiteral("A")}}));
        QVERIFY(!parseMe(QJsonObject{{QStringLiteral("role"), QStringLiteral("manager")}, {QStringLiteral("name"), QStringLiteral("M")}}));
        QVERIFY(!parseMe(QJsonObject{{QStringLiteral("role"), QStringLiteral("owner")}, {QStringLiteral("name"), QStringLiteral("M")}}));
    }

    void channels()
    {
        QCOMPARE(Channel::parse(QStringLiteral("team:SSPSLT0001"))->kind(), Channel::Kind::Team);
        QCOMPARE(Channel::parse(QStringLiteral("tiebreaker:TB7"))->id(), QStringLiteral("TB7"));
        QCOMPARE(Channel::parse(QStringLiteral("tiebreakers"))->name(), QStringLiteral("tiebreakers"));
        QVERIFY(!Channel::parse(QStringLiteral("team:")));
        QVERIFY(!Channel::parse(QStringLiteral("team:a b")));
        QVERIFY(!Channel::parse(QStringLiteral("league:1")));
        QVERIFY(!Channel::parse(QStringLiteral("team")));
        QCOMPARE(Channel::parse(QStringLiteral("rounds"))->kind(), Channel::Kind::Rounds);
        QCOMPARE(Channel::rounds().name(), QStringLiteral("rounds"));
        QVERIFY(!Channel::parse(QStringLiteral("rounds:R1")));
    }

    void meAnnouncesTheProtocol()
    {
        Me me;
        me.teamId = QStringLiteral("SSPSLT0001");
        me.name = QStringLiteral("Alex");
        QVERIFY(!me.toJson().contains(QLatin1String("protocol")));
        QVERIFY(parseMe(me.toJson())->protocol.isEmpty()); // a 1.0 server
        me.protocol = QStringLiteral("1.1");
        QCOMPARE(parseMe(me.toJson())->protocol, QStringLiteral("1.1"));
        QVERIFY(!parseMe(QJsonObject{{"role", "manager"}, {"team_id", "T"}, {"name", "n"}, {"protocol", 11}}));
    }

    void catalogueRoundTrip()
    {
        Catalogue catalogue;
        catalogue.revision = 9;
        catalogue.players = {{"P0001", "Luca Silva", "GK", "Ironvale", PlayerStatus::Sold, "SSPSLT0001", 5500},
                             {"P0002", "Noah Berg", "DEF", "Westmarch", PlayerStatus::InRound, {}, std::nullopt}};
        const QJsonObject json = catalogue.toJson();
        const QJsonObject second = json.value("players").toArray().at(1).toObject();
        QVERIFY(second.value("team_id").isNull());
        QVERIFY(second.value("price").isNull());
        QCOMPARE(second.value("status").toString(), QStringLiteral("in_round"));
        const auto parsed = parseCatalogue(json);
        QVERIFY2(parsed, qPrintable(parsed.error()));
        QCOMPARE(parsed->revision, 9);
        QCOMPARE(parsed->players, catalogue.players);
        for (PlayerStatus s : {PlayerStatus::Available, PlayerStatus::InRound, PlayerStatus::InTiebreaker,
                               PlayerStatus::Sold})
            QCOMPARE(parsePlayerStatus(playerStatusName(s)), s);
        QVERIFY(!parsePlayerStatus(QStringLiteral("all")));
    }

    void catalogueRejects_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("error");
        const QByteArray player = R"("player_id":"P1","name":"N","position":"GK","club":"C")";
        QTest::newRow("no revision") << QByteArray(R"({"players":[]})") << "missing field \"revision\"";
        QTest::newRow("bad status") << (R"({"revision":1,"players":[{)" + player + R"(,"status":"gone","team_id":null,"price":null}]})")
                                    << "unknown status";
        QTest::newRow("bad position") << QByteArray(R"({"revision":1,"players":[{"player_id":"P1","name":"N","position":"XX","club":"C","status":"sold"}]})")
                                      << "unknown position";
        QTest::newRow("float price") << (R"({"revision":1,"players":[{)" + player + R"(,"status":"sold","team_id":"T","price":1.5}]})")
                                     << "\"price\" must be an integer";
        QTest::newRow("not an object") << QByteArray(R"({"revision":1,"players":[3]})") << "players[0] must be an object";
    }
    void catalogueRejects()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, error);
        const auto parsed = parseCatalogue(QJsonDocument::fromJson(json).object());
        QVERIFY(!parsed);
        QVERIFY2(parsed.error().contains(error), qPrintable(parsed.error()));
    }

    void roundsRoundTrip()
    {
        RoundList list;
        list.revision = 4;
        list.rounds = {{"R0004", "FWD", "football", Round::Status::Open, {"P0141", "P0142"}, "2026-11-26T14:03:07.412Z"}};
        auto parsed = parseRoundList(list.toJson());
        QVERIFY2(parsed, qPrintable(parsed.error()));
        QCOMPARE(parsed->revision, 4);
        QCOMPARE(parsed->rounds, list.rounds);
        // A 1.0 server sends no revision.
        list.revision.reset();
        QVERIFY(!list.toJson().contains(QLatin1String("revision")));
        parsed = parseRoundList(list.toJson());
        QVERIFY(parsed);
        QVERIFY(!parsed->revision);
        QJsonObject bad = list.rounds.first().toJson();
        bad["status"] = "closed";
        QVERIFY(parseRound(bad).error().contains(QLatin1String("unknown status")));
        bad = list.rounds.first().toJson();
        bad["closes_at"] = "tomorrow";
        QVERIFY(!parseRound(bad));
    }

    void sealedBidsRoundTrip()
    {
        RoundBids bids;
        bids.bids = {{"R0004", "P0141", "SSPSLT0001", 12000, "2026-11-26T14:03:07.412Z"}};
        const auto parsed = parseRoundBids(bids.toJson());
        QVERIFY2(parsed, qPrintable(parsed.error()));
        QCOMPARE(parsed->bids, bids.bids);
        QJsonObject zero = bids.bids.first().toJson();
        zero["amount"] = 0;
        QVERIFY(!parseSealedBid(zero));
        QVERIFY(!parseRoundBids(QJsonObject{{"bids", QJsonArray{1}}}));
    }

    void walletRoundTrip()
    {
        Wallet wallet;
        wallet.teamId = QStringLiteral("SSPSLT0001");
        wallet.revision = 7;
        wallet.balances = {{"football", 90000, 10000}};
        wallet.transactions = {{"3", "2026-11-26T14:03:07.412Z", "football", 10000, WalletTransaction::Kind::Spend,
                                "P0001", "Won"},
                               {"2", "2026-11-26T14:03:06.000Z", "real", 50, WalletTransaction::Kind::Refund, {}, {}}};
        const QJsonObject json = wallet.toJson();
        QVERIFY(json.value("transactions").toArray().at(1).toObject().value("player_id").isNull());
        const auto parsed = parseWallet(json);
        QVERIFY2(parsed, qPrintable(parsed.error()));
        QCOMPARE(parsed->balances, wallet.balances);
        QCOMPARE(parsed->transactions, wallet.transactions);
        QJsonObject bad = json;
        QJsonArray txs = bad["transactions"].toArray();
        QJsonObject tx = txs.at(0).toObject();
        tx["kind"] = "gift";
        txs[0] = tx;
        bad["transactions"] = txs;
        QVERIFY(parseWallet(bad).error().contains(QLatin1String("unknown kind")));
    }

    void tiebreakerRoundTrip()
    {
        Tiebreaker t;
        t.tiebreakerId = QStringLiteral("TB0001");
        t.playerId = QStringLiteral("P0021");
        t.playerName = QStringLiteral("Noah Berg");
        t.roundId = QStringLiteral("R0002");
        t.currencyType = QStringLiteral("real");
        t.status = TiebreakerStatus::Resolved;
        t.participants = {"SSPSLT0001", "SSPSLT0002"};
        t.startingAmount = 60;
        t.highestBid = TiebreakerBid{"SSPSLT0002", "Team Red", 300, "2026-11-26T14:03:07.412Z"};
        t.minIncrement = 100;
        t.deadline = QStringLiteral("2026-11-26T14:05:07.412Z");
        t.winnerTeamId = QStringLiteral("SSPSLT0001");
        t.winningAmount = 160; // the highest bidder could no longer pay
        const QJsonObject listed = t.toJson();
        QVERIFY(!listed.contains(QLatin1String("bids")));
        QCOMPARE(listed.value("winning_amount").toInteger(), 160);
        auto parsed = parseTiebreaker(listed);
        QVERIFY2(parsed, qPrintable(parsed.error()));
        QCOMPARE(parsed->winningAmount, 160);
        QCOMPARE(parsed->highestBid, t.highestBid);
        QVERIFY(!parsed->bids);
        t.bids = QList<TiebreakerBid>{*t.highestBid};
        t.winningAmount.reset();
        t.status = TiebreakerStatus::Active;
        parsed = parseTiebreaker(t.toJson());
        QVERIFY(parsed);
        QVERIFY(t.toJson().value("winning_amount").isNull());
        QCOMPARE(parsed->bids->size(), 1);
        QVERIFY(parseTiebreakerList(TiebreakerList{{t}}.toJson()));
        QJsonObject bad = t.toJson();
        bad["highest_bid"] = 5;
        QVERIFY(!parseTiebreaker(bad));
    }

    // What the dashboard reads off a tiebreaker, from the fields alone (1.0 servers send no
    // winning_amount).
    void tiebreakerDerivedFields()
    {
        Tiebreaker t;
        t.tiebreakerId = QStringLiteral("TB0001");
        t.startingAmount = 60;
        t.minIncrement = 100;
        t.deadline = QStringLiteral("2026-11-26T14:05:07.412+01:00");
        QCOMPARE(t.deadlineTime(), QDateTime::fromString("2026-11-26T13:05:07.412Z", Qt::ISODateWithMs));
        QCOMPARE(t.minimumNextBid(), 60); // no bid yet: the starting amount
        QCOMPARE(t.pricePaid(), -1);      // no winner
        QVERIFY(!t.highestBidLost());
        const TiebreakerBid a{"A", "Team A", 160, "2026-11-26T14:01:00.000Z"};
        const TiebreakerBid b{"B", "Team B", 260, "2026-11-26T14:02:00.000Z"};
        t.highestBid = b;
        QCOMPARE(t.minimumNextBid(), 360);
        QVERIFY(a.key() != b.key());
        QCOMPARE(a.key(), (TiebreakerBid{"A", "Other name", 160, "2026-11-26T14:01:00.000Z"}.key()));

        t.status = TiebreakerStatus::Resolved;
        t.winnerTeamId = QStringLiteral("B");
        QCOMPARE(t.pricePaid(), 260);
        QCOMPARE(t.winnerTeamName(), QStringLiteral("Team B"));
        QVERIFY(!t.highestBidLost());
        // B could no longer pay: A won. From the list (no bids) the price is unknown, then found
        // in the history, and winning_amount (1.1) wins over both.
        t.winnerTeamId = QStringLiteral("A");
        QVERIFY(t.highestBidLost());
        QCOMPARE(t.pricePaid(), -1);
        QCOMPARE(t.winnerTeamName(), QString());
        t.bids = QList<TiebreakerBid>{a, b};
        QCOMPARE(t.pricePaid(), 160);
        QCOMPARE(t.winnerTeamName(), QStringLiteral("Team A"));
        t.winningAmount = 150;
        QCOMPARE(t.pricePaid(), 150);
        const auto parsed = parseTiebreaker(t.toJson());
        QVERIFY2(parsed, qPrintable(parsed.error()));
        QVERIFY(parsed.value() == t);
    }

    // A malformed tiebreaker is refused with where and what: the field, the bid's index.
    void tiebreakerErrorsSayWhere()
    {
        Tiebreaker t;
        t.tiebreakerId = QStringLiteral("TB0001");
        t.deadline = QStringLiteral("2026-11-26T14:05:07.412Z");
        t.bids = QList<TiebreakerBid>{{"A", "Team A", 160, "2026-11-26T14:01:00.000Z"}};
        const QJsonObject good = t.toJson();
        QVERIFY(parseTiebreaker(good));

        QJsonObject bad = good;
        bad.remove("participants");
        QCOMPARE(parseTiebreaker(bad).error(), QStringLiteral("tiebreaker: missing field \"participants\""));
        bad = good;
        bad["status"] = "paused";
        QCOMPARE(parseTiebreaker(bad).error(), QStringLiteral("tiebreaker: unknown status \"paused\""));
        bad = good;
        bad["winning_amount"] = 1.5;
        QVERIFY(parseTiebreaker(bad).error().contains(QLatin1String("winning_amount")));
        bad = good;
        bad["bids"] = QJsonArray{good["bids"].toArray().at(0), 7};
        QCOMPARE(parseTiebreaker(bad).error(), QStringLiteral("tiebreaker: bids[1] must be an object"));
        QJsonObject bid = good["bids"].toArray().at(0).toObject();
        bid.remove("team_name");
        bad["bids"] = QJsonArray{bid};
        QCOMPARE(parseTiebreaker(bad).error(),
                 QStringLiteral("tiebreaker: bids[0]: tiebreaker bid: missing field \"team_name\""));
        const auto list = parseTiebreakerList(QJsonObject{{"tiebreakers", QJsonArray{good, bad}}});
        QVERIFY(list.error().startsWith(QLatin1String("tiebreakers[1]: tiebreaker: bids[0]")));
    }

    void walletErrorsSayWhere()
    {
        Wallet wallet;
        wallet.teamId = QStringLiteral("SSPSLT0001");
        wallet.balances = {{"football", 90000, 10000}};
        wallet.transactions = {{"3", "2026-11-26T14:03:07.412Z", "football", 10000, WalletTransaction::Kind::Refund, {}, "Refund"}};
        const QJsonObject good = wallet.toJson();
        QCOMPARE(good["transactions"].toArray().at(0).toObject().value("kind").toString(),
                 walletTransactionKindName(WalletTransaction::Kind::Refund));
        QCOMPARE(walletTransactionKindName(WalletTransaction::Kind::Spend), QStringLiteral("spend"));
        QJsonObject bad = good;
        bad["balances"] = QJsonArray{QJsonObject{{"currency_type", "football"}, {"balance", "lots"}, {"spent", 0}}};
        QCOMPARE(parseWallet(bad).error(), QStringLiteral("wallet: balances[0]: field \"balance\" must be an integer"));
        bad = good;
        QJsonObject tx = good["transactions"].toArray().at(0).toObject();
        tx["amount"] = -5;
        bad["transactions"] = QJsonArray{tx};
        QCOMPARE(parseWallet(bad).error(), QStringLiteral("wallet: transactions[0]: amount must be positive"));
        bad.remove("revision");
        QCOMPARE(parseWallet(bad).error(), QStringLiteral("wallet: missing field \"revision\""));
    }

    void auctionEventsRoundTrip()
    {
        const RoundCreated created{"R0005", 3, "MID", "real", {"P0090"}, "2026-11-26T14:03:07.412Z"};
        QCOMPARE(parseRoundCreated(created.toJson())->playerIds, created.playerIds);
        const RoundFinalized finalized{"R0005", 4, 2, {"TB0003"}};
        QCOMPARE(parseRoundFinalized(finalized.toJson())->tiebreakerIds, finalized.tiebreakerIds);
        QCOMPARE(parseRoundDeleted(RoundDeleted{"R0005", 5}.toJson())->revision, 5);
        QCOMPARE(parsePlayersChanged(PlayersChanged{12, {"P1", "P2"}}.toJson())->playerIds.size(), 2);
        RoundBid bid{"SSPSLT0001", "R0005", "P0090", 300, "2026-11-26T14:03:07.412Z"};
        QCOMPARE(parseRoundBid(bid.toJson())->amount, 300);
        bid.amount.reset(); // withdrawn
        QVERIFY(bid.toJson().value("amount").isNull());
        QVERIFY(!parseRoundBid(bid.toJson())->amount);
        QJsonObject missing = bid.toJson();
        missing.remove("amount");
        QVERIFY(!parseRoundBid(missing));
        TiebreakerResolved resolved{"TB1", true, {}, {}, 0};
        QVERIFY(resolved.toJson().value("winner_team_id").isNull());
        QVERIFY(parseTiebreakerResolved(resolved.toJson())->cancelled);
        QVERIFY(!parseRoundFinalized(QJsonObject{{"round_id", "R1"}, {"revision", 1}}));
    }

    void errorBodies()
    {
        const QJsonObject body = errorBody(ErrorCode::BidTooLow, QStringLiteral("Bid at least 15,500"));
        const ErrorAnswer answer = parseErrorBody(QJsonDocument(body).toJson());
        QCOMPARE(answer.code, QStringLiteral("bid_too_low"));
        QCOMPARE(httpStatus(ErrorCode::BidTooLow), 409);
        QCOMPARE(httpStatus(ErrorCode::InsufficientFunds), 422);
        QVERIFY(parseErrorBody("<html>502 Bad Gateway</html>").code.isEmpty());
    }

    void timestamps()
    {
        const QDateTime t = parseTimestamp(QStringLiteral("2026-11-26T15:03:07+01:00"));
        QVERIFY(t.isValid());
        QCOMPARE(formatTimestamp(t), QStringLiteral("2026-11-26T14:03:07.000Z"));
        QCOMPARE(formatTimestamp(parseTimestamp(QStringLiteral("2026-11-26T14:03:07.412345Z"))),
                 QStringLiteral("2026-11-26T14:03:07.412Z"));
        QVERIFY(!parseTimestamp(QStringLiteral("2026-11-26 14:03:07")).isValid());
        QVERIFY(!parseTimestamp(QStringLiteral("2026-11-26T14:03:07")).isValid()); // no zone
        QVERIFY(!parseTimestamp(QStringLiteral("yesterday")).isValid());
    }
};

QTEST_GUILESS_MAIN(TestProtocol)
#include "tst_protocol.moc"

// LiveConformance, second half: events, seq/epoch, `since`, close codes.

#include "LiveConformance.h"

#include "LiveHarness.h"

#include <QJsonArray>
#include <QTest>

#include <memory>

namespace {

QStringList types(const QList<QJsonObject> &events)
{
    QStringList list;
    for (const QJsonObject &e : events)
        list.append(typeOf(e));
    return list;
}

QJsonObject dataOf(const QList<QJsonObject> &events, const QString &type)
{
    for (const QJsonObject &e : events) {
        if (typeOf(e) == type)
            return dataOf(e);
    }
    return {};
}

bool hasFields(const QJsonObject &data, const QStringList &fields)
{
    for (const QString &field : fields) {
        if (!data.contains(field))
            return false;
    }
    return true;
}

} // namespace

void LiveConformance::eventsSeqAndFanOut()
{
    const QString a = h().teamA(), b = h().teamB(), c = h().teamC();
    auto admin = connectAs(h().admin());
    auto ca = connectAs(h().token(a)), cb = connectAs(h().token(b)), cc = connectAs(h().token(c));
    QVERIFY(admin && ca && cb && cc);
    const QString teamA = QStringLiteral("team:") + a, teamB = QStringLiteral("team:") + b, teamC = QStringLiteral("team:") + c;
    const QJsonObject subAll = admin->subscribe(QStringLiteral("tiebreakers"), 1);
    const QJsonObject subA = ca->subscribe(teamA, 1), subB = cb->subscribe(teamB, 1), subC = cc->subscribe(teamC, 1);
    for (const QJsonObject &s : {subAll, subA, subB, subC})
        QCOMPARE(op(s), QStringLiteral("subscribed"));

    // A tie opens a tiebreaker: tiebreaker_created on both participants' team channels and `tiebreakers`.
    QString round;
    const QString id = h().createTiebreaker(m_players.at(1), 20, &round);
    QVERIFY2(!id.isEmpty(), qPrintable(h().lastError()));
    const QString channel = QStringLiteral("tiebreaker:") + id;
    const QJsonObject subT = ca->subscribe(channel, 2);
    QCOMPARE(op(subT), QStringLiteral("subscribed"));

    const Answer bid = h().call("POST", QStringLiteral("/tiebreakers/%1/bids").arg(id), h().token(a),
                                json({{QLatin1String("amount"), 20}}));
    QCOMPARE(bid.status, 201);
    QCOMPARE(h().call("POST", QStringLiteral("/admin/tiebreakers/%1/resolve").arg(id), h().admin()).status, 200);

    const QList<QJsonObject> all = admin->events(QStringLiteral("tiebreakers"), 3);
    // Each of A and B placed one sealed bid (round_bid first, from a 1.1 server).
    const int bidEvents = h().sealedBidEvents();
    const QList<QJsonObject> onA = ca->events(teamA, 4 + bidEvents);
    const QList<QJsonObject> onB = cb->events(teamB, 2 + bidEvents);
    const QList<QJsonObject> onT = ca->events(channel, 2);
    QVERIFY(cc->barrier() && admin->barrier() && ca->barrier() && cb->barrier());
    checkNumbered(all, subAll);
    checkNumbered(onA, subA);
    checkNumbered(onB, subB);
    checkNumbered(onT, subT);
    QCOMPARE(types(all), (QStringList{"tiebreaker_created", "tiebreaker_bid", "tiebreaker_resolved"}));
    QCOMPARE(types(onT), (QStringList{"tiebreaker_bid", "tiebreaker_resolved"}));
    QStringList typesB = types(onB);
    QStringList typesA = types(onA);
    for (int i = 0; i < bidEvents; ++i) {
        QCOMPARE(typesA.takeFirst(), QStringLiteral("round_bid"));
        QCOMPARE(typesB.takeFirst(), QStringLiteral("round_bid"));
    }
    QCOMPARE(typesB, (QStringList{"tiebreaker_created", "tiebreaker_resolved"}));
    QCOMPARE(typesA.takeFirst(), QStringLiteral("tiebreaker_created"));
    typesA.sort();
    QCOMPARE(typesA, (QStringList{"squad_update", "tiebreaker_resolved", "wallet_update"}));
    QVERIFY(cc->eventsSoFar(teamC).isEmpty()); // not a participant: hears nothing

    const QJsonObject created = dataOf(all, QStringLiteral("tiebreaker_created"));
    QVERIFY(hasFields(created, {"tiebreaker_id", "player_id", "player_name", "participants", "starting_amount", "deadline"}));
    QCOMPARE(created.value(QLatin1String("participants")).toArray(), (QJsonArray{a, b}));
    QCOMPARE(created.value(QLatin1String("starting_amount")).toInteger(), 20);
    const QJsonObject bidData = dataOf(onT, QStringLiteral("tiebreaker_bid"));
    QVERIFY(hasFields(bidData, {"tiebreaker_id", "team_id", "team_name", "bid_amount", "ts", "deadline"}));
    QCOMPARE(bidData.value(QLatin1String("ts")), bid.json.value(QLatin1String("bid")).toObject().value(QLatin1String("ts")));
    const QJsonObject resolved = dataOf(onB, QStringLiteral("tiebreaker_resolved"));
    QCOMPARE(resolved.value(QLatin1String("status")).toString(), QStringLiteral("resolved"));
    QCOMPARE(resolved.value(QLatin1String("winner_team_id")).toString(), a);
    QVERIFY(resolved.value(QLatin1String("winner_team_name")).isString());
    QCOMPARE(resolved.value(QLatin1String("amount")).toInteger(), 20);

    // Event revisions match what a GET returns right after.
    const QJsonObject squad = dataOf(onA, QStringLiteral("squad_update"));
    const QJsonObject wallet = dataOf(onA, QStringLiteral("wallet_update"));
    QVERIFY(hasFields(squad, {"team_id", "revision", "player_id", "player_name", "action", "price", "currency_type", "round_id"}));
    QVERIFY(hasFields(wallet, {"team_id", "revision", "currency_type", "new_balance", "amount_spent", "player_id"}));
    QCOMPARE(squad.value(QLatin1String("action")).toString(), QStringLiteral("acquired"));
    QCOMPARE(squad.value(QLatin1String("revision")).toInteger(),
             h().get(QStringLiteral("/teams/%1/squad").arg(a), h().admin()).json.value(QLatin1String("revision")).toInteger());
    QCOMPARE(wallet.value(QLatin1String("revision")).toInteger(),
             h().get(QStringLiteral("/teams/%1/wallet").arg(a), h().admin()).json.value(QLatin1String("revision")).toInteger());
    QCOMPARE(wallet.value(QLatin1String("new_balance")).toInteger(), h().balance(a));

    QVERIFY2(h().deleteRound(round), qPrintable(h().lastError()));
}

void LiveConformance::sinceRecovers()
{
    const QString channel = QStringLiteral("team:") + h().teamA();
    QJsonObject first;
    {
        auto client = connectAs(h().token(h().teamA()));
        QVERIFY(client);
        first = client->subscribe(channel, 1);
        QCOMPARE(op(first), QStringLiteral("subscribed"));
    }
    // Two events while nobody listens.
    const QString round = h().createRound({m_players.at(2)});
    QVERIFY2(!round.isEmpty(), qPrintable(h().lastError()));
    QCOMPARE(h().call("POST", QStringLiteral("/rounds/%1/bids").arg(round), h().token(h().teamA()),
                      json({{QLatin1String("player_id"), m_players.at(2)}, {QLatin1String("amount"), 40}})).status, 201);
    QVERIFY2(h().finalize(round), qPrintable(h().lastError()));

    auto client = connectAs(h().token(h().teamA()));
    QVERIFY(client);
    const QJsonObject again = client->subscribe(channel, 2, since(first, seqOf(first)));
    QCOMPARE(again.value(QLatin1String("recovered")), QJsonValue(true));
    QCOMPARE(again.value(QLatin1String("epoch")), first.value(QLatin1String("epoch")));
    const int missed = 2 + h().sealedBidEvents();
    QCOMPARE(seqOf(again), seqOf(first) + missed);
    // The missed events come right after `subscribed`, in order.
    const QList<QJsonObject> replay = client->events(channel, missed);
    QCOMPARE(replay.size(), missed);
    const qsizetype at = client->frames.indexOf(again);
    QCOMPARE(client->frames.mid(at + 1, missed), replay);
    checkNumbered(replay, first);
    QStringList replayed = types(replay);
    replayed.removeAll(QStringLiteral("round_bid"));
    replayed.sort();
    QCOMPARE(replayed, (QStringList{"squad_update", "wallet_update"}));

    // Up to date: recovered, nothing to replay.
    auto current = connectAs(h().token(h().teamA()));
    QVERIFY(current);
    const QJsonObject upToDate = current->subscribe(channel, 3, since(first, seqOf(again)));
    QCOMPARE(upToDate.value(QLatin1String("recovered")), QJsonValue(true));
    QVERIFY(current->barrier());
    QVERIFY(current->eventsSoFar(channel).isEmpty());
    QVERIFY2(h().deleteRound(round), qPrintable(h().lastError()));
}

void LiveConformance::notRecovered()
{
    const QString channel = QStringLiteral("team:") + h().teamA();
    auto client = connectAs(h().token(h().teamA()));
    QVERIFY(client);
    const QJsonObject now = client->subscribe(channel, 1);
    const QJsonObject ahead = client->subscribe(channel, 2, since(now, seqOf(now) + 100));
    QCOMPARE(ahead.value(QLatin1String("recovered")), QJsonValue(false));
    QCOMPARE(seqOf(ahead), seqOf(now));
    QJsonObject otherEpoch = since(now, 0);
    otherEpoch.insert(QLatin1String("epoch"), now.value(QLatin1String("epoch")).toString() + QLatin1String("-other"));
    const QJsonObject other = client->subscribe(channel, 3, otherEpoch);
    QCOMPARE(other.value(QLatin1String("recovered")), QJsonValue(false));
    QCOMPARE(other.value(QLatin1String("epoch")), now.value(QLatin1String("epoch")));
    QVERIFY(client->barrier());
    QVERIFY(client->eventsSoFar(channel).isEmpty());
}

void LiveConformance::tooOldIsNotRecovered()
{
    if (!h().ownServer())
        QSKIP("needs a server whose history is short enough to outrun (the suite's own server: --history-retention 8:0)");
    const QString channel = QStringLiteral("tiebreaker:") + m_tiebreaker;
    auto client = connectAs(h().admin());
    QVERIFY(client);
    const QJsonObject before = client->subscribe(channel, 1);
    const QJsonObject t = h().get(QStringLiteral("/tiebreakers/%1").arg(m_tiebreaker), h().admin()).json;
    const qint64 start = t.value(QLatin1String("starting_amount")).toInteger();
    const qint64 step = t.value(QLatin1String("min_increment")).toInteger();
    const int bids = 12; // more than the 8 events the suite's server keeps
    for (int i = 0; i < bids; ++i) {
        const QString team = i % 2 ? h().teamB() : h().teamA();
        QCOMPARE(h().call("POST", QStringLiteral("/tiebreakers/%1/bids").arg(m_tiebreaker), h().token(team),
                          json({{QLatin1String("amount"), start + i * step}})).status, 201);
    }
    QCOMPARE(client->events(channel, bids).size(), bids);
    auto late = connectAs(h().admin());
    QVERIFY(late);
    const QJsonObject old = late->subscribe(channel, 2, since(before, seqOf(before)));
    QCOMPARE(old.value(QLatin1String("recovered")), QJsonValue(false));
    QCOMPARE(seqOf(old), seqOf(before) + bids);
    QVERIFY(late->barrier());
    QVERIFY(late->eventsSoFar(channel).isEmpty());
    const QJsonObject recent = late->subscribe(channel, 3, since(before, seqOf(old) - 1));
    QCOMPARE(recent.value(QLatin1String("recovered")), QJsonValue(true));
    QCOMPARE(late->events(channel, 1).size(), 1);
}

void LiveConformance::binaryCloses1003()
{
    auto client = connectAs(h().token(h().teamA()));
    QVERIFY(client);
    client->socket().sendBinaryMessage(QByteArray("\x01\x02", 2));
    QVERIFY(client->waitClosed());
    QCOMPARE(client->closeCode(), 1003);
}

void LiveConformance::oversizedCloses1009()
{
    auto client = connectAs(h().token(h().teamA()));
    QVERIFY(client);
    client->sendRaw(R"({"op": "ping", "id": 1, "pad": ")" + QByteArray(70 * 1024, 'x') + R"("})");
    QVERIFY(client->waitClosed());
    QCOMPARE(client->closeCode(), 1009);
}

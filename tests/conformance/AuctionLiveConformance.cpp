// AuctionConformance, live half: the `rounds` channel and round_bid on team channels.
#include "AuctionConformance.h"

#include "LiveHarness.h"

#include <QJsonArray>
#include <QTest>

#include <memory>

namespace {

// The events that arrived after index `from` of `all`.
QList<QJsonObject> after(const QList<QJsonObject> &all, qsizetype from)
{
    return all.mid(from);
}

qint64 revisionOf(const QString &path)
{
    return h().get(path, h().admin()).json.value(QLatin1String("revision")).toInteger(-1);
}

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

} // namespace

void AuctionConformance::roundsChannel()
{
    const QString channel = QStringLiteral("rounds");
    auto admin = connectAs(h().admin());
    auto manager = connectAs(h().token(h().teamC()));
    QVERIFY(admin && manager);
    const QJsonObject sub = admin->subscribe(channel, 1);
    QCOMPARE(op(sub), QStringLiteral("subscribed"));
    QCOMPARE(op(manager->subscribe(channel, 1)), QStringLiteral("subscribed")); // any role

    // round_created, then one players_changed naming the round's players.
    const QStringList players = sorted(freshPlayers(3));
    QCOMPARE(players.size(), 3);
    const QString r = round(players);
    QVERIFY2(!r.isEmpty(), qPrintable(h().lastError()));
    QList<QJsonObject> events = admin->events(channel, 2);
    QVERIFY(admin->barrier());
    events = admin->eventsSoFar(channel);
    QCOMPARE(events.size(), 2);
    checkNumbered(events, sub);
    QCOMPARE(typeOf(events.at(0)), QStringLiteral("round_created"));
    const QJsonObject created = dataOf(events.at(0));
    QCOMPARE(created.value(QLatin1String("round_id")).toString(), r);
    QCOMPARE(created.value(QLatin1String("position")).toString(), m_position);
    QCOMPARE(created.value(QLatin1String("currency_type")).toString(), h().currency());
    QCOMPARE(created.value(QLatin1String("player_ids")).toArray(), QJsonArray::fromStringList(players));
    QVERIFY(created.value(QLatin1String("closes_at")).toString().endsWith(QLatin1Char('Z')));
    QCOMPARE(created.value(QLatin1String("revision")).toInteger(), revisionOf(QStringLiteral("/rounds")));
    QCOMPARE(typeOf(events.at(1)), QStringLiteral("players_changed"));
    QCOMPARE(dataOf(events.at(1)).value(QLatin1String("player_ids")).toArray(), QJsonArray::fromStringList(players));
    QCOMPARE(dataOf(events.at(1)).value(QLatin1String("revision")).toInteger(), revisionOf(QStringLiteral("/players")));
    QCOMPARE(manager->events(channel, 2).size(), 2);

    // Sealed bids are not round events. Finalize: one sold, one tie, one unsold.
    const QString a = h().teamA();
    const QString b = h().teamB();
    const QString path = QStringLiteral("/rounds/%1/bids").arg(r);
    QCOMPARE(h().call("POST", path, h().token(a), sealedBid(players.at(0), 5)).status, 201);
    QCOMPARE(h().call("POST", path, h().token(a), sealedBid(players.at(1), 6)).status, 201);
    QCOMPARE(h().call("POST", path, h().token(b), sealedBid(players.at(1), 6)).status, 201);
    QVERIFY(admin->barrier());
    QCOMPARE(admin->eventsSoFar(channel).size(), 2);
    QJsonObject answer;
    QVERIFY2(h().finalize(r, &answer), qPrintable(h().lastError()));
    events = after(admin->events(channel, 4), 2);
    QVERIFY(admin->barrier());
    QCOMPARE(admin->eventsSoFar(channel).size(), 4); // exactly one players_changed for the request
    QCOMPARE(typeOf(events.at(0)), QStringLiteral("round_finalized"));
    const QJsonObject finalized = dataOf(events.at(0));
    QCOMPARE(finalized.value(QLatin1String("round_id")).toString(), r);
    QCOMPARE(finalized.value(QLatin1String("acquired_count")).toInteger(), 1);
    const QString tb = answer.value(QLatin1String("tiebreakers")).toArray().at(0).toObject().value(QLatin1String("tiebreaker_id")).toString();
    QCOMPARE(finalized.value(QLatin1String("tiebreaker_ids")).toArray(), QJsonArray{tb});
    QCOMPARE(finalized.value(QLatin1String("revision")).toInteger(), revisionOf(QStringLiteral("/rounds")));
    QCOMPARE(typeOf(events.at(1)), QStringLiteral("players_changed"));
    QCOMPARE(dataOf(events.at(1)).value(QLatin1String("player_ids")).toArray(), QJsonArray::fromStringList(players));
    QCOMPARE(dataOf(events.at(1)).value(QLatin1String("revision")).toInteger(), revisionOf(QStringLiteral("/players")));

    // Resolving the tiebreaker changes its player's status: players_changed, no round event.
    QCOMPARE(h().call("POST", QStringLiteral("/admin/tiebreakers/%1/resolve").arg(tb), h().admin()).status, 200);
    events = after(admin->events(channel, 5), 4);
    QVERIFY(admin->barrier());
    QCOMPARE(admin->eventsSoFar(channel).size(), 5);
    QCOMPARE(typeOf(events.at(0)), QStringLiteral("players_changed"));
    QCOMPARE(dataOf(events.at(0)).value(QLatin1String("player_ids")).toArray(), QJsonArray{players.at(1)});

    // Deleting it: round_deleted and the players that left squads (the tiebreaker, with no bid,
    // was cancelled, so only the first player was sold).
    QVERIFY2(h().deleteRound(r), qPrintable(h().lastError()));
    m_rounds.removeAll(r);
    events = after(admin->events(channel, 7), 5);
    QVERIFY(admin->barrier());
    QCOMPARE(admin->eventsSoFar(channel).size(), 7);
    QCOMPARE(typeOf(events.at(0)), QStringLiteral("round_deleted"));
    QCOMPARE(dataOf(events.at(0)).value(QLatin1String("round_id")).toString(), r);
    QCOMPARE(dataOf(events.at(0)).value(QLatin1String("revision")).toInteger(), revisionOf(QStringLiteral("/rounds")));
    QCOMPARE(typeOf(events.at(1)), QStringLiteral("players_changed"));
    QCOMPARE(dataOf(events.at(1)).value(QLatin1String("player_ids")).toArray(), QJsonArray{players.at(0)});
    checkNumbered(admin->eventsSoFar(channel), sub);
    // A failed request sends nothing.
    QCOMPARE(h().call("DELETE", QStringLiteral("/admin/rounds/%1").arg(r), h().admin()).status, 404);
    QVERIFY(admin->barrier());
    QCOMPARE(admin->eventsSoFar(channel).size(), 7);
}

void AuctionConformance::roundsChannelRecovers()
{
    const QString channel = QStringLiteral("rounds");
    QJsonObject first;
    {
        auto client = connectAs(h().token(h().teamA()));
        QVERIFY(client);
        first = client->subscribe(channel, 1);
        QCOMPARE(op(first), QStringLiteral("subscribed"));
    }
    const QString r = round(freshPlayers(1));
    QVERIFY2(!r.isEmpty(), qPrintable(h().lastError()));
    auto client = connectAs(h().token(h().teamA()));
    QVERIFY(client);
    const QJsonObject again = client->subscribe(channel, 2, since(first, seqOf(first)));
    QCOMPARE(again.value(QLatin1String("recovered")), QJsonValue(true));
    QCOMPARE(seqOf(again), seqOf(first) + 2);
    const QList<QJsonObject> replay = client->events(channel, 2);
    QCOMPARE(replay.size(), 2);
    checkNumbered(replay, first);
    QCOMPARE(typeOf(replay.at(0)), QStringLiteral("round_created"));
    QCOMPARE(typeOf(replay.at(1)), QStringLiteral("players_changed"));
}

void AuctionConformance::roundBidOnTeamChannels()
{
    const QString a = h().teamA();
    const QString b = h().teamB();
    auto ca = connectAs(h().token(a));
    auto other = connectAs(h().token(a)); // a second dashboard of the same team
    auto cb = connectAs(h().token(b));
    QVERIFY(ca && other && cb);
    const QString teamA = QStringLiteral("team:") + a;
    const QString teamB = QStringLiteral("team:") + b;
    const QJsonObject sub = ca->subscribe(teamA, 1);
    QCOMPARE(op(sub), QStringLiteral("subscribed"));
    QCOMPARE(op(other->subscribe(teamA, 1)), QStringLiteral("subscribed"));
    QCOMPARE(op(cb->subscribe(teamB, 1)), QStringLiteral("subscribed"));

    const QStringList players = freshPlayers(1);
    const QString r = round(players);
    QVERIFY2(!r.isEmpty(), qPrintable(h().lastError()));
    const QString path = QStringLiteral("/rounds/%1/bids").arg(r);
    const Answer placed = h().call("POST", path, h().token(a), sealedBid(players.at(0), 15));
    QCOMPARE(placed.status, 201);
    QCOMPARE(h().call("POST", path, h().token(a), sealedBid(players.at(0), 16)).status, 201); // replaced
    const Answer withdrawn =
        h().call("DELETE", QStringLiteral("/rounds/%1/bids/%2").arg(r, players.at(0)), h().token(a));
    QCOMPARE(withdrawn.status, 200);

    const QList<QJsonObject> events = ca->events(teamA, 3);
    QCOMPARE(events.size(), 3);
    checkNumbered(events, sub);
    for (const QJsonObject &e : events) {
        QCOMPARE(typeOf(e), QStringLiteral("round_bid"));
        const QJsonObject d = dataOf(e);
        for (const char *field : {"team_id", "round_id", "player_id", "amount", "ts"})
            QVERIFY2(d.contains(QLatin1String(field)), field);
        QCOMPARE(d.value(QLatin1String("team_id")).toString(), a);
        QCOMPARE(d.value(QLatin1String("round_id")).toString(), r);
        QCOMPARE(d.value(QLatin1String("player_id")).toString(), players.at(0));
    }
    QCOMPARE(dataOf(events.at(0)).value(QLatin1String("amount")).toInteger(), 15);
    QCOMPARE(dataOf(events.at(0)).value(QLatin1String("ts")),
             placed.json.value(QLatin1String("bid")).toObject().value(QLatin1String("ts")));
    QCOMPARE(dataOf(events.at(1)).value(QLatin1String("amount")).toInteger(), 16);
    QVERIFY(dataOf(events.at(2)).value(QLatin1String("amount")).isNull());
    QCOMPARE(other->events(teamA, 3).size(), 3);
    // Refused bids send nothing; B's channel heard none of A's bids.
    QCOMPARE(h().call("POST", path, h().token(a), sealedBid(players.at(0), qint64(1) << 50)).status, 422);
    QVERIFY(ca->barrier() && cb->barrier());
    QCOMPARE(ca->eventsSoFar(teamA).size(), 3);
    QVERIFY(cb->eventsSoFar(teamB).isEmpty());
}

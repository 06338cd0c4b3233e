// AuctionConformance, REST half: catalogue, revisions, own sealed bids, withdrawal, winning_amount.
#include "AuctionConformance.h"

#include "Harness.h"

#include <QDateTime>
#include <QJsonArray>
#include <QTest>

namespace {

Answer sealed(const QString &team, const QString &round, const QString &player, qint64 amount)
{
    return h().call("POST", QStringLiteral("/rounds/%1/bids").arg(round), h().token(team), sealedBid(player, amount));
}

Answer withdraw(const QString &token, const QString &round, const QString &player, const Headers &headers = {})
{
    return h().call("DELETE", QStringLiteral("/rounds/%1/bids/%2").arg(round, player), token, {}, headers);
}

qint64 revisionOf(const QString &path)
{
    return h().get(path, h().admin()).json.value(QLatin1String("revision")).toInteger(-1);
}

// player_id -> the catalogue entry, as `token` sees it.
QHash<QString, QJsonObject> catalogue(const QString &token, const QString &query = {})
{
    QHash<QString, QJsonObject> byId;
    const Answer a = h().get(QStringLiteral("/players") + query, token);
    for (const QJsonValue &value : a.json.value(QLatin1String("players")).toArray())
        byId.insert(value.toObject().value(QLatin1String("player_id")).toString(), value.toObject());
    return byId;
}

QString statusOf(const QString &player)
{
    return catalogue(h().admin()).value(player).value(QLatin1String("status")).toString();
}

QList<QJsonObject> bidsOf(const QString &token, const QString &round)
{
    QList<QJsonObject> list;
    const Answer a = h().get(QStringLiteral("/rounds/%1/bids").arg(round), token);
    for (const QJsonValue &value : a.json.value(QLatin1String("bids")).toArray())
        list.append(value.toObject());
    return list;
}

} // namespace

QStringList AuctionConformance::freshPlayers(int count)
{
    QStringList players;
    const QStringList pool = h().pool();
    const Answer a = h().get(QStringLiteral("/players?status=available&position=") + m_position, h().admin());
    for (const QJsonValue &value : a.json.value(QLatin1String("players")).toArray()) {
        const QString id = value.toObject().value(QLatin1String("player_id")).toString();
        if (players.size() < count && !m_used.contains(id) && !pool.contains(id))
            players.append(id);
    }
    for (const QString &id : std::as_const(players))
        m_used.insert(id);
    return players;
}

QString AuctionConformance::round(const QStringList &players, int closesInSeconds)
{
    const QString id = h().createRound(players, isoIn(closesInSeconds));
    if (!id.isEmpty())
        m_rounds.append(id);
    return id;
}

void AuctionConformance::initTestCase()
{
    if (!h().protocol11())
        QSKIP("the server does not announce protocol 1.1 in GET /me");
    m_position = h().position();
}

void AuctionConformance::cleanupTestCase()
{
    // Newest first, so a round's tiebreaker winnings are refunded before anything else.
    for (qsizetype i = m_rounds.size() - 1; i >= 0; --i)
        h().deleteRound(m_rounds.at(i));
}

void AuctionConformance::meAnnouncesTheProtocol()
{
    for (const QString &token : {h().admin(), h().token(h().teamA())}) {
        const Answer me = h().get(QStringLiteral("/me"), token);
        QCOMPARE(me.status, 200);
        QCOMPARE(me.json.value(QLatin1String("protocol")).toString(), QStringLiteral("1.1"));
    }
}

void AuctionConformance::catalogueShapeAndFilters()
{
    const QString token = h().token(h().teamA());
    const Answer all = h().get(QStringLiteral("/players"), token);
    QCOMPARE(all.status, 200);
    QVERIFY(all.json.value(QLatin1String("revision")).isDouble());
    const QJsonArray players = all.json.value(QLatin1String("players")).toArray();
    QVERIFY(!players.isEmpty());
    static const QStringList statuses{"available", "in_round", "in_tiebreaker", "sold"};
    QString previous;
    for (const QJsonValue &value : players) {
        const QJsonObject p = value.toObject();
        for (const char *field : {"player_id", "name", "position", "club", "status", "team_id", "price"})
            QVERIFY2(p.contains(QLatin1String(field)), field);
        const QString id = p.value(QLatin1String("player_id")).toString();
        QVERIFY2(id > previous, qPrintable(id)); // sorted by player_id, as strings
        previous = id;
        QVERIFY(statuses.contains(p.value(QLatin1String("status")).toString()));
    }
    // `all` and no filter agree; every status filter selects exactly its players.
    QCOMPARE(h().get(QStringLiteral("/players?status=all"), token).json, all.json);
    qsizetype total = 0;
    for (const QString &status : statuses) {
        const Answer some = h().get(QStringLiteral("/players?status=") + status, token);
        QCOMPARE(some.status, 200);
        for (const QJsonValue &value : some.json.value(QLatin1String("players")).toArray())
            QCOMPARE(value.toObject().value(QLatin1String("status")).toString(), status);
        total += some.json.value(QLatin1String("players")).toArray().size();
    }
    QCOMPARE(total, players.size());
    const Answer forwards = h().get(QStringLiteral("/players?position=") + m_position, token);
    QCOMPARE(forwards.status, 200);
    for (const QJsonValue &value : forwards.json.value(QLatin1String("players")).toArray())
        QCOMPARE(value.toObject().value(QLatin1String("position")).toString(), m_position);
    // Anything else is 400; no token is 401; GETs have ETags.
    for (const QString &query : {QStringLiteral("?status=gone"), QStringLiteral("?status=ALL"),
                                 QStringLiteral("?position=XX"), QStringLiteral("?position=")}) {
        const Answer bad = h().get(QStringLiteral("/players") + query, token);
        QCOMPARE(bad.status, 400);
        QCOMPARE(bad.code(), QStringLiteral("bad_request"));
    }
    QCOMPARE(h().get(QStringLiteral("/players"), {}).status, 401);
    QCOMPARE(h().call("POST", QStringLiteral("/players"), token, "{}").status, 405);
    const QByteArray etag = all.header("ETag");
    QVERIFY(!etag.isEmpty());
    QCOMPARE(h().get(QStringLiteral("/players"), token, {{"If-None-Match", etag}}).status, 304);
}

void AuctionConformance::catalogueStatusesAndOwners()
{
    const QString a = h().teamA();
    const QString b = h().teamB();
    // A new round's players are in_round; a tied one becomes in_tiebreaker; a won one sold.
    const QStringList players = freshPlayers(3);
    QCOMPARE(players.size(), 3);
    for (const QString &p : players)
        QCOMPARE(statusOf(p), QStringLiteral("available"));
    const QString r = round(players);
    QVERIFY2(!r.isEmpty(), qPrintable(h().lastError()));
    for (const QString &p : players)
        QCOMPARE(statusOf(p), QStringLiteral("in_round"));
    QCOMPARE(sealed(a, r, players.at(0), 7).status, 201);
    QCOMPARE(sealed(b, r, players.at(1), 8).status, 201);
    QCOMPARE(sealed(a, r, players.at(2), 9).status, 201);
    QCOMPARE(sealed(b, r, players.at(2), 9).status, 201);
    QVERIFY2(h().finalize(r), qPrintable(h().lastError()));
    QCOMPARE(statusOf(players.at(2)), QStringLiteral("in_tiebreaker"));

    // Sold: a manager sees the owner and price of its own players only; an admin of all.
    const QHash<QString, QJsonObject> asA = catalogue(h().token(a));
    const QHash<QString, QJsonObject> asAdmin = catalogue(h().admin());
    QCOMPARE(asA.value(players.at(0)).value(QLatin1String("status")).toString(), QStringLiteral("sold"));
    QCOMPARE(asA.value(players.at(0)).value(QLatin1String("team_id")).toString(), a);
    QCOMPARE(asA.value(players.at(0)).value(QLatin1String("price")).toInteger(), 7);
    QCOMPARE(asA.value(players.at(1)).value(QLatin1String("status")).toString(), QStringLiteral("sold"));
    QVERIFY(asA.value(players.at(1)).value(QLatin1String("team_id")).isNull());
    QVERIFY(asA.value(players.at(1)).value(QLatin1String("price")).isNull());
    QCOMPARE(asAdmin.value(players.at(1)).value(QLatin1String("team_id")).toString(), b);
    QCOMPARE(asAdmin.value(players.at(1)).value(QLatin1String("price")).toInteger(), 8);
    for (const QJsonObject &p : asA) {
        if (p.value(QLatin1String("status")).toString() != QLatin1String("sold"))
            QVERIFY(p.value(QLatin1String("team_id")).isNull() && p.value(QLatin1String("price")).isNull());
    }
    // Deleting the round: the sold players and the tiebreaker's player are available again.
    QVERIFY2(h().deleteRound(r), qPrintable(h().lastError()));
    m_rounds.removeAll(r);
    for (const QString &p : players)
        QCOMPARE(statusOf(p), QStringLiteral("available"));
}

void AuctionConformance::catalogueRevision()
{
    const QString path = QStringLiteral("/players");
    const qint64 start = revisionOf(path);
    const QStringList players = freshPlayers(1);
    const QString r = round(players);
    QVERIFY2(!r.isEmpty(), qPrintable(h().lastError()));
    const qint64 created = revisionOf(path);
    QVERIFY(created > start);
    // Sealed bids change no player's status.
    QCOMPARE(sealed(h().teamA(), r, players.at(0), 5).status, 201);
    QCOMPARE(withdraw(h().token(h().teamA()), r, players.at(0)).status, 200);
    QCOMPARE(revisionOf(path), created);
    // Finalizing (no bids: the player is available again) changes it; a failed request does not.
    QVERIFY2(h().finalize(r), qPrintable(h().lastError()));
    const qint64 finalized = revisionOf(path);
    QVERIFY(finalized > created);
    QCOMPARE(h().call("POST", QStringLiteral("/admin/rounds/%1/finalize").arg(r), h().admin()).status, 409);
    QCOMPARE(revisionOf(path), finalized);
}

void AuctionConformance::roundsRevision()
{
    const QString path = QStringLiteral("/rounds");
    const qint64 start = revisionOf(path);
    QVERIFY(start >= 0);
    const QStringList players = freshPlayers(1);
    const QString r = round(players);
    QVERIFY2(!r.isEmpty(), qPrintable(h().lastError()));
    const qint64 created = revisionOf(path);
    QVERIFY(created > start);
    QCOMPARE(sealed(h().teamA(), r, players.at(0), 5).status, 201);
    QCOMPARE(revisionOf(path), created); // not on sealed bids
    QVERIFY2(h().finalize(r), qPrintable(h().lastError()));
    const qint64 finalized = revisionOf(path);
    QVERIFY(finalized > created);
    QVERIFY2(h().deleteRound(r), qPrintable(h().lastError()));
    m_rounds.removeAll(r);
    QVERIFY(revisionOf(path) > finalized);
    QCOMPARE(h().call("DELETE", QStringLiteral("/admin/rounds/%1").arg(r), h().admin()).status, 404);
}

void AuctionConformance::ownSealedBids()
{
    const QString a = h().teamA();
    const QString b = h().teamB();
    QStringList players = freshPlayers(3);
    QCOMPARE(players.size(), 3);
    std::sort(players.begin(), players.end());
    const QString r = round(players);
    QVERIFY2(!r.isEmpty(), qPrintable(h().lastError()));
    QCOMPARE(sealed(a, r, players.at(2), 30).status, 201);
    QCOMPARE(sealed(a, r, players.at(0), 10).status, 201);
    QCOMPARE(sealed(b, r, players.at(0), 20).status, 201);
    const Answer replaced = sealed(a, r, players.at(2), 35); // replaces the first
    QCOMPARE(replaced.status, 201);

    const QList<QJsonObject> own = bidsOf(h().token(a), r);
    QCOMPARE(own.size(), 2);
    QCOMPARE(own.at(0).value(QLatin1String("player_id")).toString(), players.at(0));
    QCOMPARE(own.at(1).value(QLatin1String("player_id")).toString(), players.at(2));
    QCOMPARE(own.at(1).value(QLatin1String("amount")).toInteger(), 35);
    QCOMPARE(own.at(1), replaced.json.value(QLatin1String("bid")).toObject());
    for (const QJsonObject &bidObject : own) {
        QCOMPARE(bidObject.value(QLatin1String("team_id")).toString(), a);
        QCOMPARE(bidObject.value(QLatin1String("round_id")).toString(), r);
        QVERIFY(bidObject.value(QLatin1String("ts")).toString().endsWith(QLatin1Char('Z')));
    }
    QCOMPARE(bidsOf(h().token(b), r).size(), 1);
    QCOMPARE(bidsOf(h().token(h().teamC()), r).size(), 0);
    const QList<QJsonObject> every = bidsOf(h().admin(), r);
    QCOMPARE(every.size(), 3);
    QString previous;
    for (const QJsonObject &bidObject : every) {
        QVERIFY(bidObject.value(QLatin1String("player_id")).toString() >= previous);
        previous = bidObject.value(QLatin1String("player_id")).toString();
    }
    const Answer unknown = h().get(QStringLiteral("/rounds/NO_SUCH_ROUND/bids"), h().token(a));
    QCOMPARE(unknown.status, 404);
    QCOMPARE(unknown.code(), QStringLiteral("not_found"));
    QCOMPARE(h().get(QStringLiteral("/rounds/%1/bids").arg(r), {}).status, 401);
}

void AuctionConformance::withdrawSealedBid()
{
    const QString a = h().teamA();
    const QString tokenA = h().token(a);
    const QStringList players = freshPlayers(2);
    const QString r = round(players);
    QVERIFY2(!r.isEmpty(), qPrintable(h().lastError()));
    const Answer placed = sealed(a, r, players.at(0), 12);
    QCOMPARE(placed.status, 201);
    QCOMPARE(sealed(a, r, players.at(1), 13).status, 201);

    const Answer gone = withdraw(tokenA, r, players.at(0));
    QCOMPARE(gone.status, 200);
    QCOMPARE(gone.json.value(QLatin1String("bid")).toObject(), placed.json.value(QLatin1String("bid")).toObject());
    QCOMPARE(bidsOf(tokenA, r).size(), 1);
    // None left: 404. Precedence: 401, 405, 403 (admins do not bid), then 404 for the resource.
    QCOMPARE(withdraw(tokenA, r, players.at(0)).code(), QStringLiteral("not_found"));
    QCOMPARE(withdraw(tokenA, QStringLiteral("NO_SUCH_ROUND"), players.at(0)).code(), QStringLiteral("not_found"));
    QCOMPARE(withdraw({}, r, players.at(1)).status, 401);
    QCOMPARE(withdraw(h().admin(), r, players.at(1)).code(), QStringLiteral("forbidden"));
    QCOMPARE(withdraw(h().admin(), QStringLiteral("NO_SUCH_ROUND"), players.at(1)).code(), QStringLiteral("forbidden"));
    QCOMPARE(h().get(QStringLiteral("/rounds/%1/bids/%2").arg(r, players.at(1)), tokenA).status, 405);
    // Another team's withdrawal cannot touch A's bid.
    QCOMPARE(withdraw(h().token(h().teamB()), r, players.at(1)).code(), QStringLiteral("not_found"));
    QCOMPARE(bidsOf(tokenA, r).size(), 1);

    // Once finalized: 409 for a team that has a bid (and nothing changes), 404 for one without.
    QVERIFY2(h().finalize(r), qPrintable(h().lastError()));
    const Answer closed = withdraw(tokenA, r, players.at(1));
    QCOMPARE(closed.status, 409);
    QCOMPARE(closed.code(), QStringLiteral("round_closed"));
    QCOMPARE(bidsOf(tokenA, r).size(), 1);
    QCOMPARE(withdraw(h().token(h().teamC()), r, players.at(1)).code(), QStringLiteral("not_found"));
}

void AuctionConformance::withdrawAfterClosesAt()
{
    const QString a = h().teamA();
    const QStringList players = freshPlayers(1);
    const QString r = round(players, 2);
    QVERIFY2(!r.isEmpty(), qPrintable(h().lastError()));
    const QDateTime closesAt = QDateTime::currentDateTimeUtc().addSecs(2);
    QCOMPARE(sealed(a, r, players.at(0), 5).status, 201);
    // Wait for the round's own clock time (not a request loop, which would withdraw the bid).
    QTRY_VERIFY_WITH_TIMEOUT(QDateTime::currentDateTimeUtc() > closesAt.addMSecs(200), 5000);
    const Answer closed = withdraw(h().token(a), r, players.at(0));
    QCOMPARE(closed.status, 409);
    QCOMPARE(closed.code(), QStringLiteral("round_closed"));
    QCOMPARE(bidsOf(h().token(a), r).size(), 1);
}

void AuctionConformance::withdrawIsIdempotent()
{
    const QString tokenA = h().token(h().teamA());
    const QStringList players = freshPlayers(1);
    const QString r = round(players);
    QVERIFY2(!r.isEmpty(), qPrintable(h().lastError()));
    QCOMPARE(sealed(h().teamA(), r, players.at(0), 5).status, 201);
    const Headers key{{"Idempotency-Key", "withdraw-" + r.toUtf8()}};
    const Answer first = withdraw(tokenA, r, players.at(0), key);
    QCOMPARE(first.status, 200);
    // The same key: the first answer again (not 404), and no second round_bid or change.
    const Answer again = withdraw(tokenA, r, players.at(0), key);
    QCOMPARE(again.status, 200);
    QCOMPARE(again.json, first.json);
    // Without the key the bid is gone.
    QCOMPARE(withdraw(tokenA, r, players.at(0)).status, 404);
    // A longer key than 128 characters: 400.
    QCOMPARE(withdraw(tokenA, r, players.at(0), {{"Idempotency-Key", QByteArray(129, 'k')}}).status, 400);
    // The new sealed-bid write honours keys too.
    const Headers bidKey{{"Idempotency-Key", "bid-" + r.toUtf8()}};
    const QString path = QStringLiteral("/rounds/%1/bids").arg(r);
    const Answer placed = h().call("POST", path, tokenA, sealedBid(players.at(0), 6), bidKey);
    QCOMPARE(placed.status, 201);
    QCOMPARE(h().call("POST", path, tokenA, sealedBid(players.at(0), 6), bidKey).json, placed.json);
    QCOMPARE(h().call("POST", path, tokenA, sealedBid(players.at(0), 7), bidKey).code(), QStringLiteral("idempotency_mismatch"));
}

void AuctionConformance::winningAmount()
{
    const QString a = h().teamA();
    const QString b = h().teamB();
    const QStringList players = freshPlayers(2);
    QCOMPARE(players.size(), 2);
    // A tie between A and B opens a tiebreaker: no winning_amount while active.
    const QString r = round({players.at(0)});
    QVERIFY2(!r.isEmpty(), qPrintable(h().lastError()));
    QCOMPARE(sealed(a, r, players.at(0), 10).status, 201);
    QCOMPARE(sealed(b, r, players.at(0), 10).status, 201);
    QJsonObject finalized;
    QVERIFY2(h().finalize(r, &finalized), qPrintable(h().lastError()));
    const QJsonObject listed = finalized.value(QLatin1String("tiebreakers")).toArray().at(0).toObject();
    QVERIFY(listed.contains(QLatin1String("winning_amount")));
    QVERIFY(listed.value(QLatin1String("winning_amount")).isNull());
    const QString tb = listed.value(QLatin1String("tiebreaker_id")).toString();
    const QString tbPath = QStringLiteral("/tiebreakers/%1").arg(tb);

    // A bids the start, B bids its whole balance, then B spends 1 elsewhere: B can no longer pay.
    QCOMPARE(h().call("POST", tbPath + QStringLiteral("/bids"), h().token(a), json({{"amount", 10}})).status, 201);
    const qint64 all = h().balance(b);
    QCOMPARE(h().call("POST", tbPath + QStringLiteral("/bids"), h().token(b), json({{"amount", all}})).status, 201);
    const QString other = round({players.at(1)});
    QVERIFY2(!other.isEmpty(), qPrintable(h().lastError()));
    QCOMPARE(sealed(b, other, players.at(1), 1).status, 201);
    QVERIFY2(h().finalize(other), qPrintable(h().lastError()));

    const Answer resolved = h().call("POST", QStringLiteral("/admin/tiebreakers/%1/resolve").arg(tb), h().admin());
    QCOMPARE(resolved.status, 200);
    const QJsonObject t = resolved.json.value(QLatin1String("tiebreaker")).toObject();
    QCOMPARE(t.value(QLatin1String("status")).toString(), QStringLiteral("resolved"));
    QCOMPARE(t.value(QLatin1String("winner_team_id")).toString(), a);
    QCOMPARE(t.value(QLatin1String("highest_bid")).toObject().value(QLatin1String("amount")).toInteger(), all);
    QCOMPARE(t.value(QLatin1String("winning_amount")).toInteger(), 10);
    // The same in every view of it.
    QCOMPARE(h().get(tbPath, h().token(a)).json.value(QLatin1String("winning_amount")).toInteger(), 10);
    bool listedToo = false;
    for (const QJsonValue &value :
         h().get(QStringLiteral("/tiebreakers?status=resolved"), h().admin()).json.value(QLatin1String("tiebreakers")).toArray()) {
        if (value.toObject().value(QLatin1String("tiebreaker_id")).toString() == tb) {
            QCOMPARE(value.toObject().value(QLatin1String("winning_amount")).toInteger(), 10);
            listedToo = true;
        }
    }
    QVERIFY(listedToo);

    // Cancelled (no bids): null.
    const QStringList third = freshPlayers(1);
    const QString r3 = round(third);
    QVERIFY2(!r3.isEmpty(), qPrintable(h().lastError()));
    QCOMPARE(sealed(a, r3, third.at(0), 3).status, 201);
    QCOMPARE(sealed(b, r3, third.at(0), 3).status, 201);
    QVERIFY2(h().finalize(r3, &finalized), qPrintable(h().lastError()));
    const QString tb3 = finalized.value(QLatin1String("tiebreakers")).toArray().at(0).toObject().value(QLatin1String("tiebreaker_id")).toString();
    const Answer cancelled = h().call("POST", QStringLiteral("/admin/tiebreakers/%1/resolve").arg(tb3), h().admin());
    QCOMPARE(cancelled.json.value(QLatin1String("tiebreaker")).toObject().value(QLatin1String("status")).toString(),
             QStringLiteral("cancelled"));
    QVERIFY(cancelled.json.value(QLatin1String("tiebreaker")).toObject().value(QLatin1String("winning_amount")).isNull());
}

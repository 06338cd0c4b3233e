// RestConformance, second half: error shape, ETags, the changes' answers, rate limit.

#include "RestConformance.h"

#include "Harness.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QTest>

namespace {

qint64 revisionOf(const QString &resource, const QString &team)
{
    return h().get(QStringLiteral("/teams/%1/%2").arg(team, resource), h().admin()).json.value(QLatin1String("revision")).toInteger();
}

// balance + spent per currency: the initial budget, which no request may change.
QHash<QString, qint64> budgets(const QString &team)
{
    QHash<QString, qint64> result;
    const Answer a = h().get(QStringLiteral("/teams/%1/wallet").arg(team), h().admin());
    for (const QJsonValue &v : a.json.value(QLatin1String("balances")).toArray()) {
        const QJsonObject b = v.toObject();
        result.insert(b.value(QLatin1String("currency_type")).toString(),
                      b.value(QLatin1String("balance")).toInteger() + b.value(QLatin1String("spent")).toInteger());
    }
    return result;
}

} // namespace

void RestConformance::errorShape()
{
    const QList<Answer> errors{h().get(QStringLiteral("/me"), {}),
                               h().get(QStringLiteral("/teams/%1/squad").arg(h().teamB()), h().token(h().teamA())),
                               h().get(QStringLiteral("/nothing"), h().admin()),
                               h().call("POST", QStringLiteral("/rounds/%1/bids").arg(m_openRound), h().token(h().teamA()), "{")};
    for (const Answer &a : errors) {
        QVERIFY2(a.status >= 400, a.body.constData());
        const QJsonObject error = a.json.value(QLatin1String("error")).toObject();
        QVERIFY2(QRegularExpression(QStringLiteral("^[a-z]+(_[a-z]+)*$")).match(error.value(QLatin1String("code")).toString()).hasMatch(),
                 a.body.constData());
        QVERIFY2(error.value(QLatin1String("message")).isString(), a.body.constData());
        QVERIFY2(a.header("ETag").isEmpty(), "an error answer carries an ETag");
        QVERIFY2(a.header("Content-Type").startsWith("application/json"), a.header("Content-Type").constData());
    }
}

void RestConformance::etags_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("token");
    const QString a = h().token(h().teamA());
    QTest::newRow("me") << QStringLiteral("/me") << a;
    QTest::newRow("teams") << QStringLiteral("/teams") << a;
    QTest::newRow("squad") << QStringLiteral("/teams/%1/squad").arg(h().teamA()) << a;
    QTest::newRow("wallet") << QStringLiteral("/teams/%1/wallet").arg(h().teamA()) << a;
    QTest::newRow("rounds") << QStringLiteral("/rounds") << a;
    QTest::newRow("tiebreakers") << QStringLiteral("/tiebreakers?status=all") << a;
    QTest::newRow("tiebreaker") << QStringLiteral("/tiebreakers/%1").arg(m_tiebreaker) << h().admin();
}

void RestConformance::etags()
{
    QFETCH(QString, path);
    QFETCH(QString, token);
    const Answer first = h().get(path, token);
    QCOMPARE(first.status, 200);
    const QByteArray etag = first.header("ETag");
    // Strong: quoted, no W/ prefix.
    QVERIFY2(etag.size() >= 2 && etag.startsWith('"') && etag.endsWith('"'), etag.constData());
    const Answer again = h().get(path, token, {{"If-None-Match", etag}});
    QCOMPARE(again.status, 304);
    QVERIFY(again.body.isEmpty());
    QCOMPARE(again.header("ETag"), etag);
    const Answer other = h().get(path, token, {{"If-None-Match", "\"not-the-etag\""}});
    QCOMPARE(other.status, 200);
    QCOMPARE(other.header("ETag"), etag);
    QCOMPARE(other.body, first.body);
}

void RestConformance::etagChangesWithTheResource()
{
    const QString path = QStringLiteral("/teams/%1/squad").arg(h().teamA());
    const Answer before = h().get(path, h().token(h().teamA()));
    const QStringList players = h().takePlayers(1);
    QCOMPARE(players.size(), 1);
    const QString round = h().createRound(players);
    QVERIFY2(!round.isEmpty(), qPrintable(h().lastError()));
    QCOMPARE(h().call("POST", QStringLiteral("/rounds/%1/bids").arg(round), h().token(h().teamA()), sealedBid(players[0], 50)).status, 201);
    QVERIFY2(h().finalize(round), qPrintable(h().lastError()));
    const Answer after = h().get(path, h().token(h().teamA()), {{"If-None-Match", before.header("ETag")}});
    QCOMPARE(after.status, 200);
    QVERIFY(after.header("ETag") != before.header("ETag"));
    QCOMPARE(after.json.value(QLatin1String("revision")).toInteger(), before.json.value(QLatin1String("revision")).toInteger() + 1);
    QVERIFY2(h().deleteRound(round), qPrintable(h().lastError()));
    h().returnPlayers(players);
}

void RestConformance::roundLifecycle()
{
    const QString a = h().teamA(), b = h().teamB();
    const QStringList players = h().takePlayers(2);
    QCOMPARE(players.size(), 2);
    const auto budgetsA = budgets(a), budgetsB = budgets(b);
    const qint64 squadA = revisionOf(QStringLiteral("squad"), a), walletA = revisionOf(QStringLiteral("wallet"), a);

    const QString round = h().createRound(players);
    QVERIFY2(!round.isEmpty(), qPrintable(h().lastError()));
    const QJsonObject listed = [&] {
        for (const QJsonValue &r : h().get(QStringLiteral("/rounds"), h().token(a)).json.value(QLatin1String("rounds")).toArray()) {
            if (r.toObject().value(QLatin1String("round_id")).toString() == round)
                return r.toObject();
        }
        return QJsonObject();
    }();
    QCOMPARE(listed.value(QLatin1String("status")).toString(), QStringLiteral("open"));
    QCOMPARE(listed.value(QLatin1String("player_ids")).toArray().size(), 2);
    for (const char *field : {"position", "currency_type", "closes_at"})
        QVERIFY2(listed.value(QLatin1String(field)).isString(), field);

    // A sealed bid answers {bid: {round_id, player_id, team_id, amount, ts}}; a later one replaces it.
    const Answer first = h().call("POST", QStringLiteral("/rounds/%1/bids").arg(round), h().token(a), sealedBid(players[0], 300));
    QCOMPARE(first.status, 201);
    const QJsonObject sealed = first.json.value(QLatin1String("bid")).toObject();
    QCOMPARE(sealed.value(QLatin1String("round_id")).toString(), round);
    QCOMPARE(sealed.value(QLatin1String("player_id")).toString(), players[0]);
    QCOMPARE(sealed.value(QLatin1String("team_id")).toString(), a);
    QCOMPARE(sealed.value(QLatin1String("amount")).toInteger(), 300);
    QVERIFY(sealed.value(QLatin1String("ts")).toString().endsWith(QLatin1Char('Z')));
    QCOMPARE(h().call("POST", QStringLiteral("/rounds/%1/bids").arg(round), h().token(a), sealedBid(players[0], 200)).status, 201);
    QCOMPARE(h().call("POST", QStringLiteral("/rounds/%1/bids").arg(round), h().token(b), sealedBid(players[0], 250)).status, 201);
    QCOMPARE(h().call("POST", QStringLiteral("/rounds/%1/bids").arg(round), h().token(a), sealedBid(players[1], 100)).status, 201);

    // The replaced bid (300) no longer counts: B's 250 beats A's 200.
    QJsonObject finalized;
    QVERIFY2(h().finalize(round, &finalized), qPrintable(h().lastError()));
    QCOMPARE(finalized.value(QLatin1String("round")).toObject().value(QLatin1String("status")).toString(), QStringLiteral("finalized"));
    QVERIFY(finalized.value(QLatin1String("tiebreakers")).toArray().isEmpty());
    QHash<QString, QString> winner;
    for (const QJsonValue &v : finalized.value(QLatin1String("acquired")).toArray())
        winner.insert(v.toObject().value(QLatin1String("player_id")).toString(), v.toObject().value(QLatin1String("team_id")).toString());
    QCOMPARE(winner.value(players[0]), b);
    QCOMPARE(winner.value(players[1]), a);
    QCOMPARE(revisionOf(QStringLiteral("squad"), a), squadA + 1);
    QCOMPARE(revisionOf(QStringLiteral("wallet"), a), walletA + 1);

    // A sold player cannot go into a new round.
    const QByteArray again = json({{QLatin1String("position"), listed.value(QLatin1String("position"))},
                                   {QLatin1String("currency_type"), h().currency()},
                                   {QLatin1String("player_ids"), QJsonArray{players[1]}},
                                   {QLatin1String("closes_at"), isoIn(3600)}});
    const Answer unavailable = h().call("POST", QStringLiteral("/admin/rounds"), h().admin(), again);
    QCOMPARE(unavailable.status, 409);
    QCOMPARE(unavailable.code(), QStringLiteral("player_unavailable"));

    const Answer deleted = h().call("DELETE", QStringLiteral("/admin/rounds/%1").arg(round), h().admin());
    QCOMPARE(deleted.status, 200);
    QCOMPARE(deleted.json.value(QLatin1String("removed")).toArray().size(), 2);
    QCOMPARE(deleted.json.value(QLatin1String("refunded")).toArray().size(), 2);
    QCOMPARE(h().call("DELETE", QStringLiteral("/admin/rounds/%1").arg(round), h().admin()).status, 404);
    QCOMPARE(budgets(a), budgetsA);
    QCOMPARE(budgets(b), budgetsB);
    h().returnPlayers(players);
}

void RestConformance::tiebreakerBidsAndIdempotency()
{
    const QString path = QStringLiteral("/tiebreakers/%1/bids").arg(m_tiebreaker);
    const QString a = h().token(h().teamA()), b = h().token(h().teamB());
    const QJsonObject before = h().get(QStringLiteral("/tiebreakers/%1").arg(m_tiebreaker), h().admin()).json;
    const qint64 start = before.value(QLatin1String("starting_amount")).toInteger();
    const qint64 step = before.value(QLatin1String("min_increment")).toInteger();
    QVERIFY(step >= 1);
    QCOMPARE(before.value(QLatin1String("status")).toString(), QStringLiteral("active"));

    const Answer low = h().call("POST", path, a, json({{QLatin1String("amount"), start - 1}}));
    QCOMPARE(low.status, 409);
    QCOMPARE(low.code(), QStringLiteral("bid_too_low"));

    const Headers key{{"Idempotency-Key", "conformance-key-1"}};
    const QByteArray body = json({{QLatin1String("amount"), start}});
    const Answer first = h().call("POST", path, a, body, key);
    QCOMPARE(first.status, 201);
    QCOMPARE(first.json.value(QLatin1String("bid")).toObject().value(QLatin1String("amount")).toInteger(), start);
    QCOMPARE(first.json.value(QLatin1String("tiebreaker")).toObject().value(QLatin1String("highest_bid")).toObject()
                 .value(QLatin1String("team_id")).toString(), h().teamA());
    const Answer repeat = h().call("POST", path, a, body, key);
    QCOMPARE(repeat.status, 201);
    QCOMPARE(repeat.json, first.json);
    const Answer mismatch = h().call("POST", path, a, json({{QLatin1String("amount"), start + 5 * step}}), key);
    QCOMPARE(mismatch.status, 422);
    QCOMPARE(mismatch.code(), QStringLiteral("idempotency_mismatch"));
    const Answer longKey = h().call("POST", path, a, body, {{"Idempotency-Key", QByteArray(129, 'k')}});
    QCOMPARE(longKey.status, 400);
    const QJsonObject afterRepeat = h().get(QStringLiteral("/tiebreakers/%1").arg(m_tiebreaker), h().admin()).json;
    QCOMPARE(afterRepeat.value(QLatin1String("bids")).toArray().size(), before.value(QLatin1String("bids")).toArray().size() + 1);

    // The next bid must reach highest + min_increment.
    const Answer notEnough = h().call("POST", path, b, json({{QLatin1String("amount"), start + step - 1}}));
    QCOMPARE(notEnough.code(), QStringLiteral("bid_too_low"));
    const Answer tooMuch = h().call("POST", path, b, json({{QLatin1String("amount"), h().balance(h().teamB()) + 1}}));
    QCOMPARE(tooMuch.status, 422);
    QCOMPARE(tooMuch.code(), QStringLiteral("insufficient_funds"));
    QCOMPARE(h().call("POST", path, b, json({{QLatin1String("amount"), start + step}})).status, 201);

    const Answer resolved = h().call("POST", QStringLiteral("/admin/tiebreakers/%1/resolve").arg(m_tiebreaker), h().admin());
    QCOMPARE(resolved.status, 200);
    const QJsonObject t = resolved.json.value(QLatin1String("tiebreaker")).toObject();
    QCOMPARE(t.value(QLatin1String("status")).toString(), QStringLiteral("resolved"));
    QCOMPARE(t.value(QLatin1String("winner_team_id")).toString(), h().teamB());
    const Answer closed = h().call("POST", path, a, json({{QLatin1String("amount"), start + 10 * step}}));
    QCOMPARE(closed.status, 409);
    QCOMPARE(closed.code(), QStringLiteral("tiebreaker_closed"));
    const Answer twice = h().call("POST", QStringLiteral("/admin/tiebreakers/%1/resolve").arg(m_tiebreaker), h().admin());
    QCOMPARE(twice.status, 409);
    QCOMPARE(twice.code(), QStringLiteral("tiebreaker_closed"));
}

void RestConformance::failedRequestsChangeNothing()
{
    const QString a = h().teamA();
    const QByteArray walletTag = h().get(QStringLiteral("/teams/%1/wallet").arg(a), h().admin()).header("ETag");
    const QByteArray squadTag = h().get(QStringLiteral("/teams/%1/squad").arg(a), h().admin()).header("ETag");
    const QByteArray roundsTag = h().get(QStringLiteral("/rounds"), h().admin()).header("ETag");
    const QString token = h().token(a);
    QVERIFY(h().call("POST", QStringLiteral("/rounds/%1/bids").arg(m_openRound), token, sealedBid(m_openPlayer, qint64(1) << 50)).status >= 400);
    QVERIFY(h().call("POST", QStringLiteral("/rounds/%1/bids").arg(m_closedRound), token, sealedBid(m_closedPlayer, 5)).status >= 400);
    QVERIFY(h().call("POST", QStringLiteral("/admin/rounds/%1/finalize").arg(m_openRound), token).status >= 400);
    QVERIFY(h().call("DELETE", QStringLiteral("/admin/rounds/%1").arg(m_openRound), token).status >= 400);
    QCOMPARE(h().get(QStringLiteral("/teams/%1/wallet").arg(a), h().admin()).header("ETag"), walletTag);
    QCOMPARE(h().get(QStringLiteral("/teams/%1/squad").arg(a), h().admin()).header("ETag"), squadTag);
    QCOMPARE(h().get(QStringLiteral("/rounds"), h().admin()).header("ETag"), roundsTag);
}

void RestConformance::rateLimitComesLast()
{
    // Team C's token has been used least. Spend its budget on cheap GETs.
    const QString token = h().token(h().teamC());
    Answer limited;
    for (int i = 0; i < 3000 && limited.status != 429; ++i) {
        const Answer a = h().call("GET", QStringLiteral("/me"), token, {}, {}, false);
        if (a.status == 429)
            limited = a;
        else if (a.status != 200)
            QFAIL(qPrintable(QStringLiteral("GET /me answered %1").arg(a.status)));
    }
    if (limited.status != 429)
        QSKIP("no 429 after 3000 requests: this server's rate limit is off or very high");
    QCOMPARE(limited.code(), QStringLiteral("rate_limited"));
    bool ok = false;
    QVERIFY2(limited.header("Retry-After").toInt(&ok) >= 0 && ok, limited.header("Retry-After").constData());

    // Still over the limit: every other error comes first.
    auto code = [&](const QByteArray &verb, const QString &path, const QByteArray &body = {}) {
        return h().call(verb, path, token, body, {}, false).code();
    };
    QCOMPARE(code("GET", QStringLiteral("/teams/%1/squad").arg(h().teamA())), QStringLiteral("forbidden"));
    QCOMPARE(code("GET", QStringLiteral("/no/such/route")), QStringLiteral("not_found"));
    QCOMPARE(code("DELETE", QStringLiteral("/me")), QStringLiteral("method_not_allowed"));
    QCOMPARE(code("POST", QStringLiteral("/rounds/%1/bids").arg(m_openRound), "{"), QStringLiteral("bad_request"));
    QCOMPARE(code("POST", QStringLiteral("/rounds/%1/bids").arg(m_closedRound), sealedBid(m_closedPlayer, 5)), QStringLiteral("round_closed"));
    QCOMPARE(code("POST", QStringLiteral("/rounds/%1/bids").arg(m_openRound), sealedBid(m_openPlayer, qint64(1) << 50)),
             QStringLiteral("insufficient_funds"));
    // And a request that would succeed is refused without effect. The checks above took time in
    // which the bucket refilled a little: drain it again right before.
    for (int i = 0; i < 3000; ++i) {
        if (h().call("GET", QStringLiteral("/me"), token, {}, {}, false).status == 429)
            break;
    }
    const Answer refused = h().call("POST", QStringLiteral("/rounds/%1/bids").arg(m_openRound), token, sealedBid(m_openPlayer, 2), {}, false);
    QCOMPARE(refused.status, 429);
    QVERIFY(!refused.header("Retry-After").isEmpty());
}

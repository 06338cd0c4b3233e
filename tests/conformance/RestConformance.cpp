#include "RestConformance.h"

#include "Harness.h"

#include <QJsonArray>
#include <QTest>

namespace {

// Who makes a request in the authorization matrix.
enum class Role { None, Bad, Own, Other, Admin };

QString tokenFor(Role role, const QString &own, const QString &other)
{
    switch (role) {
    case Role::None:
        return {};
    case Role::Bad:
        return QString::fromLatin1(Harness::kBadToken);
    case Role::Own:
        return h().token(own);
    case Role::Other:
        return h().token(other);
    case Role::Admin:
        return h().admin();
    }
    return {};
}

const char *roleName(Role role)
{
    static const char *names[] = {"no token", "bad token", "manager of the team", "manager of another team", "admin"};
    return names[int(role)];
}

QByteArray big(qsizetype bytes)
{
    return "{\"pad\": \"" + QByteArray(bytes, 'x') + "\"}";
}

} // namespace

void RestConformance::initTestCase()
{
    m_players = h().takePlayers(3);
    QCOMPARE(m_players.size(), 3);
    m_openPlayer = m_players.at(0);
    m_closedPlayer = m_players.at(1);
    m_openRound = h().createRound({m_openPlayer});
    QVERIFY2(!m_openRound.isEmpty(), qPrintable(h().lastError()));
    m_closedRound = h().createRound({m_closedPlayer});
    QVERIFY2(!m_closedRound.isEmpty(), qPrintable(h().lastError()));
    QVERIFY2(h().finalize(m_closedRound), qPrintable(h().lastError()));
    m_tiebreaker = h().createTiebreaker(m_players.at(2), 10, &m_tiebreakerRound);
    QVERIFY2(!m_tiebreaker.isEmpty(), qPrintable(h().lastError()));
}

void RestConformance::cleanupTestCase()
{
    // Deleting the rounds cancels the tiebreaker and refunds everything: the players go back.
    for (const QString &round : {m_openRound, m_closedRound, m_tiebreakerRound}) {
        if (!round.isEmpty())
            h().deleteRound(round);
    }
    h().returnPlayers(m_players);
}

void RestConformance::authorizationMatrix_data()
{
    QTest::addColumn<QByteArray>("verb");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("token");
    QTest::addColumn<int>("status");

    const QString a = h().teamA(), b = h().teamB(), c = h().teamC();
    // Expected status per role {none, bad, own, other, admin}. "Own"/"other" are relative to the
    // resource: the team for team routes, a participant / non-participant for a tiebreaker.
    // Requests that an allowed role would turn into a change aim at a missing or unavailable
    // resource instead, so the matrix changes nothing except one sealed bid.
    struct Row
    {
        QByteArray verb;
        QString path;
        QByteArray body;
        QString own, other;
        int expected[5];
    };
    const QByteArray tooMuch = json({{QLatin1String("amount"), qint64(1) << 50}});
    const QByteArray sealed = json({{QLatin1String("player_id"), m_openPlayer}, {QLatin1String("amount"), 1}});
    const QByteArray newRound = json({{QLatin1String("position"), QLatin1String("FWD")},
                                      {QLatin1String("currency_type"), h().currency()},
                                      {QLatin1String("player_ids"), QJsonArray{m_openPlayer}},
                                      {QLatin1String("closes_at"), isoIn(3600)}});
    const QList<Row> rows{
        {"GET", QStringLiteral("/me"), {}, a, b, {401, 401, 200, 200, 200}},
        {"GET", QStringLiteral("/teams"), {}, a, b, {401, 401, 200, 200, 200}},
        {"GET", QStringLiteral("/teams/%1/squad").arg(a), {}, a, b, {401, 401, 200, 403, 200}},
        {"GET", QStringLiteral("/teams/%1/wallet").arg(a), {}, a, b, {401, 401, 200, 403, 200}},
        {"GET", QStringLiteral("/rounds"), {}, a, b, {401, 401, 200, 200, 200}},
        {"GET", QStringLiteral("/tiebreakers"), {}, a, c, {401, 401, 200, 200, 200}},
        {"GET", QStringLiteral("/tiebreakers?status=all"), {}, a, c, {401, 401, 200, 200, 200}},
        {"GET", QStringLiteral("/tiebreakers/%1").arg(m_tiebreaker), {}, a, c, {401, 401, 200, 403, 200}},
        // A participant gets past authorization to the funds check.
        {"POST", QStringLiteral("/tiebreakers/%1/bids").arg(m_tiebreaker), tooMuch, a, c, {401, 401, 422, 403, 403}},
        // Any manager places sealed bids; an admin may not.
        {"POST", QStringLiteral("/rounds/%1/bids").arg(m_openRound), sealed, a, c, {401, 401, 201, 201, 403}},
        // The player is already in an open round: the admin gets past authorization to the 409.
        {"POST", QStringLiteral("/admin/rounds"), newRound, a, b, {401, 401, 403, 403, 409}},
        {"POST", QStringLiteral("/admin/rounds/NO-SUCH-ROUND/finalize"), {}, a, b, {401, 401, 403, 403, 404}},
        {"DELETE", QStringLiteral("/admin/rounds/NO-SUCH-ROUND"), {}, a, b, {401, 401, 403, 403, 404}},
        {"POST", QStringLiteral("/admin/tiebreakers/NO-SUCH-TB/resolve"), {}, a, b, {401, 401, 403, 403, 404}},
    };
    for (const Row &row : rows) {
        for (Role role : {Role::None, Role::Bad, Role::Own, Role::Other, Role::Admin}) {
            QTest::addRow("%s %s, %s", row.verb.constData(), qPrintable(row.path), roleName(role))
                << row.verb << row.path << row.body << tokenFor(role, row.own, row.other) << row.expected[int(role)];
        }
    }
}

void RestConformance::authorizationMatrix()
{
    QFETCH(QByteArray, verb);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(QString, token);
    QFETCH(int, status);
    const Answer a = h().call(verb, path, token, body);
    QVERIFY2(a.status == status, qPrintable(QStringLiteral("%1 %2").arg(a.status).arg(QString::fromUtf8(a.body))));
    if (status == 401)
        QCOMPARE(a.code(), QStringLiteral("unauthorized"));
    if (status == 403)
        QCOMPARE(a.code(), QStringLiteral("forbidden"));
}

void RestConformance::tiebreakerListIsFiltered()
{
    auto ids = [](const Answer &a) {
        QStringList list;
        for (const QJsonValue &t : a.json.value(QLatin1String("tiebreakers")).toArray()) {
            list.append(t.toObject().value(QLatin1String("tiebreaker_id")).toString());
            // Listings leave the bids out.
            if (t.toObject().contains(QLatin1String("bids")))
                list.append(QStringLiteral("<has bids>"));
        }
        return list;
    };
    QVERIFY(ids(h().get(QStringLiteral("/tiebreakers"), h().admin())).contains(m_tiebreaker));
    QVERIFY(ids(h().get(QStringLiteral("/tiebreakers"), h().token(h().teamA()))).contains(m_tiebreaker));
    QVERIFY(ids(h().get(QStringLiteral("/tiebreakers"), h().token(h().teamB()))).contains(m_tiebreaker));
    QVERIFY(!ids(h().get(QStringLiteral("/tiebreakers?status=all"), h().token(h().teamC()))).contains(m_tiebreaker));
    QVERIFY(!ids(h().get(QStringLiteral("/tiebreakers?status=resolved"), h().admin())).contains(m_tiebreaker));
    QVERIFY(!ids(h().get(QStringLiteral("/tiebreakers?status=cancelled"), h().admin())).contains(m_tiebreaker));
    QVERIFY(!ids(h().get(QStringLiteral("/tiebreakers"), h().admin())).contains(QStringLiteral("<has bids>")));
    const Answer bad = h().get(QStringLiteral("/tiebreakers?status=open"), h().admin());
    QCOMPARE(bad.status, 400);
    QCOMPARE(bad.code(), QStringLiteral("bad_request"));
    const Answer one = h().get(QStringLiteral("/tiebreakers/%1").arg(m_tiebreaker), h().admin());
    QVERIFY(one.json.value(QLatin1String("bids")).isArray());
}

void RestConformance::errorPrecedence_data()
{
    QTest::addColumn<QByteArray>("verb");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("code");

    const QString a = h().token(h().teamA()), admin = h().admin();
    const QByteArray huge = big(70 * 1024);
    const QString openBids = QStringLiteral("/rounds/%1/bids").arg(m_openRound);
    const QString closedBids = QStringLiteral("/rounds/%1/bids").arg(m_closedRound);
    auto bid = [](const QString &player, const QJsonValue &amount) {
        return json({{QLatin1String("player_id"), player}, {QLatin1String("amount"), amount}});
    };
    const qint64 tooMuch = qint64(1) << 50;

    QTest::newRow("401 before 413") << QByteArray("POST") << openBids << huge << QString() << "unauthorized";
    QTest::newRow("401 before 404 route") << QByteArray("GET") << QStringLiteral("/no/such/route") << QByteArray()
                                          << QString() << "unauthorized";
    QTest::newRow("401 (bad token) before 405") << QByteArray("DELETE") << QStringLiteral("/me") << QByteArray()
                                                << QString::fromLatin1(Harness::kBadToken) << "unauthorized";
    QTest::newRow("413 before 404 route") << QByteArray("POST") << QStringLiteral("/no/such/route") << huge << a << "too_large";
    QTest::newRow("413 before 405") << QByteArray("PUT") << QStringLiteral("/me") << huge << a << "too_large";
    QTest::newRow("413 before 400") << QByteArray("POST") << openBids << QByteArray(70 * 1024, '[') << a << "too_large";
    QTest::newRow("413 before 403") << QByteArray("POST") << QStringLiteral("/admin/rounds") << huge << a << "too_large";
    QTest::newRow("404 route before 405") << QByteArray("DELETE") << QStringLiteral("/no/such/route") << QByteArray() << a
                                          << "not_found";
    QTest::newRow("404 route, outside the API") << QByteArray("GET") << QStringLiteral("//nothing-here") << QByteArray()
                                                << a << "not_found";
    QTest::newRow("405 before 400") << QByteArray("POST") << QStringLiteral("/me") << QByteArray("{not json") << a
                                    << "method_not_allowed";
    QTest::newRow("405 before 403") << QByteArray("GET") << QStringLiteral("/admin/rounds") << QByteArray() << a
                                    << "method_not_allowed";
    QTest::newRow("400 malformed before 403") << QByteArray("POST") << QStringLiteral("/admin/rounds")
                                              << QByteArray("{not json") << a << "bad_request";
    QTest::newRow("400 wrong types before 403") << QByteArray("POST") << QStringLiteral("/admin/rounds")
                                                << json({{QLatin1String("position"), 3}}) << a << "bad_request";
    QTest::newRow("400 before 404 resource") << QByteArray("POST") << QStringLiteral("/rounds/NO-SUCH-ROUND/bids")
                                             << bid(m_openPlayer, QStringLiteral("5")) << a << "bad_request";
    QTest::newRow("400 amount not an integer") << QByteArray("POST") << openBids << bid(m_openPlayer, 1.5) << a << "bad_request";
    QTest::newRow("400 amount below 1") << QByteArray("POST") << openBids << bid(m_openPlayer, 0) << a << "bad_request";
    QTest::newRow("400 player_id not a string") << QByteArray("POST") << openBids << json({{QLatin1String("player_id"), 7},
                                                                                           {QLatin1String("amount"), 5}})
                                                << a << "bad_request";
    QTest::newRow("400 body is an array") << QByteArray("POST") << openBids << QByteArray("[]") << a << "bad_request";
    QTest::newRow("400 missing field") << QByteArray("POST") << openBids << json({{QLatin1String("amount"), 5}}) << a
                                       << "bad_request";
    QTest::newRow("403 before 404 resource (team)") << QByteArray("GET") << QStringLiteral("/teams/NO-SUCH-TEAM/squad")
                                                    << QByteArray() << a << "forbidden";
    QTest::newRow("403 before 404 resource (tiebreaker)") << QByteArray("GET") << QStringLiteral("/tiebreakers/NO-SUCH-TB")
                                                          << QByteArray() << a << "forbidden";
    QTest::newRow("403 admin bids in a missing round") << QByteArray("POST") << QStringLiteral("/rounds/NO-SUCH-ROUND/bids")
                                                       << bid(m_openPlayer, 5) << admin << "forbidden";
    QTest::newRow("404 unknown team (admin)") << QByteArray("GET") << QStringLiteral("/teams/NO-SUCH-TEAM/wallet")
                                              << QByteArray() << admin << "not_found";
    QTest::newRow("404 unknown tiebreaker (admin)") << QByteArray("GET") << QStringLiteral("/tiebreakers/NO-SUCH-TB")
                                                    << QByteArray() << admin << "not_found";
    QTest::newRow("404 before 409: player not in a closed round") << QByteArray("POST") << closedBids
                                                                  << bid(m_openPlayer, tooMuch) << a << "not_found";
    QTest::newRow("404 unknown round") << QByteArray("POST") << QStringLiteral("/rounds/NO-SUCH-ROUND/bids")
                                       << bid(m_openPlayer, 5) << a << "not_found";
    QTest::newRow("409 before 422: closed round, unaffordable") << QByteArray("POST") << closedBids
                                                                << bid(m_closedPlayer, tooMuch) << a << "round_closed";
    QTest::newRow("409 finalize twice") << QByteArray("POST") << QStringLiteral("/admin/rounds/%1/finalize").arg(m_closedRound)
                                        << QByteArray() << admin << "round_closed";
    QTest::newRow("422 unaffordable sealed bid") << QByteArray("POST") << openBids << bid(m_openPlayer, tooMuch) << a
                                                 << "insufficient_funds";
}

void RestConformance::errorPrecedence()
{
    QFETCH(QByteArray, verb);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(QString, token);
    QFETCH(QString, code);
    static const QHash<QString, int> statusOf{{QStringLiteral("unauthorized"), 401}, {QStringLiteral("too_large"), 413},
                                              {QStringLiteral("not_found"), 404}, {QStringLiteral("method_not_allowed"), 405},
                                              {QStringLiteral("bad_request"), 400}, {QStringLiteral("forbidden"), 403},
                                              {QStringLiteral("round_closed"), 409}, {QStringLiteral("insufficient_funds"), 422}};
    const Answer a = h().call(verb, path, token, body);
    QVERIFY2(a.status == statusOf.value(code) && a.code() == code,
             qPrintable(QStringLiteral("%1 %2").arg(a.status).arg(QString::fromUtf8(a.body.left(300)))));
    if (code == QLatin1String("method_not_allowed"))
        QVERIFY2(!a.header("Allow").isEmpty(), "405 without an Allow header");
}

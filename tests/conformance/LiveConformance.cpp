#include "LiveConformance.h"

#include "LiveHarness.h"

#include <QJsonArray>
#include <QTest>

#include <memory>

#include <csignal>

void LiveConformance::initTestCase()
{
    // The suite writes to sockets that the server closes on purpose (1009, 1003): a write after
    // the peer's close must be an error, not SIGPIPE. Set here because QTest installs its own
    // handler for SIGPIPE when the test case starts.
    std::signal(SIGPIPE, SIG_IGN);
    m_players = h().takePlayers(4);
    QCOMPARE(m_players.size(), 4);
    m_tiebreaker = h().createTiebreaker(m_players.at(0), 10, &m_tiebreakerRound);
    QVERIFY2(!m_tiebreaker.isEmpty(), qPrintable(h().lastError()));
}

void LiveConformance::cleanupTestCase()
{
    if (!m_tiebreakerRound.isEmpty())
        h().deleteRound(m_tiebreakerRound);
    h().returnPlayers(m_players);
}

void LiveConformance::refusedTokens_data()
{
    QTest::addColumn<QString>("token");
    QTest::newRow("no token") << QString();
    QTest::newRow("bad token") << QString::fromLatin1(Harness::kBadToken);
}

void LiveConformance::refusedTokens()
{
    QFETCH(QString, token);
    LiveClient client;
    if (!client.open(h().baseUrl(), token.toUtf8())) {
        QVERIFY2(client.handshakeRefused(), "neither refused nor upgraded"); // HTTP 401 before the upgrade
        return;
    }
    // Or an accepted upgrade closed at once with 4401.
    QVERIFY(client.waitClosed());
    QCOMPARE(client.closeCode(), 4401);
}

void LiveConformance::subscribeMatrix_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("channel");
    QTest::addColumn<QString>("answer");
    const QString a = h().token(h().teamA()), b = h().token(h().teamB()), c = h().token(h().teamC());
    const QString team = QStringLiteral("team:") + h().teamA(), tb = QStringLiteral("tiebreaker:") + m_tiebreaker;
    QTest::newRow("team, its manager") << a << team << "subscribed";
    QTest::newRow("team, another manager") << b << team << "forbidden";
    QTest::newRow("team, admin") << h().admin() << team << "subscribed";
    QTest::newRow("tiebreaker, participant A") << a << tb << "subscribed";
    QTest::newRow("tiebreaker, participant B") << b << tb << "subscribed";
    QTest::newRow("tiebreaker, non-participant") << c << tb << "forbidden";
    QTest::newRow("tiebreaker, admin") << h().admin() << tb << "subscribed";
    QTest::newRow("tiebreakers, manager") << a << "tiebreakers" << "forbidden";
    QTest::newRow("tiebreakers, admin") << h().admin() << "tiebreakers" << "subscribed";
}

void LiveConformance::subscribeMatrix()
{
    QFETCH(QString, token);
    QFETCH(QString, channel);
    QFETCH(QString, answer);
    auto client = connectAs(token);
    QVERIFY(client);
    const QJsonObject reply = client->subscribe(channel, QStringLiteral("req-1"));
    QCOMPARE(reply.value(QLatin1String("id")), QJsonValue(QStringLiteral("req-1"))); // echoed verbatim
    QCOMPARE(reply.value(QLatin1String("channel")).toString(), channel);
    if (answer == QLatin1String("subscribed")) {
        QCOMPARE(op(reply), QStringLiteral("subscribed"));
        QVERIFY(!reply.value(QLatin1String("epoch")).toString().isEmpty());
        QVERIFY(reply.value(QLatin1String("seq")).isDouble() && reply.value(QLatin1String("seq")).toInteger() >= 0);
        QCOMPARE(reply.value(QLatin1String("recovered")), QJsonValue(false)); // no `since`
    } else {
        QCOMPARE(op(reply), QStringLiteral("error"));
        QCOMPARE(reply.value(QLatin1String("code")).toString(), answer);
        QVERIFY(reply.value(QLatin1String("message")).isString());
        QVERIFY(client->connected());
    }
}

void LiveConformance::badChannels()
{
    auto admin = connectAs(h().admin());
    QVERIFY(admin);
    for (const QString &channel : {QStringLiteral("nonsense"), QStringLiteral("team:"), QStringLiteral("team:NO-SUCH-TEAM"),
                                   QStringLiteral("tiebreaker:NO-SUCH-TB"), QStringLiteral("teams"), QString()}) {
        const QJsonObject reply = admin->subscribe(channel, 5);
        QVERIFY2(op(reply) == QLatin1String("error") && reply.value(QLatin1String("code")).toString() == QLatin1String("bad_channel"),
                 qPrintable(channel + QLatin1String(": ") + QString::fromUtf8(json(reply))));
        QCOMPARE(reply.value(QLatin1String("channel")).toString(), channel);
        QCOMPARE(reply.value(QLatin1String("id")), QJsonValue(5));
    }
    const QJsonObject unsub = admin->request({{QLatin1String("op"), QLatin1String("unsubscribe")}, {QLatin1String("id"), 6},
                                              {QLatin1String("channel"), QLatin1String("nonsense")}});
    QCOMPARE(unsub.value(QLatin1String("code")).toString(), QStringLiteral("bad_channel"));

    auto manager = connectAs(h().token(h().teamA()));
    QVERIFY(manager);
    QCOMPARE(manager->subscribe(QStringLiteral("nonsense"), 1).value(QLatin1String("code")).toString(), QStringLiteral("bad_channel"));
    // Another team's channel, existing or not: refused without saying which (forbidden or bad_channel).
    const QString code = manager->subscribe(QStringLiteral("team:NO-SUCH-TEAM"), 2).value(QLatin1String("code")).toString();
    QVERIFY2(code == QLatin1String("forbidden") || code == QLatin1String("bad_channel"), qPrintable(code));
}

void LiveConformance::framesAndIds()
{
    auto client = connectAs(h().token(h().teamA()));
    QVERIFY(client);
    QCOMPARE(client->request({{QLatin1String("op"), QLatin1String("ping")}, {QLatin1String("id"), 7}}),
             (QJsonObject{{QLatin1String("op"), QLatin1String("pong")}, {QLatin1String("id"), 7}}));
    QCOMPARE(client->request({{QLatin1String("op"), QLatin1String("ping")}, {QLatin1String("id"), QLatin1String("p-8")}})
                 .value(QLatin1String("id")),
             QJsonValue(QStringLiteral("p-8")));

    // Unknown ops (and unknown fields) are ignored: the next frame is the ping's pong.
    const qsizetype before = client->frames.size();
    client->send({{QLatin1String("op"), QLatin1String("frobnicate")}, {QLatin1String("id"), 9}});
    client->send({{QLatin1String("op"), QLatin1String("ping")}, {QLatin1String("id"), 10}, {QLatin1String("extra"), true}});
    QVERIFY(client->waitFor([](const QJsonObject &f) { return f.value(QLatin1String("id")) == QJsonValue(10); }, before) >= 0);
    QCOMPARE(client->frames.size(), before + 1);

    // A text frame that is not a JSON object: error bad_request, and the connection stays.
    for (const QByteArray &text : {QByteArray("[1, 2]"), QByteArray("42"), QByteArray("\"text\""), QByteArray("not json {")}) {
        const qsizetype from = client->frames.size();
        client->sendRaw(text);
        const qsizetype i = client->waitFor([](const QJsonObject &) { return true; }, from);
        QVERIFY2(i >= 0, text.constData());
        QCOMPARE(op(client->frames.at(i)), QStringLiteral("error"));
        QCOMPARE(client->frames.at(i).value(QLatin1String("code")).toString(), QStringLiteral("bad_request"));
        QVERIFY(client->barrier());
    }
}

void LiveConformance::unsubscribe()
{
    const QString channel = QStringLiteral("team:") + h().teamA();
    auto leaving = connectAs(h().token(h().teamA()));
    auto staying = connectAs(h().token(h().teamA()));
    QVERIFY(leaving && staying);
    QCOMPARE(op(leaving->subscribe(channel, 1)), QStringLiteral("subscribed"));
    QCOMPARE(op(staying->subscribe(channel, 1)), QStringLiteral("subscribed"));
    const QJsonObject reply = leaving->request({{QLatin1String("op"), QLatin1String("unsubscribe")}, {QLatin1String("id"), 2},
                                                {QLatin1String("channel"), channel}});
    QCOMPARE(reply, (QJsonObject{{QLatin1String("op"), QLatin1String("unsubscribed")}, {QLatin1String("id"), 2},
                                 {QLatin1String("channel"), channel}}));

    // A's squad changes: the staying connection hears it, the one that left does not.
    const QString round = h().createRound({m_players.at(3)});
    QVERIFY2(!round.isEmpty(), qPrintable(h().lastError()));
    QCOMPARE(h().call("POST", QStringLiteral("/rounds/%1/bids").arg(round), h().token(h().teamA()),
                      json({{QLatin1String("player_id"), m_players.at(3)}, {QLatin1String("amount"), 30}})).status, 201);
    QVERIFY2(h().finalize(round), qPrintable(h().lastError()));
    const int expected = 2 + h().sealedBidEvents();
    QCOMPARE(staying->events(channel, expected).size(), expected);
    QVERIFY(leaving->barrier());
    QVERIFY(leaving->eventsSoFar(channel).isEmpty());
    QVERIFY2(h().deleteRound(round), qPrintable(h().lastError()));
}

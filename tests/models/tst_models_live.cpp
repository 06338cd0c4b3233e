// The models against the real leaguedesk-server: a manager's bid goes through TiebreakerBidsModel
// (refusals in words, success confirmed inline, the history updated by the live event), the other
// team gets a toast for it and the bidder none, and a resolution names the winner and moves the
// tiebreaker to the finished list.
#include "support/RestCall.h"
#include "support/ServerProcess.h"

#include <session/DemoLeague.h>
#include <session/Session.h>
#include <models/TiebreakerBidsModel.h>
#include <models/TiebreakerListModel.h>
#include <models/ToastQueue.h>
#include <models/WalletModel.h>
#include <sync/SyncClient.h>

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

namespace {
constexpr int timeoutMs = 15000;
const QString team1 = QStringLiteral("SSPSLT0001");
const QString team2 = QStringLiteral("SSPSLT0002");
const QString tiebreakerId = QStringLiteral("TB0001"); // the demo's tie between teams 1 and 2
} // namespace

class TestModelsLive : public QObject
{
    Q_OBJECT

private:
    ServerProcess m_server;

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_server.start(), qPrintable(m_server.errorString())); }

    void bidResolveAndToasts()
    {
        SyncClient client1(m_server.baseUrl(), m_server.managerToken(team1));
        SyncClient client2(m_server.baseUrl(), m_server.managerToken(team2));

        TiebreakerBidsModel bids;
        QAbstractItemModelTester bidsTester(&bids, QAbstractItemModelTester::FailureReportingMode::QtTest);
        bids.setClient(&client1);
        bids.setTeamId(team1);
        bids.setTiebreakerId(tiebreakerId);
        WalletModel wallet;
        QAbstractItemModelTester walletTester(&wallet, QAbstractItemModelTester::FailureReportingMode::QtTest);
        wallet.setClient(&client1);
        wallet.setTeamId(team1);
        TiebreakerListModel active;
        QAbstractItemModelTester activeTester(&active, QAbstractItemModelTester::FailureReportingMode::QtTest);
        active.setClient(&client1);
        TiebreakerListModel closed;
        closed.setStatus(QStringLiteral("closed"));
        closed.setClient(&client1);
        ToastQueue ownToasts;
        ownToasts.setClient(&client1);
        ownToasts.setTeamId(team1);
        ownToasts.setOwnTeamId(team1);
        ownToasts.setTimeout(60000);
        ToastQueue otherToasts;
        otherToasts.setClient(&client2);
        otherToasts.setTeamId(team2);
        otherToasts.setOwnTeamId(team2);
        otherToasts.setTimeout(60000);
        // Team 2 only lists its tiebreakers; following each keeps their bid channels subscribed.
        TiebreakerListModel otherActive;
        otherActive.setClient(&client2);
        otherActive.setFollowEach(true);

        client1.start();
        client2.start();
        QTRY_COMPARE_WITH_TIMEOUT(client1.state(), SyncClient::State::Live, timeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(client2.state(), SyncClient::State::Live, timeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(bids.hasData() && wallet.hasData() && active.hasData() && otherActive.hasData(), timeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(closed.hasData(), timeoutMs);
        QCOMPARE(active.count(), 1);
        QCOMPARE(closed.count(), 0);
        QCOMPARE(bids.count(), 0);
        QCOMPARE(bids.isParticipant(), true);
        QCOMPARE(bids.currencyType(), QStringLiteral("real"));
        const qint64 start = bids.minimumNextBid();
        QVERIFY(start > 0);
        QVERIFY(wallet.balanceOf(QStringLiteral("real")) >= start);
        QCOMPARE(ownToasts.count(), 0); // nothing for the first load

        // Too low, then more than the balance: refused, in words.
        QSignalSpy state(&bids, &TiebreakerBidsModel::bidStateChanged);
        bids.placeBid(double(start - 1));
        QVERIFY(bids.isSending());
        QTRY_VERIFY_WITH_TIMEOUT(!bids.isSending(), timeoutMs);
        QCOMPARE(bids.bidErrorCode(), QStringLiteral("bid_too_low"));
        QVERIFY2(bids.bidErrorText().contains(QLocale().toString(start)), qPrintable(bids.bidErrorText()));
        bids.placeBid(wallet.balanceOf(QStringLiteral("real")) + 1);
        QTRY_VERIFY_WITH_TIMEOUT(!bids.isSending(), timeoutMs);
        QCOMPARE(bids.bidErrorCode(), QStringLiteral("insufficient_funds"));

        // A good bid: confirmed inline; the live event brings it into the history.
        QSignalSpy placed(&bids, &TiebreakerBidsModel::bidPlaced);
        bids.placeBid(double(start));
        QTRY_COMPARE_WITH_TIMEOUT(placed.count(), 1, timeoutMs);
        QCOMPARE(bids.bidErrorCode(), QString());
        QVERIFY(!bids.confirmation().isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(bids.count(), 1, timeoutMs);
        QCOMPARE(bids.myLastBid(), start);
        QCOMPARE(bids.highestBidTeamId(), team1);

        // The second click of a double-click (or Enter twice) with the refilled next minimum: the
        // team already leads, so nothing is sent and the server still holds one bid.
        QVERIFY(bids.isLeading());
        QCOMPARE(qint64(bids.leadingAmount()), start);
        QCOMPARE(bids.placeBid(double(bids.minimumNextBid())), false);
        QVERIFY(!bids.isSending());
        const auto served = restCall(m_server.baseUrl(), m_server.managerToken(team1), "GET",
                                     QStringLiteral("/tiebreakers/%1").arg(tiebreakerId));
        QVERIFY(served && served->status == 200);
        QCOMPARE(jsonOf(*served).value(QStringLiteral("bids")).toArray().size(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(active.data(active.index(0), TiebreakerListModel::HighestBidAmountRole).toLongLong(), start, timeoutMs);

        // Team 2's list shows the new highest bid, and team 2 gets a toast for it; team 1 (the
        // bidder) none.
        QTRY_COMPARE_WITH_TIMEOUT(otherActive.data(otherActive.index(0), TiebreakerListModel::HighestBidTeamIdRole).toString(), team1, timeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(otherToasts.count(), 1, timeoutMs);
        const QString text = otherToasts.data(otherToasts.index(0), ToastQueue::TextRole).toString();
        QVERIFY2(text.contains(QStringLiteral("Team Blue")) && text.contains(QStringLiteral("Omar Berg")), qPrintable(text));
        // Team 2 is in the tie and was outbid: the toast says so, with the currency, and offers the
        // next minimum as a one-click bid.
        QVERIFY2(text.contains(QStringLiteral("outbid you")) && text.contains(QStringLiteral(" real")), qPrintable(text));
        QCOMPARE(otherToasts.data(otherToasts.index(0), ToastQueue::BidAmountRole).toLongLong(), qint64(bids.minimumNextBid()));
        QCOMPARE(ownToasts.count(), 0);

        // The admin resolves: the winner is named, the tiebreaker moves to the finished list.
        const auto resolved = restCall(m_server.baseUrl(), m_server.adminToken(), "POST",
                                       QStringLiteral("/admin/tiebreakers/%1/resolve").arg(tiebreakerId));
        QVERIFY(resolved && resolved->status == 200);
        QTRY_COMPARE_WITH_TIMEOUT(bids.tiebreakerStatus(), QStringLiteral("resolved"), timeoutMs);
        QCOMPARE(bids.winnerTeamId(), team1);
        QCOMPARE(bids.winnerTeamName(), QStringLiteral("Team Blue"));
        QTRY_COMPARE_WITH_TIMEOUT(active.count(), 0, timeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(closed.count(), 1, timeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(wallet.balanceOf(QStringLiteral("real")) < 1000, timeoutMs);

        // Bidding on a closed tiebreaker: refused, in words.
        bids.placeBid(double(start + 1000));
        QTRY_VERIFY_WITH_TIMEOUT(!bids.isSending(), timeoutMs);
        QCOMPARE(bids.bidErrorCode(), QStringLiteral("tiebreaker_closed"));
    }

    // Issue 14.4 against the real server (protocol 1.1): team 1 bids its whole balance, then spends
    // 1 elsewhere, so at the resolution team 2's lower bid wins. The detail and the finished list
    // show what team 2 paid (winning_amount), and the detail says why team 1's bid lost.
    void highestBidderCouldNotPay()
    {
        ServerProcess quiet; // TB0001 of its own, untouched by the other tests
        QVERIFY2(quiet.start(), qPrintable(quiet.errorString()));
        const QString token1 = quiet.managerToken(team1);
        SyncClient client(quiet.baseUrl(), token1);
        TiebreakerBidsModel bids;
        bids.setClient(&client);
        bids.setTeamId(team1);
        bids.setTiebreakerId(tiebreakerId);
        TiebreakerListModel closed;
        QAbstractItemModelTester closedTester(&closed, QAbstractItemModelTester::FailureReportingMode::QtTest);
        closed.setStatus(QStringLiteral("closed"));
        closed.setClient(&client);
        client.start();
        QTRY_VERIFY_WITH_TIMEOUT(bids.hasData() && closed.hasData(), timeoutMs);
        const qint64 start = bids.minimumNextBid();

        const auto post = [&](const QString &token, const QString &path, const QJsonObject &body) {
            const auto answer = restCall(quiet.baseUrl(), token, "POST", path, body);
            return answer ? answer->status : 0;
        };
        QCOMPARE(post(quiet.managerToken(team2), QStringLiteral("/tiebreakers/%1/bids").arg(tiebreakerId), {{"amount", start}}), 201);
        const auto wallet = restCall(quiet.baseUrl(), token1, "GET", QStringLiteral("/teams/%1/wallet").arg(team1));
        QVERIFY(wallet && wallet->status == 200);
        qint64 all = -1;
        for (const QJsonValue &balance : jsonOf(*wallet).value(QStringLiteral("balances")).toArray()) {
            if (balance.toObject().value(QStringLiteral("currency_type")).toString() == bids.currencyType())
                all = balance.toObject().value(QStringLiteral("balance")).toInteger();
        }
        QVERIFY(all > start);
        QCOMPARE(post(token1, QStringLiteral("/tiebreakers/%1/bids").arg(tiebreakerId), {{"amount", all}}), 201);

        // Team 1 buys a player for 1 in the same currency: it can no longer pay its bid.
        const auto players = restCall(quiet.baseUrl(), quiet.adminToken(), "GET", QStringLiteral("/players?status=available"));
        QVERIFY(players && players->status == 200);
        const QJsonObject player = jsonOf(*players).value(QStringLiteral("players")).toArray().first().toObject();
        const auto round = restCall(quiet.baseUrl(), quiet.adminToken(), "POST", QStringLiteral("/admin/rounds"),
            {{"position", player.value(QStringLiteral("position"))}, {"currency_type", bids.currencyType()},
             {"player_ids", QJsonArray{player.value(QStringLiteral("player_id"))}},
             {"closes_at", QDateTime::currentDateTimeUtc().addSecs(3600).toString(Qt::ISODateWithMs)}});
        QVERIFY2(round && round->status == 201, round ? round->body.constData() : "no answer");
        const QString roundId = jsonOf(*round).value(QStringLiteral("round")).toObject().value(QStringLiteral("round_id")).toString();
        QCOMPARE(post(token1, QStringLiteral("/rounds/%1/bids").arg(roundId), {{"player_id", player.value(QStringLiteral("player_id"))}, {"amount", 1}}), 201);
        QCOMPARE(post(quiet.adminToken(), QStringLiteral("/admin/rounds/%1/finalize").arg(roundId), {}), 200);
        QCOMPARE(post(quiet.adminToken(), QStringLiteral("/admin/tiebreakers/%1/resolve").arg(tiebreakerId), {}), 200);

        QTRY_COMPARE_WITH_TIMEOUT(bids.tiebreakerStatus(), QStringLiteral("resolved"), timeoutMs);
        QCOMPARE(bids.winnerTeamId(), team2);
        QCOMPARE(bids.highestBidAmount(), all);
        QVERIFY(bids.highestBidLost());
        QCOMPARE(qint64(bids.winningAmount()), start);
        const QString outcome = bids.outcome();
        QVERIFY2(outcome.contains(QStringLiteral("for %1 %2").arg(QLocale().toString(start), bids.currencyType()))
                     && outcome.contains(QStringLiteral("Your highest bid of %1").arg(QLocale().toString(all))),
                 qPrintable(outcome));
        QTRY_COMPARE_WITH_TIMEOUT(closed.count(), 1, timeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(closed.data(closed.index(0), TiebreakerListModel::WinningAmountRole).toLongLong(), start, timeoutMs);
        QVERIFY(closed.data(closed.index(0), TiebreakerListModel::HighestBidLostRole).toBool());
    }

    // "Try the demo league": the bundled server starts on a free port and the session signs in.
    void demoLeagueSignsIn()
    {
        qputenv("LEAGUEDESK_SERVER_PATH", ServerProcess::executablePath().toUtf8());
        Session session;
        {
            DemoLeague demo;
            demo.start(&session, false);
            QVERIFY(demo.isStarting());
            QTRY_VERIFY2_WITH_TIMEOUT(demo.isRunning(), qPrintable(demo.errorString()), timeoutMs);
            QTRY_COMPARE_WITH_TIMEOUT(session.state(), QStringLiteral("live"), timeoutMs);
            QTRY_COMPARE_WITH_TIMEOUT(session.teamId(), team1, timeoutMs);
            demo.start(&session, true); // the running server is reused, as the admin
            QTRY_COMPARE_WITH_TIMEOUT(session.role(), QStringLiteral("admin"), timeoutMs);
            session.signOut();
        } // the server stops with it
    }
};

QTEST_GUILESS_MAIN(TestModelsLive)
#include "tst_models_live.moc"

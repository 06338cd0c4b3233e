// The admin console's models against the real leaguedesk-server: the league overview follows
// every team's wallet and squad live through the query cache (a finalize and a delete show
// without a refresh, and only the teams they touched are fetched again), and a tiebreaker is
// resolved early with its result arriving as the tiebreaker_resolved event, refusals in words.
#include "support/LeagueActions.h"
#include "support/RestCall.h"
#include "support/ServerProcess.h"

#include <models/LeagueOverviewModel.h>
#include <models/TiebreakerBidsModel.h>
#include <sync/SyncClient.h>

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

namespace {
constexpr int timeoutMs = 15000;
const QString team1 = QStringLiteral("SSPSLT0001");
const QString team2 = QStringLiteral("SSPSLT0002");
const QString team7 = QStringLiteral("SSPSLT0007"); // has no bid in R0004
const QString football = QStringLiteral("football");
} // namespace

class TestConsoleModels : public QObject
{
    Q_OBJECT

private:
    ServerProcess m_server;

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_server.start(), qPrintable(m_server.errorString())); }

    void overviewFollowsTheLeague()
    {
        SyncClient admin(m_server.baseUrl(), m_server.adminToken());
        RequestLog log;
        log.attach(admin);
        LeagueOverviewModel overview;
        QAbstractItemModelTester tester(&overview, QAbstractItemModelTester::FailureReportingMode::QtTest);
        // As QML does: read the properties whenever they are announced, also while the model is
        // still making a team's bindings (that once read a binding not yet made).
        int reads = 0;
        connect(&overview, &LeagueOverviewModel::statusChanged, this, [&] {
            ++reads;
            (void)overview.hasData();
            (void)overview.isLoading();
            (void)overview.errorString();
        });
        overview.setClient(&admin);
        admin.start();
        QTRY_VERIFY_WITH_TIMEOUT(overview.hasData(), timeoutMs);
        QVERIFY(reads > 0);
        QTRY_COMPARE_WITH_TIMEOUT(admin.state(), SyncClient::State::Live, timeoutMs);
        QVERIFY(overview.isAvailable());
        QCOMPARE(overview.count(), int(m_server.teamIds().size()));
        QCOMPARE(overview.currencies(), (QStringList{football, QStringLiteral("real")}));
        QVERIFY(overview.errorString().isEmpty());

        // What the server says, row by row.
        for (const QString &team : m_server.teamIds()) {
            const auto squad = restCall(m_server.baseUrl(), m_server.adminToken(), "GET", LeagueActions::squadPath(team));
            const auto wallet = restCall(m_server.baseUrl(), m_server.adminToken(), "GET",
                                         QStringLiteral("/teams/%1/wallet").arg(team));
            QVERIFY(squad && squad->status == 200 && wallet && wallet->status == 200);
            QCOMPARE(overview.squadSizeOf(team), int(jsonOf(*squad).value(QLatin1String("players")).toArray().size()));
            for (const QJsonValue &b : jsonOf(*wallet).value(QLatin1String("balances")).toArray()) {
                const QString currency = b[QLatin1String("currency_type")].toString();
                QCOMPARE(overview.balanceOf(team, currency), double(b[QLatin1String("balance")].toInteger()));
                QCOMPARE(overview.spentOf(team, currency), double(b[QLatin1String("spent")].toInteger()));
            }
        }
        const int row = overview.indexOf(team1);
        QVERIFY(row >= 0);
        QVERIFY(!overview.data(overview.index(row, 0), LeagueOverviewModel::NameRole).toString().isEmpty());
        QCOMPARE(overview.data(overview.index(row, 0), LeagueOverviewModel::BalancesRole).toMap().value(football).toDouble(),
                 overview.balanceOf(team1, football));

        const double balance1 = overview.balanceOf(team1, football);
        const double spent1 = overview.spentOf(team1, football);
        const int squad1 = overview.squadSizeOf(team1);
        const double balance2 = overview.balanceOf(team2, football);
        const int squad2 = overview.squadSizeOf(team2);
        const int team7Gets = log.gets.value(LeagueActions::squadPath(team7));
        QVERIFY(team7Gets > 0);

        // Finalizing R0004 (see server/DemoSeeder.cpp): team 1 wins P0141 for 12000 and P0147
        // for 2000, team 2 P0143 for 6000. The rows follow without a refresh.
        QSignalSpy changed(&overview, &QAbstractItemModel::dataChanged);
        const auto finalized = restCall(m_server.baseUrl(), m_server.adminToken(), "POST",
                                        QStringLiteral("/admin/rounds/R0004/finalize"));
        QVERIFY(finalized && finalized->status == 200);
        QTRY_COMPARE_WITH_TIMEOUT(overview.squadSizeOf(team1), squad1 + 2, timeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(overview.balanceOf(team1, football), balance1 - 14000, timeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(overview.spentOf(team1, football), spent1 + 14000, timeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(overview.balanceOf(team2, football), balance2 - 6000, timeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(overview.squadSizeOf(team2), squad2 + 1, timeoutMs);
        QVERIFY(!changed.isEmpty()); // row updates, never a reset (the tester checks the rest)
        // Only what the events named was fetched again: team 7 took no part.
        QCOMPARE(log.gets.value(LeagueActions::squadPath(team7)), team7Gets);

        // Deleting the round refunds and removes what it sold.
        const auto deleted = restCall(m_server.baseUrl(), m_server.adminToken(), "DELETE", QStringLiteral("/admin/rounds/R0004"));
        QVERIFY(deleted && deleted->status == 200);
        QTRY_COMPARE_WITH_TIMEOUT(overview.squadSizeOf(team1), squad1, timeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(overview.balanceOf(team1, football), balance1, timeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(overview.spentOf(team1, football), spent1, timeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(overview.balanceOf(team2, football), balance2, timeoutMs);
        QCOMPARE(overview.count(), int(m_server.teamIds().size()));
    }

    // A manager may read only its own team: the overview offers nothing and asks for nothing else.
    void overviewIsForAdmins()
    {
        SyncClient manager(m_server.baseUrl(), m_server.managerToken(team1));
        RequestLog log;
        log.attach(manager);
        LeagueOverviewModel overview;
        QAbstractItemModelTester tester(&overview, QAbstractItemModelTester::FailureReportingMode::QtTest);
        overview.setClient(&manager);
        manager.start();
        QTRY_VERIFY_WITH_TIMEOUT(manager.hasMe(), timeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(manager.state(), SyncClient::State::Live, timeoutMs);
        QVERIFY(!overview.isAvailable());
        QVERIFY(!overview.hasData());
        QCOMPARE(overview.count(), 0);
        QCOMPARE(log.gets.value(LeagueActions::squadPath(team2)), 0);
    }

    // TB0001 (teams 1 and 2, real money): team 1 bids, an admin resolves it before the deadline;
    // a second admin dashboard sees the result from the event alone.
    void adminResolvesEarly()
    {
        const QString tb = QStringLiteral("TB0001");
        SyncClient admin(m_server.baseUrl(), m_server.adminToken());
        SyncClient otherAdmin(m_server.baseUrl(), m_server.adminToken());
        SyncClient manager(m_server.baseUrl(), m_server.managerToken(team1));
        TiebreakerBidsModel console;
        QAbstractItemModelTester tester(&console, QAbstractItemModelTester::FailureReportingMode::QtTest);
        console.setClient(&admin);
        console.setTiebreakerId(tb);
        TiebreakerBidsModel watcher;
        watcher.setClient(&otherAdmin);
        watcher.setTiebreakerId(tb);
        TiebreakerBidsModel managerView;
        managerView.setClient(&manager);
        managerView.setTeamId(team1);
        managerView.setTiebreakerId(tb);
        admin.start();
        otherAdmin.start();
        manager.start();
        QTRY_VERIFY_WITH_TIMEOUT(console.hasData() && watcher.hasData() && managerView.hasData(), timeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(otherAdmin.state(), SyncClient::State::Live, timeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(manager.hasMe(), timeoutMs);
        QCOMPARE(console.tiebreakerStatus(), QStringLiteral("active"));
        QVERIFY(console.resolvePrompt().startsWith(QLatin1String("Nobody has bid yet")));
        QVERIFY(!managerView.resolveNow()); // managers may not, and are never offered it

        QVERIFY(managerView.placeBid(double(managerView.minimumNextBid())));
        const qint64 amount = managerView.minimumNextBid();
        QTRY_VERIFY_WITH_TIMEOUT(console.highestBidTeamId() == team1, timeoutMs);
        const QString prompt = console.resolvePrompt();
        QVERIFY2(prompt.contains(QStringLiteral("leads with %1 real").arg(QLocale().toString(amount))), qPrintable(prompt));
        QVERIFY2(prompt.contains(console.playerName()), qPrintable(prompt));

        QSignalSpy answered(&console, &TiebreakerBidsModel::resolveAnswered);
        QSignalSpy watcherDetails(&watcher, &TiebreakerBidsModel::detailsChanged);
        QVERIFY(console.resolveNow());
        QVERIFY(console.isResolving());
        QVERIFY(!console.resolveNow()); // no double submission
        QVERIFY(answered.wait(timeoutMs));
        QCOMPARE(answered.first().at(0).toBool(), true);
        QVERIFY(console.resolveError().isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(console.tiebreakerStatus(), QStringLiteral("resolved"), timeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(watcher.tiebreakerStatus(), QStringLiteral("resolved"), timeoutMs);
        QCOMPARE(watcher.winnerTeamId(), team1);
        QCOMPARE(watcher.winningAmount(), amount);
        QTRY_COMPARE_WITH_TIMEOUT(managerView.tiebreakerStatus(), QStringLiteral("resolved"), timeoutMs);
        QVERIFY(console.resolvePrompt().isEmpty()); // nothing left to resolve

        // Again: refused in words, the tiebreaker unchanged.
        answered.clear();
        QVERIFY(console.resolveNow());
        QVERIFY(answered.wait(timeoutMs));
        QCOMPARE(answered.first().at(0).toBool(), false);
        QCOMPARE(console.resolveError(), QStringLiteral("This tiebreaker has already ended"));
        QCOMPARE(console.tiebreakerStatus(), QStringLiteral("resolved"));

        // An unknown one.
        TiebreakerBidsModel missing;
        missing.setClient(&admin);
        missing.setTiebreakerId(QStringLiteral("TB9999"));
        QSignalSpy missingAnswered(&missing, &TiebreakerBidsModel::resolveAnswered);
        QVERIFY(missing.resolveNow());
        QVERIFY(missingAnswered.wait(timeoutMs));
        QCOMPARE(missing.resolveError(), QStringLiteral("This tiebreaker no longer exists"));
    }
};

QTEST_MAIN(TestConsoleModels)
#include "tst_console_models.moc"

// RoundsModel and RoundPlayersModel against the real leaguedesk-server (protocol 1.1): a manager
// places, replaces and withdraws sealed bids inline, refusals come back in words, a second
// dashboard of the same team follows live, "committed" sums the open bids, and an admin's
// finalize moves the round to the finalized ones without a refresh.
#include "support/RestCall.h"
#include "support/ServerProcess.h"

#include <models/CatalogueModel.h>
#include <models/RoundPlayersModel.h>
#include <models/RoundsModel.h>
#include <sync/SyncClient.h>

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>

namespace {
constexpr int timeoutMs = 15000;
const QString team1 = QStringLiteral("SSPSLT0001");
const QString round5 = QStringLiteral("R0005"); // MID, real money, open; no bids from team 1

int rowOf(const QAbstractItemModel &model, int role, const QVariant &value)
{
    for (int i = 0; i < model.rowCount(); ++i) {
        if (model.data(model.index(i, 0), role) == value)
            return i;
    }
    return -1;
}

QVariant valueAt(const QAbstractItemModel &model, const QString &player, int role)
{
    const int row = rowOf(model, RoundPlayersModel::PlayerIdRole, player);
    return row < 0 ? QVariant() : model.data(model.index(row, 0), role);
}
} // namespace

class TestRoundsModels : public QObject
{
    Q_OBJECT

private:
    ServerProcess m_server;

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_server.start(), qPrintable(m_server.errorString())); }

    void managerBidsInline()
    {
        SyncClient client(m_server.baseUrl(), m_server.managerToken(team1));
        SyncClient otherDashboard(m_server.baseUrl(), m_server.managerToken(team1));
        RoundsModel rounds;
        QAbstractItemModelTester roundsTester(&rounds, QAbstractItemModelTester::FailureReportingMode::QtTest);
        rounds.setClient(&client);
        RoundPlayersModel players;
        QAbstractItemModelTester playersTester(&players, QAbstractItemModelTester::FailureReportingMode::QtTest);
        players.setClient(&client);
        players.setRoundId(round5);
        RoundPlayersModel mirror; // the same round on another dashboard of the team
        mirror.setClient(&otherDashboard);
        mirror.setRoundId(round5);
        client.start();
        otherDashboard.start();

        QTRY_VERIFY_WITH_TIMEOUT(rounds.isAvailable() && rounds.hasData(), timeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(rounds.openCount(), 2, timeoutMs); // R0004 and R0005
        QTRY_VERIFY_WITH_TIMEOUT(players.hasData() && mirror.hasData(), timeoutMs);
        QCOMPARE(players.count(), 6);
        QCOMPARE(players.currencyType(), QStringLiteral("real"));
        const QString p = QStringLiteral("P0093");
        QVERIFY(!valueAt(players, p, RoundPlayersModel::NameRole).toString().isEmpty());
        QVERIFY(valueAt(players, p, RoundPlayersModel::NameRole).toString() != p); // a name, not the id
        QCOMPARE(valueAt(players, p, RoundPlayersModel::OwnBidRole).toDouble(), -1.0);
        // R0004 holds the demo team's earlier sealed bids (football): 12000 + 7000 + 3500 + 2000.
        QTRY_COMPARE_WITH_TIMEOUT(rounds.committedIn(QStringLiteral("football")), 24500.0, timeoutMs);

        // Place: one request at a time per player.
        QSignalSpy answered(&players, &RoundPlayersModel::bidAnswered);
        QVERIFY(players.placeBid(p, 40));
        QVERIFY(!players.placeBid(p, 41)); // still on its way
        QVERIFY(!players.placeBid(QStringLiteral("P0094"), 2.5)); // not whole units
        QCOMPARE(valueAt(players, p, RoundPlayersModel::SendingRole).toBool(), true);
        QVERIFY(answered.wait(timeoutMs));
        QCOMPARE(answered.first().at(1).toBool(), true);
        QTRY_COMPARE_WITH_TIMEOUT(valueAt(players, p, RoundPlayersModel::OwnBidRole).toDouble(), 40.0, timeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(valueAt(mirror, p, RoundPlayersModel::OwnBidRole).toDouble(), 40.0, timeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(rounds.committedIn(QStringLiteral("real")), 40.0, timeoutMs);

        // Replace, then a refusal in words (more than the balance), which changes nothing.
        QVERIFY(players.placeBid(p, 55));
        QTRY_COMPARE_WITH_TIMEOUT(valueAt(mirror, p, RoundPlayersModel::OwnBidRole).toDouble(), 55.0, timeoutMs);
        answered.clear();
        QVERIFY(players.placeBid(p, 1000000));
        QVERIFY(answered.wait(timeoutMs));
        QCOMPARE(answered.first().at(1).toBool(), false);
        QVERIFY2(valueAt(players, p, RoundPlayersModel::ErrorTextRole).toString().contains(QLatin1String("Not enough real")),
                 qPrintable(valueAt(players, p, RoundPlayersModel::ErrorTextRole).toString()));
        QCOMPARE(valueAt(players, p, RoundPlayersModel::OwnBidRole).toDouble(), 55.0);

        // Withdraw: gone on both dashboards; withdrawing again says there is nothing to withdraw.
        QVERIFY(players.withdrawBid(p));
        QTRY_COMPARE_WITH_TIMEOUT(valueAt(mirror, p, RoundPlayersModel::OwnBidRole).toDouble(), -1.0, timeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(valueAt(players, p, RoundPlayersModel::OwnBidRole).toDouble(), -1.0, timeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(rounds.committedIn(QStringLiteral("real")), 0.0, timeoutMs);
        answered.clear();
        QVERIFY(players.withdrawBid(p));
        QVERIFY(answered.wait(timeoutMs));
        QCOMPARE(valueAt(players, p, RoundPlayersModel::ErrorTextRole).toString(), QStringLiteral("There is no bid to withdraw"));

        // The admin finalizes R0005: it moves to the finalized rounds, no refresh, and further
        // bids are refused as closed.
        QVERIFY(players.placeBid(QStringLiteral("P0094"), 10));
        QTRY_COMPARE_WITH_TIMEOUT(valueAt(players, QStringLiteral("P0094"), RoundPlayersModel::OwnBidRole).toDouble(), 10.0,
                                  timeoutMs);
        const auto finalized = restCall(m_server.baseUrl(), m_server.adminToken(), "POST",
                                        QStringLiteral("/admin/rounds/%1/finalize").arg(round5));
        QVERIFY(finalized && finalized->status == 200);
        QTRY_COMPARE_WITH_TIMEOUT(rounds.openCount(), 1, timeoutMs);
        const int row = rounds.indexOf(round5);
        QVERIFY(row >= 0);
        QCOMPARE(rounds.data(rounds.index(row, 0), RoundsModel::FinalizedRole).toBool(), true);
        QTRY_VERIFY_WITH_TIMEOUT(players.isFinalized(), timeoutMs);
        answered.clear();
        QVERIFY(players.placeBid(QStringLiteral("P0090"), 10));
        QVERIFY(answered.wait(timeoutMs));
        QCOMPARE(valueAt(players, QStringLiteral("P0090"), RoundPlayersModel::ErrorTextRole).toString(),
                 QStringLiteral("This round has closed"));
    }

    void adminSeesEveryTeamsBids()
    {
        SyncClient admin(m_server.baseUrl(), m_server.adminToken());
        RoundPlayersModel players;
        QAbstractItemModelTester tester(&players, QAbstractItemModelTester::FailureReportingMode::QtTest);
        players.setClient(&admin);
        players.setRoundId(QStringLiteral("R0004"));
        RoundsModel rounds;
        rounds.setClient(&admin);
        admin.start();
        QTRY_VERIFY_WITH_TIMEOUT(players.hasData(), timeoutMs);
        // P0141: SSPSLT0001 and SSPSLT0002; P0146: none. An admin owns no bid and commits nothing.
        QCOMPARE(valueAt(players, QStringLiteral("P0141"), RoundPlayersModel::BidCountRole).toInt(), 2);
        QCOMPARE(valueAt(players, QStringLiteral("P0146"), RoundPlayersModel::BidCountRole).toInt(), 0);
        QCOMPARE(valueAt(players, QStringLiteral("P0141"), RoundPlayersModel::OwnBidRole).toDouble(), -1.0);
        // Who bid what, highest first, as GET /rounds/R0004/bids says.
        const auto answer = restCall(m_server.baseUrl(), m_server.adminToken(), "GET", QStringLiteral("/rounds/R0004/bids"));
        QVERIFY(answer && answer->status == 200);
        QList<QPair<qint64, QString>> expected;
        for (const QJsonValue &bid : jsonOf(*answer).value(QLatin1String("bids")).toArray()) {
            if (bid[QLatin1String("player_id")].toString() == QLatin1String("P0141"))
                expected.append({bid[QLatin1String("amount")].toInteger(), bid[QLatin1String("team_id")].toString()});
        }
        std::sort(expected.begin(), expected.end(), [](const auto &a, const auto &b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
        QCOMPARE(expected.size(), 2);
        const QVariantList shown = valueAt(players, QStringLiteral("P0141"), RoundPlayersModel::TeamBidsRole).toList();
        QCOMPARE(shown.size(), expected.size());
        for (qsizetype i = 0; i < shown.size(); ++i) {
            QCOMPARE(shown.at(i).toMap().value(QStringLiteral("team_id")).toString(), expected.at(i).second);
            QCOMPARE(qint64(shown.at(i).toMap().value(QStringLiteral("amount")).toDouble()), expected.at(i).first);
        }
        QVERIFY(valueAt(players, QStringLiteral("P0146"), RoundPlayersModel::TeamBidsRole).toList().isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(rounds.hasData(), timeoutMs);
        QVERIFY(rounds.committed().isEmpty());
    }

    // The admin console's models: a round of selected available players, a manager's bid in it,
    // finalize with what was acquired, a second finalize refused in words, delete with refunds.
    void adminRunsARound()
    {
        SyncClient admin(m_server.baseUrl(), m_server.adminToken());
        SyncClient manager(m_server.baseUrl(), m_server.managerToken(team1));
        CatalogueModel catalogue;
        QAbstractItemModelTester catalogueTester(&catalogue, QAbstractItemModelTester::FailureReportingMode::QtTest);
        catalogue.setClient(&admin);
        catalogue.setPosition(QStringLiteral("GK"));
        RoundsModel rounds;
        rounds.setClient(&admin);
        admin.start();
        manager.start();
        QTRY_VERIFY_WITH_TIMEOUT(catalogue.hasData() && rounds.hasData(), timeoutMs);
        QCOMPARE(catalogue.count(), 12); // P0009-P0020: the demo sold P0001-P0008
        const QString first = catalogue.data(catalogue.index(0, 0), CatalogueModel::PlayerIdRole).toString();
        const QString second = catalogue.data(catalogue.index(1, 0), CatalogueModel::PlayerIdRole).toString();
        QVERIFY(!catalogue.createRound(QStringLiteral("football"), QDateTime::currentDateTimeUtc().addSecs(3600))); // none selected
        catalogue.setSelected(first, true);
        catalogue.setSelected(second, true);
        catalogue.setSelected(QStringLiteral("P0001"), true); // sold: not in the list, not selectable
        QCOMPARE(catalogue.selectedIds(), (QStringList{first, second}));
        const int openBefore = rounds.openCount();
        QSignalSpy created(&catalogue, &CatalogueModel::roundCreated);
        QVERIFY(catalogue.createRound(QStringLiteral("football"), QDateTime::currentDateTimeUtc().addSecs(3600)));
        QVERIFY(!catalogue.createRound(QStringLiteral("football"), QDateTime::currentDateTimeUtc().addSecs(3600))); // sending
        QVERIFY(created.wait(timeoutMs));
        const QString roundId = created.first().at(0).toString();
        QVERIFY(!roundId.isEmpty());
        QVERIFY(catalogue.selectedIds().isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(catalogue.count(), 10, timeoutMs); // in the round now, not available
        QTRY_COMPARE_WITH_TIMEOUT(rounds.openCount(), openBefore + 1, timeoutMs);

        RoundPlayersModel bidding;
        bidding.setClient(&manager);
        bidding.setRoundId(roundId);
        QTRY_VERIFY_WITH_TIMEOUT(bidding.hasData() && bidding.count() == 2, timeoutMs);
        QVERIFY(bidding.placeBid(first, 100));
        QTRY_COMPARE_WITH_TIMEOUT(valueAt(bidding, first, RoundPlayersModel::OwnBidRole).toDouble(), 100.0, timeoutMs);

        QSignalSpy done(&rounds, &RoundsModel::actionDone);
        QVERIFY(rounds.finalizeRound(roundId));
        QVERIFY(!rounds.deleteRound(roundId)); // one action at a time
        QVERIFY(done.wait(timeoutMs));
        QCOMPARE(rounds.actionText(), QStringLiteral("Round %1 finalized: 1 player(s) acquired").arg(roundId));
        QTRY_VERIFY_WITH_TIMEOUT(rounds.data(rounds.index(rounds.indexOf(roundId), 0), RoundsModel::FinalizedRole).toBool(),
                                 timeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(catalogue.count(), 11, timeoutMs); // the unsold one is available again
        done.clear();
        QVERIFY(rounds.finalizeRound(roundId));
        QVERIFY(done.wait(timeoutMs));
        QCOMPARE(rounds.actionError(), QStringLiteral("Round %1 is already finalized").arg(roundId));
        done.clear();
        QVERIFY(rounds.deleteRound(roundId));
        QVERIFY(done.wait(timeoutMs));
        QVERIFY2(rounds.actionText().contains(QLatin1String("refunded 100 football to")), qPrintable(rounds.actionText()));
        QTRY_COMPARE_WITH_TIMEOUT(rounds.indexOf(roundId), -1, timeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(catalogue.count(), 12, timeoutMs);
    }
};

QTEST_MAIN(TestRoundsModels)
#include "tst_rounds_models.moc"

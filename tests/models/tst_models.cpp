// The dashboard's list models apply each answer with the smallest change: exact insert, remove,
// move and dataChanged signals (with just the changed roles), never a reset; every model runs
// under QAbstractItemModelTester.
#include <models/SquadFilterModel.h>
#include <models/SquadModel.h>
#include <models/TeamListModel.h>
#include <models/TiebreakerBidsModel.h>
#include <models/TiebreakerListModel.h>
#include <models/DeadlineWatch.h>
#include <models/SearchSortModel.h>
#include <models/ToastQueue.h>
#include <models/WalletModel.h>
#include <sync/RestClient.h>

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

#include <memory>

namespace {

// Records every structural and data signal of one model, in order, as short strings.
class ChangeLog : public QObject
{
public:
    explicit ChangeLog(QAbstractItemModel *model)
    {
        connect(model, &QAbstractItemModel::rowsInserted, this,
                [this](const QModelIndex &, int first, int last) { log << QStringLiteral("insert %1-%2").arg(first).arg(last); });
        connect(model, &QAbstractItemModel::rowsRemoved, this,
                [this](const QModelIndex &, int first, int last) { log << QStringLiteral("remove %1-%2").arg(first).arg(last); });
        connect(model, &QAbstractItemModel::rowsMoved, this,
                [this](const QModelIndex &, int first, int, const QModelIndex &, int to) { log << QStringLiteral("move %1>%2").arg(first).arg(to); });
        connect(model, &QAbstractItemModel::dataChanged, this,
                [this, model](const QModelIndex &a, const QModelIndex &b, const QList<int> &roles) {
            QStringList names;
            for (int role : roles)
                names << QString::fromUtf8(model->roleNames().value(role, QByteArrayLiteral("display")));
            names.sort();
            log << QStringLiteral("change %1-%2 %3").arg(a.row()).arg(b.row()).arg(names.join(QLatin1Char(',')));
        });
        connect(model, &QAbstractItemModel::modelReset, this, [this] { log << QStringLiteral("reset"); });
        connect(model, &QAbstractItemModel::layoutChanged, this, [this] { log << QStringLiteral("layout"); });
    }
    QStringList take() { return std::exchange(log, {}); }
    QStringList log;
};

QJsonObject player(const QString &id, const QString &name, const QString &position, qint64 price)
{
    return {{"player_id", id}, {"name", name}, {"position", position}, {"club", "Club " + id}, {"price", price},
            {"currency_type", "football"}, {"round_id", "R0001"}, {"acquired_at", "2026-11-26T14:03:07.412Z"}};
}

QJsonObject squad(qint64 revision, const QJsonArray &players)
{
    return {{"team_id", "SSPSLT0001"}, {"revision", revision}, {"players", players}};
}

QJsonObject tx(const QString &id, const QString &ts, qint64 amount, const QString &kind = "spend",
               const QString &currency = "football")
{
    return {{"id", id}, {"ts", ts}, {"currency_type", currency}, {"amount", amount}, {"kind", kind},
            {"player_id", "P" + id}, {"note", "Won P" + id}};
}

QJsonObject wallet(qint64 revision, qint64 football, qint64 spent, const QJsonArray &transactions)
{
    return {{"team_id", "SSPSLT0001"}, {"revision", revision},
            {"balances", QJsonArray{QJsonObject{{"currency_type", "real"}, {"balance", 1000}, {"spent", 0}},
                                    QJsonObject{{"currency_type", "football"}, {"balance", football}, {"spent", spent}}}},
            {"transactions", transactions}};
}

QJsonObject bid(const QString &team, qint64 amount, const QString &ts)
{
    return {{"team_id", team}, {"team_name", "Team " + team}, {"amount", amount}, {"ts", ts}};
}

QJsonObject tiebreaker(const QString &id, const QString &status, const QJsonValue &highest, const QJsonArray &bids = {},
                       const QString &deadline = "2026-11-26T14:05:00.000Z")
{
    QJsonObject t{{"tiebreaker_id", id}, {"player_id", "P" + id}, {"player_name", "Player " + id},
                  {"round_id", "R0002"}, {"currency_type", "football"}, {"status", status},
                  {"participants", QJsonArray{"A", "B"}}, {"starting_amount", 5000}, {"highest_bid", highest},
                  {"min_increment", 100}, {"deadline", deadline}, {"winner_team_id", QJsonValue::Null}};
    if (!bids.isEmpty())
        t.insert("bids", bids);
    return t;
}

} // namespace

class TestModels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void squadAppliesSmallestChange()
    {
        SquadModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        ChangeLog log(&model);
        QSignalSpy totals(&model, &SquadModel::totalsChanged);

        model.load(squad(1, {player("P1", "Ann", "GK", 100), player("P2", "Bob", "FWD", 200)}));
        QCOMPARE(log.take(), QStringList({"insert 0-0", "insert 1-1"}));
        QCOMPARE(totals.count(), 1);
        QCOMPARE(model.totals().at(0).toMap().value("total").toLongLong(), 300);

        // A player acquired, one removed, one price edited.
        model.load(squad(2, {player("P2", "Bob", "FWD", 250), player("P3", "Cid", "MID", 50)}));
        QCOMPARE(log.take(), QStringList({"remove 0-0", "change 0-0 price", "insert 1-1"}));
        QCOMPARE(model.totals().at(0).toMap().value("total").toLongLong(), 300);
        QCOMPARE(model.totals().at(0).toMap().value("count").toInt(), 2);

        // The same answer again changes nothing.
        model.load(squad(2, {player("P2", "Bob", "FWD", 250), player("P3", "Cid", "MID", 50)}));
        QCOMPARE(log.take(), QStringList());
    }

    void squadFilterGroupsByPosition()
    {
        SquadModel source;
        SquadFilterModel filter;
        filter.setSourceModel(&source);
        QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
        source.load(squad(1, {player("P1", "Zed", "FWD", 1), player("P2", "Amy", "GK", 1), player("P3", "Bea", "FWD", 1)}));
        QCOMPARE(filter.rowCount(), 3);
        QCOMPARE(filter.index(0, 0).data(SquadModel::NameRole).toString(), QStringLiteral("Amy"));
        QCOMPARE(filter.index(1, 0).data(SquadModel::NameRole).toString(), QStringLiteral("Bea"));
        filter.setPosition("FWD");
        QCOMPARE(filter.count(), 2);
        source.load(squad(2, {player("P1", "Zed", "FWD", 1), player("P2", "Amy", "GK", 1)}));
        QCOMPARE(filter.count(), 1);
    }

    // Search and sort (issue 14, "what people expect"): Squad by name or club, sorted by name or
    // price; Transactions by note or currency, sorted by amount; both proxies keep minimal changes.
    void searchAndSort()
    {
        SquadModel squadModel;
        SquadFilterModel squadView;
        QAbstractItemModelTester squadTester(&squadView, QAbstractItemModelTester::FailureReportingMode::QtTest);
        squadView.setSourceModel(&squadModel);
        squadModel.load(squad(1, {player("P1", "Zed", "FWD", 300), player("P2", "Amy", "GK", 100), player("P3", "Bea", "FWD", 200)}));
        const auto names = [](const QAbstractItemModel &m) {
            QStringList out;
            for (int row = 0; row < m.rowCount(); ++row)
                out << m.index(row, 0).data(SquadModel::NameRole).toString();
            return out;
        };
        QCOMPARE(names(squadView), QStringList({"Amy", "Bea", "Zed"})); // by position, then name
        squadView.setSortBy("price");
        QCOMPARE(names(squadView), QStringList({"Zed", "Bea", "Amy"}));
        squadView.setSearch("club p3");
        QCOMPARE(names(squadView), QStringList({"Bea"}));
        squadView.setSearch("e");
        squadView.setSortBy("name");
        QCOMPARE(names(squadView), QStringList({"Bea", "Zed"}));

        WalletModel walletModel;
        SearchSortModel transactions;
        QAbstractItemModelTester txTester(&transactions, QAbstractItemModelTester::FailureReportingMode::QtTest);
        transactions.setSourceModel(&walletModel);
        transactions.setSearchRoles({"note", "currency_type"});
        walletModel.load(wallet(1, 9000, 1000, {tx("3", "2026-11-26T14:02:00.000Z", 50, "spend", "real"),
                                                tx("2", "2026-11-26T14:01:00.000Z", 3000), tx("1", "2026-11-26T14:00:00.000Z", 1000)}));
        const auto ids = [&] {
            QStringList out;
            for (int row = 0; row < transactions.rowCount(); ++row)
                out << transactions.index(row, 0).data(WalletModel::IdRole).toString();
            return out;
        };
        QCOMPARE(ids(), QStringList({"3", "2", "1"})); // the source's order: newest first
        transactions.setSortRoleName("amount");
        transactions.setDescending(true);
        QCOMPARE(ids(), QStringList({"2", "1", "3"}));
        transactions.setSearchText("REAL");
        QCOMPARE(ids(), QStringList({"3"}));
        QCOMPARE(transactions.count(), 1);
        QCOMPARE(transactions.sourceRow(0), 0);
        transactions.setSearchText("");
        transactions.setSortRoleName("");
        QCOMPARE(ids(), QStringList({"3", "2", "1"}));
        QCOMPARE(transactions.rowOfSource(2), 2);
    }

    void walletTransactionsAndBalances()
    {
        WalletModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester balanceTester(model.balances(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        ChangeLog log(&model);
        ChangeLog balanceLog(model.balances());
        QSignalSpy history(&model, &WalletModel::historyChanged);

        model.load(wallet(1, 9000, 1000, {tx("1", "2026-11-26T14:00:00.000Z", 1000)}));
        QCOMPARE(log.take(), QStringList({"insert 0-0"}));
        QCOMPARE(balanceLog.take(), QStringList({"insert 0-0", "insert 1-1"}));
        QCOMPARE(model.balances()->index(0).data(WalletBalanceModel::CurrencyTypeRole).toString(), QStringLiteral("football"));
        QCOMPARE(model.balanceOf("football"), 9000);
        QCOMPARE(history.count(), 1);

        // A new spend arrives on top; only football's balance and spent change.
        model.load(wallet(2, 6000, 4000, {tx("2", "2026-11-26T14:01:00.000Z", 3000), tx("1", "2026-11-26T14:00:00.000Z", 1000)}));
        QCOMPARE(log.take(), QStringList({"insert 0-0"}));
        QCOMPARE(balanceLog.take(), QStringList({"change 0-0 balance,spent"}));
        QCOMPARE(history.count(), 2);

        // Balance over time, rebuilt backwards: 10000 -> 9000 -> 6000.
        const QVariantMap football = model.history().at(0).toMap();
        QCOMPARE(football.value("currency_type").toString(), QStringLiteral("football"));
        QList<qint64> values;
        for (const QVariant &point : football.value("points").toList())
            values << point.toMap().value("v").toLongLong();
        QCOMPARE(values, QList<qint64>({10000, 9000, 9000, 6000}));
        QCOMPARE(football.value("max").toLongLong(), 10000);

        // A refund (round deleted) removes nothing and inserts the refund on top.
        model.load(wallet(3, 9000, 1000, {tx("3", "2026-11-26T14:02:00.000Z", 3000, "refund"),
                                          tx("2", "2026-11-26T14:01:00.000Z", 3000), tx("1", "2026-11-26T14:00:00.000Z", 1000)}));
        QCOMPARE(log.take(), QStringList({"insert 0-0"}));
        QCOMPARE(balanceLog.take(), QStringList({"change 0-0 balance,spent"}));
        QCOMPARE(model.data(model.index(0), WalletModel::KindRole).toString(), QStringLiteral("refund"));

        // The 200-transaction window drops the oldest: one removal at the end.
        model.load(wallet(3, 9000, 1000, {tx("3", "2026-11-26T14:02:00.000Z", 3000, "refund"),
                                          tx("2", "2026-11-26T14:01:00.000Z", 3000)}));
        QCOMPARE(log.take(), QStringList({"remove 2-2"}));
        QCOMPARE(balanceLog.take(), QStringList());
    }

    // Answers that do not parse (the query cache refuses them; load() guards itself too) change
    // nothing and say why in the log.
    void malformedAnswersChangeNothing()
    {
        WalletModel walletModel;
        walletModel.load(wallet(1, 9000, 1000, {tx("1", "2026-11-26T14:00:00.000Z", 1000)}));
        ChangeLog walletLog(&walletModel);
        ChangeLog balanceLog(walletModel.balances());
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression("wallet answer does not parse: .*transactions\\[0\\]: unknown kind"));
        walletModel.load(wallet(2, 8000, 2000, {tx("2", "2026-11-26T14:01:00.000Z", 1000, "gift")}));
        QCOMPARE(walletLog.take(), QStringList());
        QCOMPARE(balanceLog.take(), QStringList());
        QCOMPARE(walletModel.revision(), 1);

        TiebreakerListModel list;
        list.load({{"tiebreakers", QJsonArray{tiebreaker("TB1", "active", QJsonValue::Null)}}});
        QCOMPARE(list.count(), 1);
        QJsonObject broken = tiebreaker("TB2", "active", QJsonValue::Null);
        broken.remove("deadline");
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression("tiebreaker list does not parse: .*tiebreakers\\[1\\].*deadline"));
        list.load({{"tiebreakers", QJsonArray{tiebreaker("TB1", "active", QJsonValue::Null), broken}}});
        QCOMPARE(list.count(), 1);

        TiebreakerBidsModel bids;
        bids.load(tiebreaker("TB1", "active", QJsonValue::Null, {bid("B", 5000, "2026-11-26T14:02:00.000Z")}));
        QCOMPARE(bids.count(), 1);
        QCOMPARE(bids.tiebreakerStatus(), QStringLiteral("active"));
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression("tiebreaker answer does not parse: .*bids\\[0\\]"));
        bids.load(tiebreaker("TB1", "resolved", QJsonValue::Null, {bid("B", 5000, "yesterday")}));
        QCOMPARE(bids.count(), 1);
        QCOMPARE(bids.tiebreakerStatus(), QStringLiteral("active"));
        TiebreakerBidsModel empty;
        QCOMPARE(empty.tiebreakerStatus(), QString()); // nothing known yet
    }

    void tiebreakerListUpdatesInPlace()
    {
        TiebreakerListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        ChangeLog log(&model);
        model.load({{"tiebreakers", QJsonArray{tiebreaker("TB2", "active", QJsonValue::Null),
                                               tiebreaker("TB1", "active", QJsonValue::Null)}}});
        QCOMPARE(log.take(), QStringList({"insert 0-0", "insert 1-1"}));
        QCOMPARE(model.data(model.index(0), TiebreakerListModel::TiebreakerIdRole).toString(), QStringLiteral("TB1"));
        QCOMPARE(model.data(model.index(0), TiebreakerListModel::MinimumNextBidRole).toLongLong(), 5000);
        QCOMPARE(model.data(model.index(0), TiebreakerListModel::HighestBidAmountRole).toLongLong(), -1);

        // A bid on TB2: exactly its highest bid roles and the minimum change.
        model.load({{"tiebreakers", QJsonArray{tiebreaker("TB1", "active", QJsonValue::Null),
                                               tiebreaker("TB2", "active", bid("B", 5200, "2026-11-26T14:03:00.000Z"))}}});
        QCOMPARE(log.take(), QStringList({"change 1-1 highest_bid_amount,highest_bid_team_id,highest_bid_team_name,highest_bid_ts,minimum_next_bid"}));
        QCOMPARE(model.data(model.index(1), TiebreakerListModel::MinimumNextBidRole).toLongLong(), 5300);

        // TB1 resolved: it leaves the active list.
        QJsonObject resolved = tiebreaker("TB1", "resolved", bid("A", 5000, "2026-11-26T14:02:00.000Z"));
        resolved.insert("winner_team_id", "A");
        model.load({{"tiebreakers", QJsonArray{resolved, tiebreaker("TB2", "active", bid("B", 5200, "2026-11-26T14:03:00.000Z"))}}});
        QCOMPARE(log.take(), QStringList({"remove 0-0"}));

        // The closed list shows it, with its winner.
        TiebreakerListModel closed;
        QAbstractItemModelTester closedTester(&closed, QAbstractItemModelTester::FailureReportingMode::QtTest);
        closed.setStatus("closed");
        closed.load({{"tiebreakers", QJsonArray{resolved, tiebreaker("TB2", "active", QJsonValue::Null)}}});
        QCOMPARE(closed.count(), 1);
        QCOMPARE(closed.data(closed.index(0), TiebreakerListModel::WinnerTeamNameRole).toString(), QStringLiteral("Team A"));

        // Filtering by participant.
        model.setParticipant("C");
        QCOMPARE(model.count(), 0);
        QCOMPARE(log.take(), QStringList({"remove 0-0"}));
    }

    void tiebreakerBidsNewestFirst()
    {
        TiebreakerBidsModel model;
        model.setTeamId("A");
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        ChangeLog log(&model);
        QSignalSpy details(&model, &TiebreakerBidsModel::detailsChanged);
        const QJsonObject b1 = bid("A", 5000, "2026-11-26T14:01:00.000Z");
        const QJsonObject b2 = bid("B", 5100, "2026-11-26T14:02:00.000Z");
        model.load(tiebreaker("TB1", "active", b1, {b1}));
        QCOMPARE(log.take(), QStringList({"insert 0-0"}));
        QCOMPARE(model.myLastBid(), 5000);
        QCOMPARE(model.minimumNextBid(), 5100);
        QCOMPARE(model.data(model.index(0), TiebreakerBidsModel::IsHighestRole).toBool(), true);
        QCOMPARE(model.data(model.index(0), TiebreakerBidsModel::IsOwnRole).toBool(), true);

        // B outbids: one insert on top, and the highest mark moves off the old row.
        model.load(tiebreaker("TB1", "active", b2, {b1, b2}));
        QCOMPARE(log.take(), QStringList({"insert 0-0", "change 1-1 is_highest"}));
        QCOMPARE(model.highestBidTeamName(), QStringLiteral("Team B"));
        QCOMPARE(model.minimumNextBid(), 5200);
        QCOMPARE(model.myLastBid(), 5000);
        QCOMPARE(details.count(), 2);

        // Resolved: the winner is named.
        QJsonObject resolved = tiebreaker("TB1", "resolved", b2, {b1, b2});
        resolved.insert("winner_team_id", "B");
        model.load(resolved);
        QCOMPARE(log.take(), QStringList());
        QCOMPARE(model.winnerTeamName(), QStringLiteral("Team B"));
        QCOMPARE(model.tiebreakerStatus(), QStringLiteral("resolved"));
    }

    // Issue 14.4: the highest bidder could not pay, so a lower bid won. The price is the 1.1
    // winning_amount when sent, else (1.0 server) the winner's own highest bid; the outcome says
    // why the highest bid lost, and every view reads the same price.
    void winnerWhenTheHighestBidLost()
    {
        const QJsonObject a1 = bid("A", 2200, "2026-11-26T14:01:00.000Z");
        const QJsonObject b1 = bid("B", 2600, "2026-11-26T14:02:00.000Z");
        QJsonObject resolved = tiebreaker("TB1", "resolved", b1, {a1, b1});
        resolved.insert("winner_team_id", "A");

        TiebreakerBidsModel details; // the 1.0 server: no winning_amount
        details.setTeamId("B");
        details.load(resolved);
        QCOMPARE(details.highestBidLost(), true);
        QCOMPARE(qint64(details.winningAmount()), 2200);
        QCOMPARE(details.winnerTeamName(), QStringLiteral("Team A"));
        const QString outcome = details.outcome();
        QVERIFY2(outcome.startsWith(QStringLiteral("Won by Team A for %1 football").arg(QLocale().toString(2200))), qPrintable(outcome));
        QVERIFY2(outcome.contains(QStringLiteral("Your highest bid of %1 football lost").arg(QLocale().toString(2600))), qPrintable(outcome));

        resolved.insert("winning_amount", 2300); // 1.1: the server says what was paid
        details.load(resolved);
        QCOMPARE(qint64(details.winningAmount()), 2300);
        details.setTeamId("A");
        QVERIFY2(details.outcome().startsWith(QStringLiteral("You won Player TB1 for %1 football").arg(QLocale().toString(2300))),
                 qPrintable(details.outcome()));
        QVERIFY2(details.outcome().contains(QStringLiteral("by Team B, lost")), qPrintable(details.outcome()));

        // The lists carry no bids: the price is winning_amount, or unknown (never the highest bid).
        TiebreakerListModel closed;
        QAbstractItemModelTester tester(&closed, QAbstractItemModelTester::FailureReportingMode::QtTest);
        closed.setStatus("closed");
        QJsonObject listed = resolved;
        listed.remove("bids");
        listed.remove("winning_amount");
        closed.load({{"tiebreakers", QJsonArray{listed}}});
        QCOMPARE(closed.data(closed.index(0), TiebreakerListModel::WinningAmountRole).toLongLong(), -1);
        QCOMPARE(closed.data(closed.index(0), TiebreakerListModel::HighestBidLostRole).toBool(), true);
        listed.insert("winning_amount", 2300);
        closed.load({{"tiebreakers", QJsonArray{listed}}});
        QCOMPARE(closed.data(closed.index(0), TiebreakerListModel::WinningAmountRole).toLongLong(), 2300);
    }

    // A tiebreaker of the team's enters its last 30 s: one toast, at that moment, with the offer
    // of the next minimum when another team leads.
    void lastSecondsAlert()
    {
        const QDateTime t0 = QDateTime::fromString("2026-11-26T14:00:00.000Z", Qt::ISODateWithMs);
        QDateTime now = t0;
        ToastQueue toasts;
        toasts.setOwnTeamId("A");
        toasts.setTimeout(60000);
        DeadlineWatch *watch = toasts.deadlineWatch();
        watch->setClock([&now] { return now; });
        const auto parse = [](const QJsonObject &json) { return Protocol::parseTiebreaker(json).value(); };
        const QList<Protocol::Tiebreaker> active{parse(tiebreaker("TB1", "active", bid("B", 5000, "2026-11-26T13:59:00.000Z"), {}, "2026-11-26T14:01:00.000Z")),
                                       parse([] { QJsonObject other = tiebreaker("TB2", "active", QJsonValue::Null, {}, "2026-11-26T14:00:40.000Z");
                                                  other.insert("participants", QJsonArray{"B", "C"}); return other; }())};
        watch->watch(active);
        QCOMPARE(toasts.count(), 0);   // TB1 has 60 s left; TB2 is not this team's
        QVERIFY(watch->isTimerActive()); // set for TB1's last 30 s
        now = t0.addSecs(31);
        watch->check();
        QCOMPARE(toasts.count(), 1);
        const QString text = toasts.data(toasts.index(0), ToastQueue::TextRole).toString();
        QVERIFY2(text.startsWith("Last 30 s on Player TB1: Team B leads with"), qPrintable(text));
        QCOMPARE(toasts.data(toasts.index(0), ToastQueue::BidAmountRole).toLongLong(), 5100);
        watch->watch(active); // a refetch: still once
        now = t0.addSecs(45);
        watch->check();
        QCOMPARE(toasts.count(), 1);
        QVERIFY(!watch->isTimerActive());
    }

    void bidErrorsInWords()
    {
        TiebreakerBidsModel model;
        model.load(tiebreaker("TB1", "active", bid("B", 15400, "2026-11-26T14:02:00.000Z"), {bid("B", 15400, "2026-11-26T14:02:00.000Z")}));
        QSignalSpy state(&model, &TiebreakerBidsModel::bidStateChanged);

        RestResult tooLow;
        tooLow.status = 409;
        tooLow.errorCode = "bid_too_low";
        model.handleBidAnswer(15000, tooLow);
        QCOMPARE(model.bidErrorCode(), QStringLiteral("bid_too_low"));
        QVERIFY2(model.bidErrorText().contains(QLocale().toString(15500)), qPrintable(model.bidErrorText()));
        QCOMPARE(state.count(), 1);

        RestResult funds;
        funds.status = 422;
        funds.errorCode = "insufficient_funds";
        model.handleBidAnswer(99999, funds);
        QVERIFY(model.bidErrorText().contains("football"));

        RestResult closed;
        closed.status = 409;
        closed.errorCode = "tiebreaker_closed";
        model.handleBidAnswer(16000, closed);
        QVERIFY(model.bidErrorText().contains("closed"));

        RestResult ok;
        ok.status = 201;
        ok.body = QJsonDocument(QJsonObject{{"bid", bid("A", 15500, "2026-11-26T14:03:00.000Z")}}).toJson();
        model.handleBidAnswer(15500, ok);
        QCOMPARE(model.bidErrorCode(), QString());
        QVERIFY(model.confirmation().contains(QLocale().toString(15500)));
    }

    void teamsKeyedById()
    {
        TeamListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        ChangeLog log(&model);
        auto team = [](const QString &id, const QString &name) { return QJsonObject{{"team_id", id}, {"name", name}, {"manager", "M"}}; };
        model.load({{"teams", QJsonArray{team("T1", "Blue"), team("T2", "Red")}}});
        QCOMPARE(log.take(), QStringList({"insert 0-0", "insert 1-1"}));
        QCOMPARE(model.nameOf("T2"), QStringLiteral("Red"));
        QCOMPARE(model.property("names").toMap().value("T2").toString(), QStringLiteral("Red"));
        QSignalSpy renamed(&model, &TeamListModel::namesChanged);
        model.load({{"teams", QJsonArray{team("T1", "Navy"), team("T2", "Red")}}});
        QCOMPARE(log.take(), QStringList({"change 0-0 display,name"}));
        // QML bindings read `names` and follow its NOTIFY: a rename reaches every label.
        QCOMPARE(renamed.count(), 1);
        QCOMPARE(model.property("names").toMap().value("T1").toString(), QStringLiteral("Navy"));
        model.load({{"teams", QJsonArray{team("T1", "Navy"), team("T2", "Red")}}});
        QCOMPARE(renamed.count(), 1); // nothing changed, nothing re-evaluated
    }
};

QTEST_GUILESS_MAIN(TestModels)
#include "tst_models.moc"

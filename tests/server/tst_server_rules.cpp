// Domain rules of LeagueService, driven directly (no HTTP) on a temporary SQLite database with a
// ManualClock: tiebreaker bids, deadline extension, resolution by timer and by admin, three-way
// ties, round deletion with refunds, and overdue tiebreakers after a restart.

#include "Clock.h"
#include "Database.h"
#include "DemoSeeder.h"
#include "EventBus.h"
#include "EventHistory.h"
#include "LeagueService.h"
#include "Simulator.h"
#include "TiebreakerTimer.h"

#include <protocol/ErrorCode.h>
#include <protocol/Timestamp.h>

#include <QFile>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using Protocol::ErrorCode;

namespace {
const QString kTeam1 = QStringLiteral("SSPSLT0001");
const QString kTeam2 = QStringLiteral("SSPSLT0002");
const QString kTeam3 = QStringLiteral("SSPSLT0003");
const QString kDemoTiebreaker = QStringLiteral("TB0001"); // SSPSLT0001 vs SSPSLT0002, real, starting 60

// ManualClock's interface, plus an optional step on every read: with a step, a rule that reads
// the clock twice for one change cannot hide it.
class TestClock final : public Clock
{
public:
    QDateTime now() const override { return std::exchange(m_now, m_now.addMSecs(m_stepMs)); }
    void set(const QDateTime &time) { m_now = time.toUTC(); }
    void advanceMs(qint64 ms) { m_now = m_now.addMSecs(ms); }
    void setStepMs(qint64 ms) { m_stepMs = ms; }

private:
    mutable QDateTime m_now = QDateTime::currentDateTimeUtc();
    qint64 m_stepMs = 0;
};
} // namespace

class tst_ServerRules : public QObject
{
    Q_OBJECT

    // One league: database, history, bus that records, clock, service, timer.
    struct League
    {
        Database db;
        std::unique_ptr<EventHistory> history;
        InProcessEventBus bus;
        QList<LiveEvent> events;
        TestClock clock;
        std::unique_ptr<LeagueService> service;
        std::unique_ptr<TiebreakerTimer> timer;

        bool open(const QString &path, bool seed)
        {
            if (!db.open(QStringLiteral("sqlite:") + path))
                return false;
            history = std::make_unique<EventHistory>(db);
            bus.subscribe([this](const LiveEvent &e) { events.append(e); });
            service = std::make_unique<LeagueService>(db, *history, bus, LeagueService::Settings{}, clock);
            timer = std::make_unique<TiebreakerTimer>(*service, clock);
            service->setDeadlinesChanged([this] { timer->scheduleSoon(); });
            return !seed || DemoSeeder(db, *service).seed();
        }
        qint64 balance(const QString &team, const QString &currency)
        {
            QSqlQuery q = db.exec(QStringLiteral("SELECT balance FROM wallets WHERE team_id = ? AND currency_type = ?"),
                                  {team, currency});
            return q.next() ? q.value(0).toLongLong() : -1;
        }
        QString status(const QString &tiebreaker)
        {
            return Protocol::tiebreakerStatusName(service->reader().tiebreaker(tiebreaker, false)->status);
        }
        QDateTime deadline(const QString &tiebreaker)
        {
            return Protocol::parseTimestamp(service->reader().tiebreaker(tiebreaker, false)->deadline);
        }
        QString owner(const QString &player)
        {
            QSqlQuery q = db.exec(QStringLiteral("SELECT team_id FROM squad_players WHERE player_id = ?"), {player});
            return q.next() ? q.value(0).toString() : QString();
        }
        LiveEvent lastOf(const QString &type) const
        {
            for (qsizetype i = events.size() - 1; i >= 0; --i) {
                if (events.at(i).type == type)
                    return events.at(i);
            }
            return {};
        }
        QStringList channelsOf(const QString &type)
        {
            QStringList channels;
            for (const LiveEvent &e : std::as_const(events)) {
                if (e.type == type)
                    channels.append(e.channel);
            }
            channels.sort();
            return channels;
        }
        void checkMoney()
        {
            QSqlQuery q = db.exec(QStringLiteral("SELECT COUNT(*) FROM wallets WHERE balance + spent <> initial_budget "
                                                 "OR balance < 0"));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toInt(), 0);
        }
    };

    QTemporaryDir m_dir;
    int m_counter = 0;

    std::unique_ptr<League> league(bool seed = true)
    {
        auto l = std::make_unique<League>();
        if (!l->open(m_dir.filePath(QStringLiteral("league%1.db").arg(++m_counter)), seed))
            return nullptr;
        return l;
    }

private Q_SLOTS:
    void bidRules()
    {
        auto l = league();
        QVERIFY(l);
        LeagueService &s = *l->service;
        QCOMPARE(s.placeTiebreakerBid(kTeam1, kDemoTiebreaker, 59).error().code, ErrorCode::BidTooLow);
        QCOMPARE(s.placeTiebreakerBid(kTeam3, kDemoTiebreaker, 100).error().code, ErrorCode::Forbidden);
        QCOMPARE(s.placeTiebreakerBid(kTeam1, QStringLiteral("TB9999"), 100).error().code, ErrorCode::Forbidden);
        QCOMPARE(s.placeTiebreakerBid(kTeam1, kDemoTiebreaker, 0).error().code, ErrorCode::BadRequest);
        const auto first = s.placeTiebreakerBid(kTeam1, kDemoTiebreaker, 60);
        QVERIFY(first.isOk());
        QCOMPARE(first.value().body[QLatin1String("tiebreaker")][QLatin1String("highest_bid")][QLatin1String("amount")]
                     .toInteger(), 60);
        // Next bid: at least highest + min_increment (100).
        QCOMPARE(s.placeTiebreakerBid(kTeam2, kDemoTiebreaker, 159).error().code, ErrorCode::BidTooLow);
        // Never above the balance (team 2 has 1000 - 70 real).
        QCOMPARE(s.placeTiebreakerBid(kTeam2, kDemoTiebreaker, 931).error().code, ErrorCode::InsufficientFunds);
        QVERIFY(s.placeTiebreakerBid(kTeam2, kDemoTiebreaker, 160).isOk());
        // A team may raise its own highest bid.
        QVERIFY(s.placeTiebreakerBid(kTeam2, kDemoTiebreaker, 260).isOk());
        // Events: tiebreaker_bid to tiebreaker:{id} and tiebreakers, with the bid's ts.
        const QStringList channels = l->channelsOf(QStringLiteral("tiebreaker_bid"));
        QCOMPARE(channels.count(QStringLiteral("tiebreaker:TB0001")), 3);
        QCOMPARE(channels.count(QStringLiteral("tiebreakers")), 3);
        QCOMPARE(l->events.last().data.value(QLatin1String("bid_amount")).toInteger(), 260);
        // Bids reserve no money.
        QCOMPARE(l->balance(kTeam2, QStringLiteral("real")), 930);
        l->checkMoney();
    }

    // A tiebreaker_bid event's envelope ts is the bid's ts, whatever time passes during the
    // request (issue 12: it came out 1 ms later when the clock was read twice).
    void bidEventTimeIsTheBidTime()
    {
        auto l = league();
        QVERIFY(l);
        l->clock.setStepMs(1);
        const qsizetype before = l->events.size();
        const auto placed = l->service->placeTiebreakerBid(kTeam1, kDemoTiebreaker, 60);
        QVERIFY(placed.isOk());
        const QString ts = placed.value().body[QLatin1String("bid")][QLatin1String("ts")].toString();
        QVERIFY(!ts.isEmpty());
        QCOMPARE(l->events.size(), before + 2);
        for (qsizetype i = before; i < l->events.size(); ++i) {
            QCOMPARE(l->events.at(i).type, QStringLiteral("tiebreaker_bid"));
            QCOMPARE(l->events.at(i).ts, ts);
            QCOMPARE(l->events.at(i).data.value(QLatin1String("ts")).toString(), ts);
        }
    }

    void deadlineExtension()
    {
        auto l = league();
        QVERIFY(l);
        LeagueService &s = *l->service;
        const QDateTime deadline = l->deadline(kDemoTiebreaker);
        // 60 s before the deadline: no change.
        l->clock.set(deadline.addSecs(-60));
        QVERIFY(s.placeTiebreakerBid(kTeam1, kDemoTiebreaker, 60).isOk());
        QCOMPARE(l->deadline(kDemoTiebreaker), deadline);
        // 10 s before: the deadline moves to 30 s after the bid.
        l->clock.set(deadline.addSecs(-10));
        const auto late = s.placeTiebreakerBid(kTeam2, kDemoTiebreaker, 160);
        QVERIFY(late.isOk());
        QCOMPARE(l->deadline(kDemoTiebreaker), deadline.addSecs(20));
        QCOMPARE(l->events.last().data.value(QLatin1String("deadline")).toString(),
                 Protocol::formatTimestamp(deadline.addSecs(20)));
        // At the (new) deadline: closed.
        l->clock.set(deadline.addSecs(20));
        QCOMPARE(s.placeTiebreakerBid(kTeam1, kDemoTiebreaker, 300).error().code, ErrorCode::TiebreakerClosed);
    }

    void timerResolvesAtDeadline()
    {
        auto l = league();
        QVERIFY(l);
        LeagueService &s = *l->service;
        QVERIFY(s.placeTiebreakerBid(kTeam1, kDemoTiebreaker, 60).isOk());
        QVERIFY(s.placeTiebreakerBid(kTeam2, kDemoTiebreaker, 200).isOk());
        l->events.clear();
        const QDateTime deadline = l->deadline(kDemoTiebreaker);
        // Before the deadline the timer does nothing.
        l->clock.set(deadline.addMSecs(-1));
        l->timer->check();
        QCOMPARE(l->status(kDemoTiebreaker), QStringLiteral("active"));
        QVERIFY(l->timer->isArmed());
        // At the deadline it resolves: highest bidder wins at its amount.
        l->clock.set(deadline);
        QSignalSpy resolved(l->timer.get(), &TiebreakerTimer::resolved);
        l->timer->scheduleSoon();
        QVERIFY(resolved.wait(5000));
        QCOMPARE(l->status(kDemoTiebreaker), QStringLiteral("resolved"));
        QCOMPARE(l->owner(QStringLiteral("P0021")), kTeam2);
        QCOMPARE(l->balance(kTeam2, QStringLiteral("real")), 930 - 200);
        QCOMPARE(l->channelsOf(QStringLiteral("tiebreaker_resolved")),
                 (QStringList{QStringLiteral("team:SSPSLT0001"), QStringLiteral("team:SSPSLT0002"),
                              QStringLiteral("tiebreaker:TB0001"), QStringLiteral("tiebreakers")}));
        QCOMPARE(l->channelsOf(QStringLiteral("squad_update")), QStringList{QStringLiteral("team:SSPSLT0002")});
        const LiveEvent last = l->lastOf(QStringLiteral("tiebreaker_resolved"));
        QCOMPARE(last.data.value(QLatin1String("winner_team_id")).toString(), kTeam2);
        QCOMPARE(last.data.value(QLatin1String("amount")).toInteger(), 200);
        // Resolving again: closed. No active tiebreaker left: the timer is idle.
        QCOMPARE(s.resolveTiebreaker(kDemoTiebreaker).error().code, ErrorCode::TiebreakerClosed);
        QVERIFY(!l->timer->isArmed());
        l->checkMoney();
    }

    void unaffordableHighestBidLoses()
    {
        auto l = league();
        QVERIFY(l);
        LeagueService &s = *l->service;
        QVERIFY(s.placeTiebreakerBid(kTeam2, kDemoTiebreaker, 800).isOk());
        QVERIFY(s.placeTiebreakerBid(kTeam1, kDemoTiebreaker, 900).isOk());
        // Team 1 spends real money elsewhere, so it can no longer pay 900.
        const auto round = s.createRound(QStringLiteral("DEF"), QStringLiteral("real"), {QStringLiteral("P0030")},
                                         l->clock.now().addSecs(3600));
        QVERIFY(round.isOk());
        const QString roundId = round.value().body[QLatin1String("round")][QLatin1String("round_id")].toString();
        QVERIFY(s.placeBid(kTeam1, roundId, QStringLiteral("P0030"), 500).isOk());
        QVERIFY(s.finalizeRound(roundId).isOk());
        QCOMPARE(l->balance(kTeam1, QStringLiteral("real")), 1000 - 500); // team 1 won no real player (TB0001 tie)
        const auto resolved = s.resolveTiebreaker(kDemoTiebreaker);
        QVERIFY(resolved.isOk());
        QCOMPARE(resolved.value().body[QLatin1String("tiebreaker")][QLatin1String("winner_team_id")].toString(), kTeam2);
        QCOMPARE(l->owner(QStringLiteral("P0021")), kTeam2);
        QCOMPARE(l->balance(kTeam2, QStringLiteral("real")), 930 - 800);
        l->checkMoney();
    }

    void noBidsCancels()
    {
        auto l = league();
        QVERIFY(l);
        const auto resolved = l->service->resolveTiebreaker(kDemoTiebreaker);
        QVERIFY(resolved.isOk());
        QCOMPARE(l->status(kDemoTiebreaker), QStringLiteral("cancelled"));
        QVERIFY(l->owner(QStringLiteral("P0021")).isEmpty());
        QVERIFY(l->lastOf(QStringLiteral("tiebreaker_resolved")).data.value(QLatin1String("winner_team_id")).isNull());
        QCOMPARE(l->lastOf(QStringLiteral("tiebreaker_resolved")).data.value(QLatin1String("status")).toString(),
                 QStringLiteral("cancelled"));
        // The player is available again.
        QVERIFY(l->service->createRound(QStringLiteral("DEF"), QStringLiteral("real"), {QStringLiteral("P0021")},
                                        l->clock.now().addSecs(60)).isOk());
    }

    void threeWayTie()
    {
        auto l = league();
        QVERIFY(l);
        LeagueService &s = *l->service;
        const auto round = s.createRound(QStringLiteral("MID"), QStringLiteral("football"), {QStringLiteral("P0100")},
                                         l->clock.now().addSecs(3600));
        QVERIFY(round.isOk());
        const QString roundId = round.value().body[QLatin1String("round")][QLatin1String("round_id")].toString();
        QVERIFY(s.placeBid(kTeam3, roundId, QStringLiteral("P0100"), 3000).isOk());
        QVERIFY(s.placeBid(kTeam1, roundId, QStringLiteral("P0100"), 3000).isOk());
        QVERIFY(s.placeBid(kTeam2, roundId, QStringLiteral("P0100"), 3000).isOk());
        QVERIFY(s.placeBid(QStringLiteral("SSPSLT0004"), roundId, QStringLiteral("P0100"), 2000).isOk());
        l->events.clear();
        const auto done = s.finalizeRound(roundId);
        QVERIFY(done.isOk());
        const QJsonArray tiebreakers = done.value().body[QLatin1String("tiebreakers")].toArray();
        QCOMPARE(tiebreakers.size(), 1);
        const QJsonObject tb = tiebreakers.at(0).toObject();
        QCOMPARE(tb[QLatin1String("participants")].toArray(), QJsonArray({kTeam1, kTeam2, kTeam3}));
        QCOMPARE(tb[QLatin1String("starting_amount")].toInteger(), 3000);
        QCOMPARE(l->channelsOf(QStringLiteral("tiebreaker_created")),
                 (QStringList{QStringLiteral("team:SSPSLT0001"), QStringLiteral("team:SSPSLT0002"),
                              QStringLiteral("team:SSPSLT0003"), QStringLiteral("tiebreakers")}));
        // The player is in an active tiebreaker: not available for a new round.
        QCOMPARE(s.createRound(QStringLiteral("MID"), QStringLiteral("football"), {QStringLiteral("P0100")},
                               l->clock.now().addSecs(60)).error().code, ErrorCode::PlayerUnavailable);
        const QString id = tb[QLatin1String("tiebreaker_id")].toString();
        QVERIFY(s.placeTiebreakerBid(kTeam3, id, 3000).isOk());
        QVERIFY(s.placeTiebreakerBid(kTeam1, id, 3100).isOk());
        QCOMPARE(s.resolveTiebreaker(id).value().body[QLatin1String("tiebreaker")][QLatin1String("winner_team_id")]
                     .toString(), kTeam1);
        l->checkMoney();
    }

    void deleteRoundRefunds()
    {
        auto l = league();
        QVERIFY(l);
        LeagueService &s = *l->service;
        // R0002 (real): every team won a defender; P0021 is in active TB0001, which a bid makes
        // resolvable; resolve it so the tiebreaker's player is also removed and refunded.
        QVERIFY(s.placeTiebreakerBid(kTeam1, kDemoTiebreaker, 100).isOk());
        QVERIFY(s.resolveTiebreaker(kDemoTiebreaker).isOk());
        QCOMPARE(l->owner(QStringLiteral("P0021")), kTeam1);
        // R0004 open: finalize to get TB0002 (active), then delete R0004 to cancel it.
        QVERIFY(s.finalizeRound(QStringLiteral("R0004")).isOk());
        l->events.clear();
        const auto deleted = s.deleteRound(QStringLiteral("R0002"));
        QVERIFY(deleted.isOk());
        const QJsonArray removed = deleted.value().body[QLatin1String("removed")].toArray();
        QCOMPARE(removed.size(), 8); // 7 sealed-bid winners + the tiebreaker's player
        QVERIFY(l->owner(QStringLiteral("P0021")).isEmpty());
        QCOMPARE(l->balance(kTeam1, QStringLiteral("real")), 1000);
        qint64 refundedTotal = 0;
        for (const QJsonValue &r : deleted.value().body[QLatin1String("refunded")].toArray())
            refundedTotal += r[QLatin1String("amount")].toInteger();
        QCOMPARE(refundedTotal, qint64(100 + 70 + 80 + 90 + 100 + 110 + 120 + 130));
        // One squad and one wallet revision per team; refund events carry amount_refunded.
        for (const LiveEvent &e : std::as_const(l->events)) {
            if (e.type == QLatin1String("wallet_update"))
                QVERIFY(e.data.contains(QLatin1String("amount_refunded")));
            if (e.type == QLatin1String("squad_update"))
                QCOMPARE(e.data.value(QLatin1String("action")).toString(), QStringLiteral("removed"));
        }
        QVERIFY(!l->service->reader().round(QStringLiteral("R0002")));
        QCOMPARE(s.deleteRound(QStringLiteral("R0002")).error().code, ErrorCode::NotFound);

        l->events.clear();
        const auto r4 = s.deleteRound(QStringLiteral("R0004"));
        QVERIFY(r4.isOk());
        QCOMPARE(l->status(QStringLiteral("TB0002")), QStringLiteral("cancelled"));
        QVERIFY(l->channelsOf(QStringLiteral("tiebreaker_resolved")).contains(QStringLiteral("tiebreaker:TB0002")));
        l->checkMoney();
        // An open round can be deleted too; its players become available again.
        const auto open = s.createRound(QStringLiteral("GK"), QStringLiteral("football"), {QStringLiteral("P0015")},
                                        l->clock.now().addSecs(60));
        QVERIFY(open.isOk());
        const QString openId = open.value().body[QLatin1String("round")][QLatin1String("round_id")].toString();
        QVERIFY(s.deleteRound(openId).isOk());
        QVERIFY(s.createRound(QStringLiteral("GK"), QStringLiteral("football"), {QStringLiteral("P0015")},
                              l->clock.now().addSecs(60)).isOk());
    }

    void eventsAreStoredWithTheChange()
    {
        auto l = league();
        QVERIFY(l);
        const qint64 before = l->history->lastSeq(QStringLiteral("team:SSPSLT0001"));
        QVERIFY(l->service->finalizeRound(QStringLiteral("R0004")).isOk());
        QCOMPARE(l->history->lastSeq(QStringLiteral("team:SSPSLT0001")), before + 4);
        // A failing change stores and publishes nothing.
        const qsizetype published = l->events.size();
        QVERIFY(!l->service->finalizeRound(QStringLiteral("R0004")).isOk());
        QCOMPARE(l->events.size(), published);
        // A dry run checks but keeps nothing.
        {
            LeagueService::DryRun dry(*l->service);
            QVERIFY(l->service->placeTiebreakerBid(kTeam1, kDemoTiebreaker, 60).isOk());
        }
        QCOMPARE(l->events.size(), published);
        QVERIFY(!l->service->reader().tiebreaker(kDemoTiebreaker, false)->highestBid);
    }

    void overdueAfterRestart()
    {
        const QString path = m_dir.filePath(QStringLiteral("restart.db"));
        QDateTime deadline;
        {
            League first;
            QVERIFY(first.open(path, true));
            QVERIFY(first.service->placeTiebreakerBid(kTeam2, kDemoTiebreaker, 70).isOk());
            deadline = first.deadline(kDemoTiebreaker);
        }
        // The server was down over the deadline: on start the timer resolves it at once.
        League second;
        second.clock.set(deadline.addSecs(3600));
        QVERIFY(second.open(path, false));
        QSignalSpy resolved(second.timer.get(), &TiebreakerTimer::resolved);
        second.timer->scheduleSoon();
        QVERIFY(resolved.wait(5000));
        QCOMPARE(second.status(kDemoTiebreaker), QStringLiteral("resolved"));
        QCOMPARE(second.owner(QStringLiteral("P0021")), kTeam2);
    }

    // Protocol 1.1: one request bumps each league-wide revision once and sends one
    // players_changed, however many players and tiebreakers it touched.
    void oneLeagueRevisionBumpPerRequest()
    {
        auto l = league();
        QVERIFY(l);
        const LeagueReader &r = l->service->reader();
        const qint64 rounds = r.leagueRevision(LeagueReader::kRoundsRevision);
        const qint64 players = r.leagueRevision(LeagueReader::kPlayersRevision);
        const qsizetype before = l->events.size();
        // R0004: five sold, one tie, one unsold.
        QVERIFY(l->service->finalizeRound(QStringLiteral("R0004")).isOk());
        QCOMPARE(r.leagueRevision(LeagueReader::kRoundsRevision), rounds + 1);
        QCOMPARE(r.leagueRevision(LeagueReader::kPlayersRevision), players + 1);
        QList<LiveEvent> changed;
        for (qsizetype i = before; i < l->events.size(); ++i) {
            if (l->events.at(i).type == QLatin1String("players_changed"))
                changed.append(l->events.at(i));
        }
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().channel, QStringLiteral("rounds"));
        QCOMPARE(changed.first().data.value(QLatin1String("player_ids")).toArray().size(), 7);
        QCOMPARE(changed.first().data.value(QLatin1String("revision")).toInteger(), players + 1);
        // A refused request bumps nothing.
        QVERIFY(!l->service->finalizeRound(QStringLiteral("R0004")).isOk());
        QCOMPARE(r.leagueRevision(LeagueReader::kRoundsRevision), rounds + 1);
        // Sealed bids and their withdrawal leave both alone.
        QVERIFY(l->service->placeBid(kTeam2, QStringLiteral("R0005"), QStringLiteral("P0093"), 10).isOk());
        QVERIFY(l->service->withdrawBid(kTeam2, QStringLiteral("R0005"), QStringLiteral("P0093")).isOk());
        QCOMPARE(r.leagueRevision(LeagueReader::kPlayersRevision), players + 1);
        QCOMPARE(r.leagueRevision(LeagueReader::kRoundsRevision), rounds + 1);
    }

    void resolvedTiebreakerKeepsWhatTheWinnerPaid()
    {
        auto l = league();
        QVERIFY(l);
        QVERIFY(l->service->placeTiebreakerBid(kTeam2, kDemoTiebreaker, 70).isOk());
        QVERIFY(!l->service->reader().tiebreaker(kDemoTiebreaker, false)->winningAmount);
        QVERIFY(l->service->resolveTiebreaker(kDemoTiebreaker).isOk());
        QCOMPARE(l->service->reader().tiebreaker(kDemoTiebreaker, false)->winningAmount, 70);
    }

    // Migration 3's own statements (from the server's resources) on a league from before it: the
    // league revisions start, and a tiebreaker resolved earlier gets its winning_amount from the
    // winner's spend transaction.
    void migrationThreeBackfills()
    {
        auto l = league();
        QVERIFY(l);
        QVERIFY(l->service->placeTiebreakerBid(kTeam2, kDemoTiebreaker, 70).isOk());
        QVERIFY(l->service->resolveTiebreaker(kDemoTiebreaker).isOk());
        QFile file(QStringLiteral(":/migrations/0003_auction.sql"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QString script = QString::fromUtf8(file.readAll());
        script.remove(QRegularExpression(QStringLiteral("--[^\\n]*")));
        try {
            // Back to schema 2 (SQLite 3.35+ drops columns), then migration 3 again.
            l->db.exec(QStringLiteral("DROP INDEX bids_round_team"));
            l->db.exec(QStringLiteral("DROP TABLE league_revisions"));
            l->db.exec(QStringLiteral("ALTER TABLE tiebreakers DROP COLUMN winning_amount"));
            for (const QString &statement : script.split(QRegularExpression(QStringLiteral(";\\s*(\\n|$)")), Qt::SkipEmptyParts)) {
                if (!statement.trimmed().isEmpty())
                    l->db.exec(statement.trimmed());
            }
        } catch (const DbError &e) {
            QFAIL(e.what());
        }
        const LeagueReader &r = l->service->reader();
        QCOMPARE(r.tiebreaker(kDemoTiebreaker, false)->winningAmount, 70);
        QCOMPARE(r.leagueRevision(LeagueReader::kRoundsRevision), 1);
        QCOMPARE(r.leagueRevision(LeagueReader::kPlayersRevision), 1);
        QVERIFY(l->service->finalizeRound(QStringLiteral("R0004")).isOk());
        QCOMPARE(r.leagueRevision(LeagueReader::kRoundsRevision), 2);
    }

    // Issue 14 item 13: the demo user's team bids only when the user does. Meanwhile rounds open
    // and close, and tiebreakers get bids from the other teams.
    void simulatorNeverBidsForTheFocusTeam()
    {
        auto l = league();
        QVERIFY(l);
        auto count = [&](const QString &sql) {
            QSqlQuery q = l->db.exec(sql, {Simulator::kFocusTeam});
            return q.next() ? q.value(0).toLongLong() : -1;
        };
        const QString sealed = QStringLiteral("SELECT COUNT(*) FROM bids WHERE team_id = ?");
        const QString tiebreaker = QStringLiteral("SELECT COUNT(*) FROM tiebreaker_bids WHERE team_id = ?");
        const QString finalized = QStringLiteral("SELECT COUNT(*) FROM rounds WHERE status = 'finalized' AND ? <> ''");
        const qint64 sealedBefore = count(sealed);
        const qint64 finalizedBefore = count(finalized);
        constexpr int kStepMs = 1000;
        Simulator simulator(l->db, *l->service, kStepMs);
        int otherTiebreakerBids = 0;
        for (int i = 0; i < 300; ++i) {
            const QString what = simulator.step();
            if (what.contains(QLatin1String(" bid ")))
                ++otherTiebreakerBids;
            l->clock.advanceMs(kStepMs);
            l->service->resolveDue();
        }
        QCOMPARE(count(sealed), sealedBefore);
        QCOMPARE(count(tiebreaker), 0);
        QVERIFY(count(finalized) > finalizedBefore + 3);
        QVERIFY(otherTiebreakerBids > 0);
        // Rounds stay open long enough for a manager to bid.
        QSqlQuery q = l->db.exec(QStringLiteral("SELECT closes_at, created_at FROM rounds WHERE round_id > 'R0005'"));
        QVERIFY(q.next());
        QVERIFY(Protocol::parseTimestamp(q.value(1).toString()).msecsTo(Protocol::parseTimestamp(q.value(0).toString()))
                >= qint64(kStepMs) * Simulator::kRoundSteps);
    }
};

QTEST_GUILESS_MAIN(tst_ServerRules)
#include "tst_server_rules.moc"

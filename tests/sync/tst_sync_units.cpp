// Units of the sync core that need no server: backoff, the shared health tracker, query keys and
// the event table.
#include <sync/Backoff.h>
#include <sync/ConnectionHealth.h>
#include <sync/EventRouter.h>
#include <sync/QueryKey.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace std::chrono_literals;

class TestSyncUnits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void backoffGrowsWithFullJitterAndCaps()
    {
        double r = 1.0 - 1e-9; // the top of the jitter range
        Backoff backoff(500ms, 30s, [&r] { return r; });
        QCOMPARE(backoff.next().count(), 499);   // 500 * 2^0
        QCOMPARE(backoff.next().count(), 999);   // 500 * 2^1
        QCOMPARE(backoff.next().count(), 1999);
        for (int i = 0; i < 10; ++i)
            backoff.next();
        QCOMPARE(backoff.next().count(), 29999); // capped at 30 s
        r = 0.0;                                 // the bottom: never below half the base
        QCOMPARE(backoff.next().count(), 250);
        backoff.reset();
        r = 0.5;
        QCOMPARE(backoff.next().count(), 250);
        QCOMPARE(backoff.delay(3).count(), 2000); // 0.5 * 500 * 2^3
    }

    void backoffJitterSpreadsClients()
    {
        // A league's clients losing the same server must not come back in the same second.
        QSet<qint64> seconds;
        for (int client = 0; client < 50; ++client)
            seconds.insert(Backoff(500ms, 30s).delay(5).count() / 1000);
        QVERIFY2(seconds.size() >= 5, "retries spread over several seconds");
    }

    void healthSchedulesOneRetryPerOutage()
    {
        ConnectionHealth health;
        health.setBackoff(Backoff(20ms, 40ms, [] { return 0.999; }));
        QSignalSpy due(&health, &ConnectionHealth::retryDue);
        QSignalSpy recovered(&health, &ConnectionHealth::recovered);
        health.reportFailure();
        const QDateTime first = health.nextRetryAt();
        QVERIFY(first.isValid());
        // More failures of the same outage do not push the retry further out.
        health.reportFailure();
        health.reportFailure();
        QCOMPARE(health.nextRetryAt(), first);
        QVERIFY(due.wait(5000));
        QCOMPARE(due.count(), 1);
        QVERIFY(health.isFailing());
        health.reportSuccess();
        QCOMPARE(recovered.count(), 1);
        QVERIFY(!health.isFailing());
        QVERIFY(!health.isRetryScheduled());
    }

    void healthRetryNowFiresAtOnce()
    {
        ConnectionHealth health;
        health.setBackoff(Backoff(10s, 30s));
        QSignalSpy due(&health, &ConnectionHealth::retryDue);
        health.reportFailure();
        QVERIFY(health.isRetryScheduled());
        health.retryNow();
        QCOMPARE(due.count(), 1);
        QVERIFY(!health.isRetryScheduled());
    }

    void queryKeysRoundTrip()
    {
        for (const QueryKey &key : {QueryKey::me(), QueryKey::teams(), QueryKey::squad(QStringLiteral("T1")),
                                    QueryKey::wallet(QStringLiteral("T1")), QueryKey::activeTiebreakers(),
                                    QueryKey::allTiebreakers(),
                                    QueryKey::tiebreaker(QStringLiteral("TB1")), QueryKey::players(),
                                    QueryKey::rounds(), QueryKey::roundBids(QStringLiteral("R0004"))}) {
            const auto parsed = QueryKey::parse(key.toString());
            QVERIFY(parsed.has_value());
            QCOMPARE(*parsed, key);
        }
        QCOMPARE(QueryKey::squad(QStringLiteral("T1")).path(), QStringLiteral("/teams/T1/squad"));
        QCOMPARE(QueryKey::squad(QStringLiteral("T1")).channel(), QStringLiteral("team:T1"));
        QCOMPARE(QueryKey::roundBids(QStringLiteral("R0004")).path(), QStringLiteral("/rounds/R0004/bids"));
        QCOMPARE(QueryKey::players().path(), QStringLiteral("/players"));
        QVERIFY(QueryKey::players().hasRevision() && QueryKey::rounds().hasRevision());
        QVERIFY(QueryKey::players().needsProtocol11() && QueryKey::roundBids(QStringLiteral("R1")).needsProtocol11());
        QVERIFY(!QueryKey::rounds().needsProtocol11()); // 1.0 has GET /rounds, without a revision
        QVERIFY(!QueryKey::parse(QStringLiteral("roundbids/../x")));
        QVERIFY(!QueryKey::parse(QStringLiteral("squad/../x")));
        QVERIFY(!QueryKey::parse(QStringLiteral("nonsense")));
    }

    void eventTable()
    {
        auto route = [](const char *type, const char *json) {
            return EventRouter::invalidationsFor(QString::fromLatin1(type), QJsonDocument::fromJson(json).object());
        };
        const auto squad = route("squad_update", R"({"team_id":"T1","revision":7,"player_id":"P1","player_name":"N",
            "action":"acquired","price":10,"currency_type":"football","round_id":"R1"})");
        QVERIFY(squad && squad->size() == 1);
        QCOMPARE(squad->first().key, QueryKey::squad(QStringLiteral("T1")));
        QCOMPARE(squad->first().revision, 7);

        const auto wallet = route("wallet_update", R"({"team_id":"T1","revision":3,"currency_type":"real",
            "new_balance":5,"amount_refunded":10,"player_id":"P1"})");
        QVERIFY(wallet && wallet->size() == 1);
        QCOMPARE(wallet->first().key, QueryKey::wallet(QStringLiteral("T1")));

        const auto bid = route("tiebreaker_bid", R"({"tiebreaker_id":"TB1","team_id":"T1","team_name":"A",
            "bid_amount":100,"ts":"2026-11-26T14:03:07.412Z","deadline":"2026-11-26T14:05:07.412Z"})");
        QVERIFY(bid && bid->size() == 3);
        QCOMPARE(bid->at(0).key, QueryKey::tiebreaker(QStringLiteral("TB1")));
        QCOMPARE(bid->at(1).key, QueryKey::activeTiebreakers());
        QCOMPARE(bid->at(2).key, QueryKey::allTiebreakers());

        const auto resolved = route("tiebreaker_resolved", R"({"tiebreaker_id":"TB1","status":"resolved",
            "winner_team_id":"T2","winner_team_name":"B","amount":300})");
        QVERIFY(resolved);
        QVERIFY(resolved->contains(EventRouter::Invalidation{QueryKey::squad(QStringLiteral("T2")), std::nullopt}));
        QVERIFY(resolved->contains(EventRouter::Invalidation{QueryKey::wallet(QStringLiteral("T2")), std::nullopt}));

        const auto created = route("tiebreaker_created", R"({"tiebreaker_id":"TB2","player_id":"P1","player_name":"N",
            "participants":["T1","T3"],"starting_amount":100,"deadline":"2026-11-26T14:05:07.412Z"})");
        QVERIFY(created && created->size() == 7);

        // Protocol 1.1: the rounds channel and round_bid, with the revisions they carry.
        const auto roundCreated = route("round_created", R"({"round_id":"R5","revision":4,"position":"MID",
            "currency_type":"real","player_ids":["P1"],"closes_at":"2026-11-26T14:05:07.412Z"})");
        QVERIFY(roundCreated);
        QCOMPARE(*roundCreated, (QList<EventRouter::Invalidation>{{QueryKey::rounds(), 4}}));
        const auto finalized = route("round_finalized", R"({"round_id":"R5","revision":5,"acquired_count":1,
            "tiebreaker_ids":[]})");
        QVERIFY(finalized);
        QCOMPARE(*finalized, (QList<EventRouter::Invalidation>{{QueryKey::rounds(), 5},
                                                               {QueryKey::roundBids(QStringLiteral("R5")), std::nullopt}}));
        const auto deleted = route("round_deleted", R"({"round_id":"R5","revision":6})");
        QVERIFY(deleted && deleted->contains(EventRouter::Invalidation{QueryKey::rounds(), 6}));
        const auto players = route("players_changed", R"({"revision":9,"player_ids":["P1","P2"]})");
        QVERIFY(players);
        QCOMPARE(*players, (QList<EventRouter::Invalidation>{{QueryKey::players(), 9}}));
        const auto roundBid = route("round_bid", R"({"team_id":"T1","round_id":"R5","player_id":"P1","amount":null,
            "ts":"2026-11-26T14:05:07.412Z"})");
        QVERIFY(roundBid);
        QCOMPARE(*roundBid, (QList<EventRouter::Invalidation>{{QueryKey::roundBids(QStringLiteral("R5")), std::nullopt}}));
        QVERIFY(!route("round_bid", R"({"team_id":"T1","round_id":"../x","player_id":"P1","amount":1,"ts":"x"})"));
        QVERIFY(!route("players_changed", R"({"player_ids":["P1"]})"));
        QVERIFY(!route("round_created", R"({"round_id":"R5"})"));

        // Unknown types are ignored; known types with malformed data are reported as such.
        const auto unknown = route("confetti", R"({"x":1})");
        QVERIFY(unknown && unknown->isEmpty());
        QVERIFY(!route("squad_update", R"({"team_id":"T1","revision":"7"})"));
        QVERIFY(!route("tiebreaker_created", R"({"tiebreaker_id":"TB2","participants":[1,2]})"));
        QVERIFY(!route("tiebreaker_bid", R"({"tiebreaker_id":"../x"})"));
    }
};

QTEST_GUILESS_MAIN(TestSyncUnits)
#include "tst_sync_units.moc"

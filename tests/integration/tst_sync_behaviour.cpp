// Sync-core behaviour against the real server: heartbeat, polling while not live, stale time,
// garbage collection, de-duplication and the cost of a burst of events.
#include "support/FaultProxy.h"
#include "support/LeagueActions.h"
#include "support/RestCall.h"
#include "support/ServerProcess.h"

#include <sync/LiveClient.h>
#include <sync/Query.h>
#include <sync/QueryCache.h>
#include <sync/SyncClient.h>

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

#include <memory>

namespace {
constexpr int timeoutMs = 15000;
const QString team1 = QStringLiteral("SSPSLT0001");

} // namespace

class TestSyncBehaviour : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<FaultProxy> m_proxy;

    QUrl proxyUrl() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_proxy->port())); }

    bool finalizeOpenRound() { return LeagueActions::finalizeOpenRound(*m_server); }
    qint64 serverRevision(const QString &path) { return LeagueActions::revisionOf(*m_server, path); }

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<ServerProcess>();
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        m_proxy = std::make_unique<FaultProxy>(quint16(m_server->baseUrl().port()));
        QVERIFY(m_proxy->listen());
    }

    void cleanup()
    {
        m_proxy.reset();
        m_server.reset();
    }

    // A connection that dies silently (no close, no RST: sleep, VPN switch) is noticed by the
    // heartbeat, and the data is fresh again within one heartbeat period, without user action.
    void heartbeatCatchesSilentDeath()
    {
        SyncClient client(proxyUrl(), m_server->managerToken(team1));
        LiveClient::Timing timing;
        timing.pingInterval = std::chrono::milliseconds(100);
        timing.silenceTimeout = std::chrono::milliseconds(400);
        timing.backoffBase = std::chrono::milliseconds(50);
        timing.backoffMax = std::chrono::milliseconds(100);
        client.live()->setTiming(timing);
        Query *squad = client.observe(QueryKey::squad(team1));
        client.start();
        QTRY_VERIFY_WITH_TIMEOUT(squad->hasData() && client.state() == SyncClient::State::Live, timeoutMs);

        QSignalSpy states(&client, &SyncClient::stateChanged);
        m_proxy->stallExisting();
        QVERIFY(finalizeOpenRound()); // its events are stuck in the dead link
        const qint64 truth = serverRevision(QStringLiteral("/teams/%1/squad").arg(team1));
        // Silence timeout (400 ms) + reconnect (<= 100 ms) + one refetch: well under 5 s. Pooled
        // HTTP connections died with the link; a request on one would hang for its 15 s timeout.
        QTRY_COMPARE_WITH_TIMEOUT(squad->revision(), truth, 5000);
        QCOMPARE(client.state(), SyncClient::State::Live);
        QVERIFY2(!states.isEmpty(), "the client went through reconnecting");
        client.release(QueryKey::squad(team1));
    }

    // While the live channel cannot be had, observed data is polled, so it never silently ages.
    void pollsWhileLiveIsUnreachable()
    {
        m_proxy->setRefusingWebSockets(true);
        SyncClient client(proxyUrl(), m_server->managerToken(team1));
        client.setPollInterval(std::chrono::milliseconds(200));
        Query *squad = client.observe(QueryKey::squad(team1));
        client.start();
        QTRY_VERIFY_WITH_TIMEOUT(squad->hasData(), timeoutMs);
        QVERIFY(client.state() != SyncClient::State::Live);
        const qint64 before = squad->revision();
        QVERIFY(finalizeOpenRound());
        QTRY_VERIFY_WITH_TIMEOUT(squad->revision() > before, timeoutMs);
        QVERIFY(client.state() != SyncClient::State::Live);
        client.release(QueryKey::squad(team1));
    }

    // Two observers, one request; re-observing within the stale time costs nothing, after it a
    // conditional GET (304); an unobserved query is dropped after the GC time.
    void dedupStaleTimeAndGc()
    {
        QDateTime now = QDateTime::currentDateTimeUtc();
        SyncClient client(m_server->baseUrl(), m_server->managerToken(team1));
        client.cache()->setClock([&now] { return now; });
        client.cache()->setStaleTime(std::chrono::minutes(1));
        RequestLog log;
        log.attach(client);
        client.start();
        Query *a = client.observe(QueryKey::teams());
        Query *b = client.observe(QueryKey::teams());
        QCOMPARE(a, b);
        QTRY_VERIFY_WITH_TIMEOUT(a->hasData() && !a->isFetching(), timeoutMs);
        QCOMPARE(log.gets.value(QStringLiteral("/teams")), 1);

        client.release(QueryKey::teams());
        client.release(QueryKey::teams());
        now = now.addSecs(30);
        client.observe(QueryKey::teams());
        QCOMPARE(a->isFetching(), false); // still fresh
        client.release(QueryKey::teams());

        now = now.addSecs(60);
        QSignalSpy statuses(a, &Query::statusChanged);
        client.observe(QueryKey::teams());
        QVERIFY(a->isFetching());
        QTRY_VERIFY_WITH_TIMEOUT(!a->isFetching(), timeoutMs);
        QCOMPARE(log.gets.value(QStringLiteral("/teams")), 2);
        QCOMPARE(a->fetchedAt(), now);

        client.cache()->setGcTime(std::chrono::milliseconds(0));
        QSignalSpy destroyed(a, &QObject::destroyed);
        client.release(QueryKey::teams());
        QVERIFY(destroyed.wait(timeoutMs));
        QVERIFY(!client.cache()->find(QueryKey::teams()));
    }

    // A subscription the server refuses still leaves its query fetched (and its error shown),
    // never waiting forever for an acknowledgement that will not come.
    void refusedSubscriptionStillFetches()
    {
        SyncClient client(m_server->baseUrl(), m_server->managerToken(team1));
        Query *other = client.observe(QueryKey::squad(QStringLiteral("SSPSLT0002")));
        client.start();
        QTRY_COMPARE_WITH_TIMEOUT(other->errorCode(), QStringLiteral("forbidden"), timeoutMs);
        QVERIFY(!other->hasData());
        client.release(QueryKey::squad(QStringLiteral("SSPSLT0002")));
    }

    // A finalize emits a burst of events for each affected team; each affected query costs one
    // request when the events arrive together (the revision rule), and unaffected ones none.
    void finalizeBurstCostsOneRequestPerAffectedQuery()
    {
        SyncClient client(m_server->baseUrl(), m_server->managerToken(team1));
        RequestLog log;
        log.attach(client);
        QSignalSpy events(&client, &SyncClient::eventReceived);
        Query *squad = client.observe(QueryKey::squad(team1));
        Query *wallet = client.observe(QueryKey::wallet(team1));
        client.start();
        QTRY_VERIFY_WITH_TIMEOUT(squad->hasData() && wallet->hasData() && client.state() == SyncClient::State::Live, timeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(!squad->isFetching() && !wallet->isFetching(), timeoutMs);
        const QString squadPath = QStringLiteral("/teams/%1/squad").arg(team1);
        const QString walletPath = QStringLiteral("/teams/%1/wallet").arg(team1);
        QCOMPARE(log.gets.value(squadPath), 1);
        QCOMPARE(log.gets.value(walletPath), 1);

        QVERIFY(finalizeOpenRound());
        const qint64 squadTruth = serverRevision(squadPath);
        const qint64 walletTruth = serverRevision(walletPath);
        QTRY_VERIFY_WITH_TIMEOUT(squad->revision() == squadTruth && wallet->revision() == walletTruth, timeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(!squad->isFetching() && !wallet->isFetching(), timeoutMs);
        QVERIFY2(events.count() >= 4, "several events for the team");
        QVERIFY(log.gets.value(squadPath) - 1 <= 2);
        QVERIFY(log.gets.value(walletPath) - 1 <= 2);
        qInfo("events %lld, squad refetches %d, wallet refetches %d", qint64(events.count()),
              log.gets.value(squadPath) - 1, log.gets.value(walletPath) - 1);
        client.release(QueryKey::squad(team1));
        client.release(QueryKey::wallet(team1));
    }
};

QTEST_GUILESS_MAIN(TestSyncBehaviour)
#include "tst_sync_behaviour.moc"

// The sync core against real network faults: a fault-injecting proxy between the real client and
// the real server cuts, refuses and delays, and the models must converge to what the server's
// REST answers, with as few requests as the changes need.
#include "support/FaultProxy.h"
#include "support/LeagueActions.h"
#include "support/RestCall.h"
#include "support/ServerProcess.h"

#include <models/SquadModel.h>
#include <sync/LiveClient.h>
#include <sync/OfflineStore.h>
#include <sync/Query.h>
#include <sync/QueryCache.h>
#include <sync/SyncClient.h>

#include <QJsonArray>
#include <QMap>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>

namespace {
constexpr int timeoutMs = 15000;
const QString team1 = QStringLiteral("SSPSLT0001");
const QString team8 = QStringLiteral("SSPSLT0008"); // wins nothing when the demo's open round is finalized

// Quick reconnects, so tests wait on signals for milliseconds instead of seconds.
LiveClient::Timing fastTiming()
{
    LiveClient::Timing timing;
    timing.backoffBase = std::chrono::milliseconds(50);
    timing.backoffMax = std::chrono::milliseconds(200);
    return timing;
}

using LeagueActions::squadPath;
} // namespace

class TestRecovery : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<QProcess> m_restarted; // the same server started again on the same port and database
    std::unique_ptr<FaultProxy> m_proxy;

    QUrl proxyUrl() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_proxy->port())); }

    QString openRound() { return LeagueActions::openRoundId(*m_server); }
    bool finalizeOpenRound() { return LeagueActions::finalizeOpenRound(*m_server); }
    qint64 serverSquadRevision(const QString &team) { return LeagueActions::revisionOf(*m_server, squadPath(team)); }

    // A client of `token` through the proxy, reconnecting quickly, following the squad of `team`.
    struct Watched
    {
        std::unique_ptr<SyncClient> client;
        std::unique_ptr<SquadModel> squad;
        RequestLog log;
    };
    std::unique_ptr<Watched> watch(const QString &token, const QString &team)
    {
        auto watched = std::make_unique<Watched>();
        watched->client = std::make_unique<SyncClient>(proxyUrl(), token);
        watched->client->live()->setTiming(fastTiming());
        watched->log.attach(*watched->client);
        watched->squad = std::make_unique<SquadModel>();
        watched->squad->setClient(watched->client.get());
        watched->squad->setTeamId(team);
        watched->client->start();
        return watched;
    }

    bool restartServer()
    {
        const quint16 port = quint16(m_server->baseUrl().port());
        if (m_server->stop() != 0)
            return false;
        m_restarted = std::make_unique<QProcess>();
        m_restarted->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_restarted->start(ServerProcess::executablePath(),
                           {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1").arg(port),
                            QStringLiteral("--database"), QStringLiteral("sqlite:") + m_server->databasePath()});
        return QTest::qWaitFor([&] { return m_restarted->readAllStandardOutput().contains("listening on"); }, timeoutMs);
    }

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
        if (m_restarted) {
            m_restarted->terminate();
            m_restarted->waitForFinished(5000);
            m_restarted.reset();
        }
        m_server.reset();
    }

    // A connection cut mid-stream (no close frame) is noticed, the client reconnects and recovers
    // the missed events with `since` (recovered:true); only the query that changed is refetched.
    void cutConnectionRecoversMissedEvents()
    {
        SyncClient client(proxyUrl(), m_server->adminToken());
        client.live()->setTiming(fastTiming());
        RequestLog log;
        log.attach(client);
        QSignalSpy subscribed(client.live(), &LiveClient::channelSubscribed);
        SquadModel squad1, squad8;
        squad1.setClient(&client);
        squad1.setTeamId(team1);
        squad8.setClient(&client);
        squad8.setTeamId(team8);
        client.start();
        QTRY_VERIFY_WITH_TIMEOUT(squad1.hasData() && squad8.hasData(), timeoutMs);
        QCOMPARE(client.state(), SyncClient::State::Live);
        QCOMPARE(log.gets.value(squadPath(team1)), 1);
        QCOMPARE(log.gets.value(squadPath(team8)), 1);

        m_proxy->setRefusing(true);
        m_proxy->cutAll();
        QTRY_COMPARE_WITH_TIMEOUT(client.state(), SyncClient::State::Reconnecting, timeoutMs);
        QVERIFY(finalizeOpenRound()); // happens while the client cannot hear it
        subscribed.clear();
        m_proxy->setRefusing(false);

        const qint64 truth = serverSquadRevision(team1);
        QTRY_COMPARE_WITH_TIMEOUT(squad1.revision(), truth, timeoutMs);
        QCOMPARE(client.state(), SyncClient::State::Live);
        QVERIFY(!subscribed.isEmpty());
        for (const QList<QVariant> &args : std::as_const(subscribed))
            QVERIFY2(args.at(1).toBool(), qPrintable(args.at(0).toString() + QStringLiteral(" was not recovered")));
        QTRY_VERIFY_WITH_TIMEOUT(!client.cache()->find(QueryKey::squad(team1))->isFetching(), timeoutMs);
        QCOMPARE(log.gets.value(squadPath(team1)), 2); // one refetch for the change
        QCOMPARE(log.gets.value(squadPath(team8)), 1); // nothing changed, nothing fetched
        QCOMPARE(squad8.revision(), serverSquadRevision(team8));
    }

    // The server restarts (1001 to every client); its history is in the database, so after the
    // restart the client still recovers what it missed.
    void serverRestartRecoversThroughPersistedHistory()
    {
        const auto watched = watch(m_server->adminToken(), team1);
        SyncClient &client = *watched->client;
        SquadModel &squad1 = *watched->squad;
        QSignalSpy subscribed(client.live(), &LiveClient::channelSubscribed);
        QTRY_VERIFY_WITH_TIMEOUT(squad1.hasData() && client.state() == SyncClient::State::Live, timeoutMs);
        const qint64 before = squad1.revision();

        m_proxy->setRefusing(true);
        QVERIFY(restartServer());
        QTRY_COMPARE_WITH_TIMEOUT(client.state(), SyncClient::State::Reconnecting, timeoutMs);
        QVERIFY(finalizeOpenRound());
        subscribed.clear();
        m_proxy->setRefusing(false);

        QTRY_VERIFY_WITH_TIMEOUT(squad1.revision() > before, timeoutMs);
        QCOMPARE(squad1.revision(), serverSquadRevision(team1));
        QVERIFY(!subscribed.isEmpty());
        QVERIFY2(subscribed.last().at(1).toBool(), "the restarted server recovered the channel's history");
    }

    // An event that arrives while the query's fetch is in flight, and whose change that fetch's
    // answer predates, is not lost: one more fetch follows (TanStack Query issue #8530).
    void eventDuringInFlightFetchIsNotLost()
    {
        const auto watched = watch(m_server->managerToken(team1), team1);
        SyncClient &client = *watched->client;
        SquadModel &squad1 = *watched->squad;
        const RequestLog &log = watched->log;
        QTRY_VERIFY_WITH_TIMEOUT(squad1.hasData() && client.state() == SyncClient::State::Live, timeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(!client.cache()->find(QueryKey::squad(team1))->isFetching(), timeoutMs);
        const int countBefore = squad1.count();

        // The next REST answer is served now but delivered late; the change commits meanwhile and
        // its events arrive over the (undelayed) live connection before that answer.
        m_proxy->setHttpAnswerDelay(400);
        QSignalSpy held(m_proxy.get(), &FaultProxy::httpAnswerHeld);
        client.refresh();
        // The refresh refetches /me too: wait for the squad's own answer, or the change could
        // commit before the squad GET reaches the server (then no further fetch is needed).
        const QString squadTarget = QStringLiteral("/api/v1") + squadPath(team1);
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(held.cbegin(), held.cend(),
                                             [&](const QList<QVariant> &args) { return args.at(0).toString() == squadTarget; }),
                                 timeoutMs);
        QVERIFY(finalizeOpenRound());

        const qint64 truth = serverSquadRevision(team1);
        QTRY_COMPARE_WITH_TIMEOUT(squad1.revision(), truth, timeoutMs);
        QVERIFY(squad1.count() > countBefore);
        QTRY_VERIFY_WITH_TIMEOUT(!client.cache()->find(QueryKey::squad(team1))->isFetching(), timeoutMs);
        QCOMPARE(log.gets.value(squadPath(team1)), 3); // first load, the refresh, one more for the event
    }

    // The link dies silently (sleep, network switch: no FIN, no RST) while a GET waits on a pooled
    // connection. Once the live client's heartbeat declares the link dead, that GET must not keep
    // waiting (issue 12: such GETs hung until their timeout after the client was live again).
    void inFlightRequestDoesNotOutliveASilentLink()
    {
        SyncClient client(proxyUrl(), m_server->managerToken(team1));
        LiveClient::Timing timing = fastTiming();
        timing.pingInterval = std::chrono::milliseconds(200);
        timing.silenceTimeout = std::chrono::milliseconds(1000);
        client.live()->setTiming(timing);
        SquadModel squad1;
        squad1.setClient(&client);
        squad1.setTeamId(team1);
        client.start();
        QTRY_VERIFY_WITH_TIMEOUT(squad1.hasData() && client.state() == SyncClient::State::Live, timeoutMs);
        Query *query = client.cache()->find(QueryKey::squad(team1));
        QTRY_VERIFY_WITH_TIMEOUT(!query->isFetching(), timeoutMs);
        client.rest()->setTimeout(120000); // a hung request would wait this long
        QVERIFY(finalizeOpenRound());
        // On a loaded machine (sanitizers) the heartbeat may also give up on a healthy link here;
        // stall only once the client is live again, with no event processed in between, so the
        // live connection stalled is the one in use.
        QTRY_VERIFY_WITH_TIMEOUT(!query->isFetching() && client.state() == SyncClient::State::Live, timeoutMs);
        // Recorded as it happens, not polled: a fast reconnect can leave and regain Live between
        // two polls.
        bool leftLive = false;
        QObject watcher;
        connect(&client, &SyncClient::stateChanged, &watcher, [&] { leftLive = leftLive || client.state() != SyncClient::State::Live; });
        m_proxy->stallExisting();
        client.refresh();
        QVERIFY(query->isFetching());
        QTRY_VERIFY_WITH_TIMEOUT(leftLive, timeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(!query->isFetching(), timeoutMs);
        QVERIFY2(query->errorCode().isEmpty(), qPrintable(query->errorCode()));
        QCOMPARE(squad1.revision(), serverSquadRevision(team1));
    }

    // The finished-tiebreakers list grows with the season: a tiebreaker event costs a fetch of
    // that one tiebreaker, patched into the list, never the whole list again (issue 12). The
    // patched list equals a fresh read.
    void tiebreakerEventsPatchTheFullList()
    {
        const auto watched = watch(m_server->adminToken(), team1);
        SyncClient &client = *watched->client;
        const RequestLog &log = watched->log;
        Query *all = client.observe(QueryKey::allTiebreakers());
        const QString listPath = QueryKey::allTiebreakers().path();
        QTRY_VERIFY_WITH_TIMEOUT(all->hasData() && client.state() == SyncClient::State::Live, timeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(!all->isFetching(), timeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(client.live()->isSubscribed(QStringLiteral("tiebreakers")), timeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(!all->isFetching(), timeoutMs); // the first subscription's refetch
        const int listFetches = log.gets.value(listPath);

        auto byId = [](const QJsonObject &list) {
            QMap<QString, QJsonObject> items;
            for (const QJsonValue &t : list.value(QLatin1String("tiebreakers")).toArray())
                items.insert(t[QLatin1String("tiebreaker_id")].toString(), t.toObject());
            return items;
        };
        auto truth = [&] {
            const auto answer = restCall(m_server->baseUrl(), m_server->adminToken(), "GET", listPath);
            return answer ? byId(jsonOf(*answer)) : QMap<QString, QJsonObject>();
        };
        // A bid (changes one item), a resolution (one item finishes) and a finalize that opens a
        // tiebreaker (a new item).
        const QString tb = QStringLiteral("TB0001");
        const auto bid = restCall(m_server->baseUrl(), m_server->managerToken(team1), "POST",
                                  QStringLiteral("/tiebreakers/%1/bids").arg(tb), QJsonObject{{QStringLiteral("amount"), 60}});
        QVERIFY(bid && bid->status == 201);
        QTRY_COMPARE_WITH_TIMEOUT(byId(all->data()), truth(), timeoutMs);
        const auto resolved = restCall(m_server->baseUrl(), m_server->adminToken(), "POST",
                                       QStringLiteral("/admin/tiebreakers/%1/resolve").arg(tb));
        QVERIFY(resolved && resolved->status == 200);
        QTRY_COMPARE_WITH_TIMEOUT(byId(all->data()), truth(), timeoutMs);
        QVERIFY(finalizeOpenRound());
        QTRY_COMPARE_WITH_TIMEOUT(byId(all->data()).size(), truth().size(), timeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(!all->isFetching(), timeoutMs);
        QCOMPARE(byId(all->data()), truth());
        QCOMPARE(log.gets.value(listPath), listFetches);
        QVERIFY(log.gets.value(QStringLiteral("/tiebreakers/") + tb) >= 1);
        client.release(QueryKey::allTiebreakers());
    }

    // Started while the server cannot be reached, the client shows the data it kept on disk,
    // marked with its old fetch time; once the server is back, the data converges.
    void startsFromDiskCacheAndConverges()
    {
        QTemporaryDir dir;
        const QString storePath = dir.filePath(QStringLiteral("cache.sqlite"));
        QDateTime firstFetch;
        {
            SyncClient client(proxyUrl(), m_server->managerToken(team1));
            // Every clock read is a millisecond later, so a fetch time taken twice (once for the
            // query, once for the disk) cannot pass for one.
            client.cache()->setClock([t = QDateTime::currentDateTimeUtc()]() mutable { return t = t.addMSecs(1); });
            client.setOfflineStorePath(storePath);
            SquadModel squad1;
            squad1.setClient(&client);
            squad1.setTeamId(team1);
            client.start();
            QTRY_VERIFY_WITH_TIMEOUT(squad1.hasData(), timeoutMs);
            firstFetch = squad1.fetchedAt();
            QSignalSpy flushed(client.offlineStore(), &OfflineStore::flushed);
            client.offlineStore()->flush();
            QVERIFY(flushed.wait(timeoutMs));
        }

        m_proxy->setRefusing(true);
        QVERIFY(finalizeOpenRound()); // the server moves on while the client is away
        SyncClient client(proxyUrl(), m_server->managerToken(team1));
        client.live()->setTiming(fastTiming());
        client.setOfflineStorePath(storePath);
        SquadModel squad1;
        squad1.setClient(&client);
        squad1.setTeamId(team1);
        client.start();
        QTRY_VERIFY_WITH_TIMEOUT(squad1.hasData(), timeoutMs);
        QCOMPARE(squad1.fetchedAt(), firstFetch); // shown "as of" the earlier fetch
        QVERIFY(client.state() != SyncClient::State::Live);

        m_proxy->setRefusing(false);
        const qint64 truth = serverSquadRevision(team1);
        QTRY_COMPARE_WITH_TIMEOUT(squad1.revision(), truth, timeoutMs);
        QVERIFY(squad1.fetchedAt() > firstFetch);
        QTRY_COMPARE_WITH_TIMEOUT(client.state(), SyncClient::State::Live, timeoutMs);
    }

    // A corrupt cache file is discarded with a log line, never a crash.
    void corruptDiskCacheIsDiscarded()
    {
        QTemporaryDir dir;
        const QString storePath = dir.filePath(QStringLiteral("cache.sqlite"));
        QFile file(storePath);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(4096, '\x5a'));
        file.close();
        SyncClient client(m_server->baseUrl(), m_server->managerToken(team1));
        client.setOfflineStorePath(storePath);
        SquadModel squad1;
        squad1.setClient(&client);
        squad1.setTeamId(team1);
        client.start();
        QTRY_VERIFY_WITH_TIMEOUT(squad1.hasData(), timeoutMs);
        QSignalSpy flushed(client.offlineStore(), &OfflineStore::flushed);
        client.offlineStore()->flush();
        QVERIFY(flushed.wait(timeoutMs));
        // The file was replaced by a working cache that now holds the squad.
        OfflineStore store(storePath, OfflineStore::accountKeyFor(m_server->baseUrl().toString(), m_server->managerToken(team1)));
        QSignalSpy loaded(&store, &OfflineStore::loaded);
        store.load();
        QVERIFY(loaded.wait(timeoutMs));
        const auto entries = loaded.first().at(0).value<QList<OfflineStore::Entry>>();
        QVERIFY(std::any_of(entries.begin(), entries.end(), [](const OfflineStore::Entry &e) { return e.key == QLatin1String("squad/SSPSLT0001"); }));
    }

    // The server no longer holds the events after the client's position (history retention of
    // one event): `recovered:false`, and every query of that channel is refetched exactly once.
    void tooOldSinceRefetchesEachQueryOnce()
    {
        m_proxy.reset();
        m_server = std::make_unique<ServerProcess>();
        QVERIFY2(m_server->start({QStringLiteral("--history-retention"), QStringLiteral("1:0")}), qPrintable(m_server->errorString()));
        m_proxy = std::make_unique<FaultProxy>(quint16(m_server->baseUrl().port()));
        QVERIFY(m_proxy->listen());

        SyncClient client(proxyUrl(), m_server->managerToken(team1));
        client.live()->setTiming(fastTiming());
        RequestLog log;
        log.attach(client);
        QSignalSpy subscribed(client.live(), &LiveClient::channelSubscribed);
        Query *squad = client.observe(QueryKey::squad(team1));
        Query *wallet = client.observe(QueryKey::wallet(team1));
        client.start();
        QTRY_VERIFY_WITH_TIMEOUT(squad->hasData() && wallet->hasData() && client.state() == SyncClient::State::Live, timeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(!squad->isFetching() && !wallet->isFetching(), timeoutMs);
        const QString walletPath = QStringLiteral("/teams/%1/wallet").arg(team1);

        m_proxy->setRefusing(true);
        m_proxy->cutAll();
        QTRY_COMPARE_WITH_TIMEOUT(client.state(), SyncClient::State::Reconnecting, timeoutMs);
        // Two changes while away, in separate requests (events of one request share a timestamp):
        // the server keeps only the last event, so the first change's events are gone.
        const QString round = openRound();
        QVERIFY(finalizeOpenRound());
        const auto deleted = restCall(m_server->baseUrl(), m_server->adminToken(), "DELETE", QStringLiteral("/admin/rounds/%1").arg(round));
        QVERIFY(deleted && deleted->status == 200);
        subscribed.clear();
        m_proxy->setRefusing(false);

        QTRY_COMPARE_WITH_TIMEOUT(squad->revision(), serverSquadRevision(team1), timeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(!squad->isFetching() && !wallet->isFetching(), timeoutMs);
        QVERIFY(!subscribed.isEmpty());
        QCOMPARE(subscribed.last().at(1).toBool(), false);
        QCOMPARE(log.gets.value(squadPath(team1)), 2);
        QCOMPARE(log.gets.value(walletPath), 2);
        client.release(QueryKey::squad(team1));
        client.release(QueryKey::wallet(team1));
    }

    // A slow link (every chunk delayed both ways) still converges, and the burst of events for
    // the finalize still costs one refetch.
    void slowLinkConverges()
    {
        m_proxy->setDelay(150);
        const auto watched = watch(m_server->managerToken(team1), team1);
        SyncClient &client = *watched->client;
        SquadModel &squad1 = *watched->squad;
        const RequestLog &log = watched->log;
        QTRY_VERIFY_WITH_TIMEOUT(squad1.hasData() && client.state() == SyncClient::State::Live, timeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(!client.cache()->find(QueryKey::squad(team1))->isFetching(), timeoutMs);
        QVERIFY(finalizeOpenRound());
        const qint64 truth = serverSquadRevision(team1);
        QTRY_COMPARE_WITH_TIMEOUT(squad1.revision(), truth, timeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(!client.cache()->find(QueryKey::squad(team1))->isFetching(), timeoutMs);
        QCOMPARE(log.gets.value(squadPath(team1)), 2);
    }

    // A token the live channel refuses (4401) ends in `unauthorized` without a reconnect loop.
    void refusedTokenDoesNotReconnect()
    {
        LiveClient live(proxyUrl(), QStringLiteral("revoked-token"));
        live.setTiming(fastTiming());
        live.subscribe(QStringLiteral("team:") + team1);
        live.start();
        QTRY_COMPARE_WITH_TIMEOUT(live.state(), LiveClient::State::Unauthorized, timeoutMs);
        // Had it retried (backoff 50-200 ms), new connections would reach the proxy while this
        // REST round trip through the same proxy takes place.
        QVERIFY(restCall(proxyUrl(), m_server->adminToken(), "GET", QStringLiteral("/me")).has_value());
        QVERIFY(restCall(proxyUrl(), m_server->adminToken(), "GET", QStringLiteral("/teams")).has_value());
        QCOMPARE(m_proxy->acceptedCount(), 3);
        QCOMPARE(live.state(), LiveClient::State::Unauthorized);
    }

    // PROTOCOL.md also lets a server (or a reverse proxy in front of it) refuse the token at the
    // handshake with HTTP 401: a bare status line, the connection left open. That is unauthorized
    // too, at once and without a reconnect loop, on every Qt version.
    void handshake401DoesNotReconnect()
    {
        m_proxy->setAnsweringWebSockets("HTTP/1.1 401 Unauthorized\r\n\r\n");
        LiveClient live(proxyUrl(), m_server->adminToken());
        live.setTiming(fastTiming());
        live.subscribe(QStringLiteral("team:") + team1);
        live.start();
        QTRY_COMPARE_WITH_TIMEOUT(live.state(), LiveClient::State::Unauthorized, timeoutMs);
        QVERIFY(restCall(proxyUrl(), m_server->adminToken(), "GET", QStringLiteral("/me")).has_value());
        QVERIFY(restCall(proxyUrl(), m_server->adminToken(), "GET", QStringLiteral("/teams")).has_value());
        QCOMPARE(m_proxy->acceptedCount(), 3);
        QCOMPARE(live.state(), LiveClient::State::Unauthorized);
    }
};

QTEST_GUILESS_MAIN(TestRecovery)
#include "tst_recovery.moc"

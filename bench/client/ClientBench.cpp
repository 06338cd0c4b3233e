// leaguedesk-bench-client: measures the live client against the real server on loopback, each
// figure next to a baseline measured in the same run (a client that polls every second, or one
// that refetches once per event). See docs/PERFORMANCE.md for the figures and the command.
#include "support/RestCall.h"
#include "support/ServerProcess.h"

#include <sync/LiveClient.h>
#include <sync/Query.h>
#include <sync/QueryCache.h>
#include <sync/RestClient.h>
#include <sync/SyncClient.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QEventLoop>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QThread>
#include <QSet>
#include <QTest>
#include <QTimer>

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>

namespace {

const QString team1 = QStringLiteral("SSPSLT0001");
constexpr int waitMs = 20000;

void say(const QString &line)
{
    std::printf("%s\n", qPrintable(line));
    std::fflush(stdout);
}

// Waits with a bound; a benchmark that times out says so instead of reporting nonsense quietly.
template <typename Predicate>
bool waitFor(Predicate predicate, int timeoutMs)
{
    if (QTest::qWaitFor(predicate, timeoutMs))
        return true;
    say(QStringLiteral("warning: a wait timed out after %1 ms; the figures below are not trustworthy").arg(timeoutMs));
    return false;
}

// Runs the event loop for `ms` without any polling of its own (QTest::qWait wakes every few ms,
// which would pollute the CPU figures).
void runFor(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

double percentile(QList<double> values, double p)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const qsizetype index = std::min<qsizetype>(values.size() - 1, qsizetype(p * double(values.size() - 1) + 0.5));
    return values.at(index);
}

double cpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

qint64 rssKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

// Counts the requests and response bytes a RestClient makes.
struct Traffic
{
    int requests = 0;
    qint64 bytes = 0;
};

// The "before": a client that polls the squad every second (with ETags, so unchanged answers
// are 304s), as the web pages this product replaces did.
class Poller : public QObject
{
public:
    Poller(const QUrl &server, const QString &token, QObject *parent = nullptr)
        : QObject(parent), m_rest(server, token)
    {
        connect(&m_timer, &QTimer::timeout, this, &Poller::poll);
        m_timer.setInterval(1000);
    }
    void start() { m_timer.start(); poll(); }
    void stop() { m_timer.stop(); }
    Traffic traffic;
    qint64 revision = -1;
    QElapsedTimer sinceChange;

private:
    void poll()
    {
        m_rest.get(QStringLiteral("/teams/%1/squad").arg(team1), m_etag, this, [this](const RestResult &r) {
            ++traffic.requests;
            traffic.bytes += r.body.size();
            if (r.isSuccess()) {
                m_etag = r.etag;
                revision = jsonOf(r).value(QLatin1String("revision")).toInteger();
            }
        });
    }
    RestClient m_rest;
    QTimer m_timer;
    QByteArray m_etag;
};

class Bench
{
public:
    explicit Bench(ServerProcess &server) : m_server(server) { }

    QStringList availablePlayers()
    {
        QSet<QString> taken;
        const auto teams = restCall(m_server.baseUrl(), m_server.adminToken(), "GET", QStringLiteral("/teams"));
        for (const QJsonValue &team : jsonOf(*teams).value(QLatin1String("teams")).toArray()) {
            const auto squad = restCall(m_server.baseUrl(), m_server.adminToken(), "GET",
                                        QStringLiteral("/teams/%1/squad").arg(team[QLatin1String("team_id")].toString()));
            for (const QJsonValue &p : jsonOf(*squad).value(QLatin1String("players")).toArray())
                taken.insert(p[QLatin1String("player_id")].toString());
        }
        const auto rounds = restCall(m_server.baseUrl(), m_server.adminToken(), "GET", QStringLiteral("/rounds"));
        for (const QJsonValue &round : jsonOf(*rounds).value(QLatin1String("rounds")).toArray()) {
            if (round[QLatin1String("status")].toString() == QLatin1String("open"))
                for (const QJsonValue &p : round[QLatin1String("player_ids")].toArray())
                    taken.insert(p.toString());
        }
        const auto tiebreakers = restCall(m_server.baseUrl(), m_server.adminToken(), "GET", QStringLiteral("/tiebreakers?status=active"));
        for (const QJsonValue &tb : jsonOf(*tiebreakers).value(QLatin1String("tiebreakers")).toArray())
            taken.insert(tb[QLatin1String("player_id")].toString());
        QStringList free;
        for (int i = 1; i <= 200; ++i) {
            const QString id = QStringLiteral("P%1").arg(i, 4, 10, QLatin1Char('0'));
            if (!taken.contains(id))
                free << id;
        }
        return free;
    }

    // A round of `players` that team1 wins alone (one sealed bid of 1 each); returns its id.
    QString openRoundWonByTeam1(const QStringList &players)
    {
        const QJsonObject body{{QStringLiteral("position"), QStringLiteral("MID")},
                               {QStringLiteral("currency_type"), QStringLiteral("football")},
                               {QStringLiteral("player_ids"), QJsonArray::fromStringList(players)},
                               {QStringLiteral("closes_at"), QStringLiteral("2099-01-01T00:00:00Z")}};
        const auto created = restCall(m_server.baseUrl(), m_server.adminToken(), "POST", QStringLiteral("/admin/rounds"), body);
        if (!created || created->status != 201) {
            say(QStringLiteral("could not create a round: %1 %2").arg(created ? created->status : 0).arg(created ? QString::fromUtf8(created->body) : QString()));
            return {};
        }
        const QString roundId = jsonOf(*created).value(QLatin1String("round")).toObject().value(QLatin1String("round_id")).toString();
        for (const QString &player : players) {
            const auto bid = restCall(m_server.baseUrl(), m_server.managerToken(team1), "POST",
                                      QStringLiteral("/rounds/%1/bids").arg(roundId),
                                      {{QStringLiteral("player_id"), player}, {QStringLiteral("amount"), 1}});
            if (!bid || bid->status != 201)
                say(QStringLiteral("bid failed: %1").arg(bid ? QString::fromUtf8(bid->body) : QStringLiteral("timeout")));
        }
        return roundId;
    }

    void adminDelete(const QString &path)
    {
        restCall(m_server.baseUrl(), m_server.adminToken(), "DELETE", path);
    }

    // Latency from the admin's request to the live client's model change, next to a 1 s poller.
    void latency(int iterations)
    {
        SyncClient client(m_server.baseUrl(), m_server.managerToken(team1));
        Query *squad = client.observe(QueryKey::squad(team1));
        client.start();
        waitFor([&] { return squad->hasData() && client.state() == SyncClient::State::Live; }, waitMs);
        Poller poller(m_server.baseUrl(), m_server.managerToken(team1));
        poller.start();
        QList<double> live, polled;
        QStringList free = availablePlayers();
        for (int i = 0; i < iterations && !free.isEmpty(); ++i) {
            const QString player = free.takeFirst();
            const QString round = openRoundWonByTeam1({player});
            for (const QByteArray &method : {QByteArray("POST"), QByteArray("DELETE")}) {
                // Changes land at a random phase of the poller's 1 s cycle, as real ones do.
                runFor(int(QRandomGenerator::global()->bounded(1000)));
                const qint64 before = squad->revision();
                QElapsedTimer clock;
                clock.start();
                double liveMs = -1, pollMs = -1;
                QMetaObject::Connection c = QObject::connect(squad, &Query::dataChanged, [&] {
                    if (liveMs < 0 && squad->revision() > before)
                        liveMs = double(clock.nsecsElapsed()) / 1e6;
                });
                if (method == "POST")
                    restCall(m_server.baseUrl(), m_server.adminToken(), "POST", QStringLiteral("/admin/rounds/%1/finalize").arg(round));
                else
                    adminDelete(QStringLiteral("/admin/rounds/%1").arg(round));
                waitFor([&] {
                    if (pollMs < 0 && poller.revision > before)
                        pollMs = double(clock.nsecsElapsed()) / 1e6;
                    return liveMs >= 0 && pollMs >= 0;
                }, waitMs);
                QObject::disconnect(c);
                live << liveMs;
                polled << pollMs;
            }
        }
        poller.stop();
        say(QStringLiteral("latency, request to model change (ms): live p50 %1 p99 %2 | 1 s poller p50 %3 p99 %4 | "
                           "ratio of medians %5 (n=%6)")
                .arg(percentile(live, 0.5), 0, 'f', 1).arg(percentile(live, 0.99), 0, 'f', 1)
                .arg(percentile(polled, 0.5), 0, 'f', 1).arg(percentile(polled, 0.99), 0, 'f', 1)
                .arg(percentile(polled, 0.5) / std::max(0.001, percentile(live, 0.5)), 0, 'f', 1)
                .arg(live.size()));
        client.release(QueryKey::squad(team1));
    }

    // Requests and bytes for the squad and wallet of a team when a 40-player round it wins is
    // finalized, next to a client that refetches once per event (TanStack Query issue #7963).
    void finalizeCost()
    {
        SyncClient client(m_server.baseUrl(), m_server.managerToken(team1));
        Traffic live;
        QObject::connect(client.rest(), &RestClient::requestFinished, [&](const QString &, const QString &, int) { ++live.requests; });
        Query *squad = client.observe(QueryKey::squad(team1));
        Query *wallet = client.observe(QueryKey::wallet(team1));
        client.start();
        waitFor([&] { return squad->hasData() && wallet->hasData() && client.state() == SyncClient::State::Live; }, waitMs);
        waitFor([&] { return !squad->isFetching() && !wallet->isFetching(); }, waitMs);

        // The naive client: the same live channel, one refetch per event.
        LiveClient naiveLive(m_server.baseUrl(), m_server.managerToken(team1));
        RestClient naiveRest(m_server.baseUrl(), m_server.managerToken(team1));
        Traffic naive;
        naiveLive.subscribe(QStringLiteral("team:") + team1);
        QObject::connect(&naiveLive, &LiveClient::eventReceived, [&](const QString &, const QString &type, const QJsonObject &) {
            const QString what = type == QLatin1String("wallet_update") ? QStringLiteral("wallet") : QStringLiteral("squad");
            naiveRest.get(QStringLiteral("/teams/%1/%2").arg(team1, what), {}, nullptr, [&naive](const RestResult &r) {
                ++naive.requests;
                naive.bytes += r.body.size();
            });
        });
        naiveLive.start();
        waitFor([&] { return naiveLive.isSubscribed(QStringLiteral("team:") + team1); }, waitMs);

        const QStringList players = availablePlayers().mid(0, 40);
        const QString round = openRoundWonByTeam1(players);
        live = {};
        const qint64 bytesBefore = client.rest()->bytesReceived();
        const qint64 squadBefore = squad->revision();
        restCall(m_server.baseUrl(), m_server.adminToken(), "POST", QStringLiteral("/admin/rounds/%1/finalize").arg(round));
        waitFor([&] { return squad->revision() > squadBefore && !squad->isFetching() && !wallet->isFetching(); }, waitMs);
        waitFor([&] { return naive.requests >= 2 * players.size(); }, waitMs);
        const qint64 liveBytes = client.rest()->bytesReceived() - bytesBefore;
        say(QStringLiteral("finalize of a %1-player round: live client %2 requests (~%3 KiB) | refetch-per-event "
                           "client %4 requests (%5 KiB) | ratio %6x fewer requests")
                .arg(players.size()).arg(live.requests).arg(double(liveBytes) / 1024.0, 0, 'f', 1)
                .arg(naive.requests).arg(double(naive.bytes) / 1024.0, 0, 'f', 1)
                .arg(double(naive.requests) / std::max(1, live.requests), 0, 'f', 1));
        client.release(QueryKey::squad(team1));
        client.release(QueryKey::wallet(team1));
    }

    // An idle live client against a 1 s poller: requests per minute and CPU, each alone.
    void idle(int seconds)
    {
        double liveCpu = 0, pollCpu = 0;
        int liveRequests = 0;
        {
            SyncClient client(m_server.baseUrl(), m_server.managerToken(team1));
            client.observe(QueryKey::squad(team1));
            client.observe(QueryKey::wallet(team1));
            client.start();
            waitFor([&] {
                const auto observed = client.cache()->observedQueries();
                return client.state() == SyncClient::State::Live
                    && std::all_of(observed.begin(), observed.end(), [](Query *q) { return q->hasData() && !q->isFetching(); });
            }, waitMs);
            const int before = client.cache()->requestCount();
            const double cpu = cpuSeconds();
            runFor(seconds * 1000);
            liveCpu = cpuSeconds() - cpu;
            liveRequests = client.cache()->requestCount() - before;
        }
        Poller poller(m_server.baseUrl(), m_server.managerToken(team1));
        poller.start();
        waitFor([&] { return poller.traffic.requests > 0; }, waitMs);
        const int before = poller.traffic.requests;
        const double cpu = cpuSeconds();
        runFor(seconds * 1000);
        pollCpu = cpuSeconds() - cpu;
        const int pollRequests = poller.traffic.requests - before;
        poller.stop();
        const double minutes = double(seconds) / 60.0;
        say(QStringLiteral("idle for %1 s: live client %2 requests/min, CPU %3 ms | 1 s poller (one query) %4 requests/min, "
                           "CPU %5 ms")
                .arg(seconds).arg(double(liveRequests) / minutes, 0, 'f', 1).arg(liveCpu * 1000, 0, 'f', 0)
                .arg(double(pollRequests) / minutes, 0, 'f', 1).arg(pollCpu * 1000, 0, 'f', 0));
    }

    // One change a second for `minutes`; RSS each minute. Flat after warm-up is the target.
    void soak(int minutes)
    {
        SyncClient client(m_server.baseUrl(), m_server.managerToken(team1));
        Query *squad = client.observe(QueryKey::squad(team1));
        client.observe(QueryKey::wallet(team1));
        client.start();
        waitFor([&] { return squad->hasData() && client.state() == SyncClient::State::Live; }, waitMs);
        const QString player = availablePlayers().value(0);
        QElapsedTimer total;
        total.start();
        QList<qint64> samples{rssKiB()};
        int changes = 0;
        while (total.elapsed() < qint64(minutes) * 60000) {
            QElapsedTimer step;
            step.start();
            const QString round = openRoundWonByTeam1({player});
            restCall(m_server.baseUrl(), m_server.adminToken(), "POST", QStringLiteral("/admin/rounds/%1/finalize").arg(round));
            adminDelete(QStringLiteral("/admin/rounds/%1").arg(round));
            changes += 2;
            runFor(int(std::max<qint64>(0, 2000 - step.elapsed())));
            if (total.elapsed() / 60000 >= samples.size())
                samples << rssKiB();
        }
        QStringList text;
        for (qint64 s : samples)
            text << QString::number(s);
        say(QStringLiteral("soak %1 min, %2 changes: RSS per minute (KiB) %3").arg(minutes).arg(changes).arg(text.join(QLatin1Char(' '))));
        client.release(QueryKey::squad(team1));
    }

private:
    ServerProcess &m_server;
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Client benchmarks against the real leaguedesk-server on loopback."));
    parser.addHelpOption();
    const QCommandLineOption latencyOption(QStringLiteral("latency"), QStringLiteral("Latency samples (pairs)."), QStringLiteral("N"), QStringLiteral("20"));
    const QCommandLineOption idleOption(QStringLiteral("idle"), QStringLiteral("Idle seconds per client."), QStringLiteral("S"), QStringLiteral("60"));
    const QCommandLineOption soakOption(QStringLiteral("soak"), QStringLiteral("Soak minutes (0: none)."), QStringLiteral("M"), QStringLiteral("0"));
    parser.addOptions({latencyOption, idleOption, soakOption});
    parser.process(app);

    QLoggingCategory::setFilterRules(QStringLiteral("leaguedesk.*=false\nleaguedesk.*.warning=true"));
    ServerProcess server;
    if (!server.start({QStringLiteral("--rate-limit"), QStringLiteral("0")})) {
        say(QStringLiteral("server did not start: ") + server.errorString());
        return 1;
    }
    Bench bench(server);
    say(QStringLiteral("machine: %1 cores; date %2").arg(QThread::idealThreadCount()).arg(QDateTime::currentDateTimeUtc().toString(Qt::ISODate)));
    if (const int soak = parser.value(soakOption).toInt(); soak > 0) {
        bench.soak(soak);
        return 0;
    }
    bench.latency(parser.value(latencyOption).toInt());
    bench.finalizeCost();
    bench.idle(parser.value(idleOption).toInt());
    return 0;
}

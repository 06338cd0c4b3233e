// leaguedesk-bench-fanout: live fan-out of one event to N subscribed WebSocket clients on loopback.
//
// For each N it starts a fresh leaguedesk-server (demo league, --rate-limit 0, no per-address
// cap), reads the server's RSS, opens N connections as SSPSLT0001's manager subscribed to
// team:SSPSLT0001, reads the RSS again (memory per connection), then takes samples: it opens a
// tiebreaker between SSPSLT0001 and SSPSLT0002 (round, tied sealed bids, finalize), waits until
// every client heard tiebreaker_created, then times the admin's POST .../resolve from just before
// the request to the moment each client receives tiebreaker_resolved (exactly one event on the
// channel). The bench runs in one thread, so a receipt time includes reading the sockets before
// it; with 2 cores the server and the bench each have one.
//
//   leaguedesk-bench-fanout [--clients 1,1000,5000] [--samples 15] [--baseline server.js]
// --baseline drives the Node + ws baseline (bench/server/baseline) the same way; it has no
// database, so its samples are finalize (tiebreaker_created) and resolve (tiebreaker_resolved).
// Prints one line per N (with the time to connect and subscribe all N); the first N is the
// baseline for the ratios.

#include "support/ServerProcess.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRandomGenerator>
#include <QTest>
#include <QWebSocket>

#include <algorithm>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <memory>
#include <vector>

namespace {

constexpr int kTimeoutMs = 120000;
const QString kTeam = QStringLiteral("SSPSLT0001");
const QString kRival = QStringLiteral("SSPSLT0002");
const QString kPlayer = QStringLiteral("P0009"); // an unsold demo GK; a cancelled tiebreaker leaves it unsold

QElapsedTimer g_clock;

struct Client
{
    std::unique_ptr<QWebSocket> socket;
    bool subscribed = false;
    int created = 0;   // tiebreaker_created events heard
    qint64 resolvedAt = -1;
};

qint64 rssKiB(qint64 pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const size_t index = size_t(std::max(0.0, std::ceil(p * double(values.size())) - 1));
    return values[std::min(index, values.size() - 1)];
}

// What the bench drives: leaguedesk-server (ServerProcess) or the Node + ws baseline.
struct Target
{
    QUrl baseUrl;
    QString adminToken;
    QString managerToken;  // kTeam's manager
    bool baseline = false; // no database: finalize and resolve need no round or bids first
};

class Bench
{
public:
    explicit Bench(Target target) : m_target(std::move(target)) {}

    QJsonObject call(const QByteArray &verb, const QString &path, const QString &token, const QJsonObject &body = {})
    {
        QNetworkRequest request(m_target.baseUrl.resolved(QUrl(QStringLiteral("/api/v1") + path)));
        request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        QNetworkReply *reply = m_nam.sendCustomRequest(request, verb, QJsonDocument(body).toJson(QJsonDocument::Compact));
        if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, kTimeoutMs))
            qFatal("no answer to %s %s", verb.constData(), qPrintable(path));
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray bytes = reply->readAll();
        reply->deleteLater();
        if (status >= 300)
            qFatal("%s %s: %d %s", verb.constData(), qPrintable(path), status, bytes.constData());
        return QJsonDocument::fromJson(bytes).object();
    }

    bool connectClients(int count)
    {
        QUrl url = m_target.baseUrl;
        url.setScheme(QStringLiteral("ws"));
        url.setPath(QStringLiteral("/api/v1/live"));
        const QByteArray auth = "Bearer " + m_target.managerToken.toUtf8();
        const QByteArray subscribe = QJsonDocument(QJsonObject{{QStringLiteral("op"), QStringLiteral("subscribe")},
                                                               {QStringLiteral("id"), 1},
                                                               {QStringLiteral("channel"), QStringLiteral("team:") + kTeam}})
                                         .toJson(QJsonDocument::Compact);
        m_clients.resize(size_t(count));
        // At most 200 handshakes in flight: the listen backlog is small and a dropped SYN costs 1 s.
        int started = 0;
        int &ready = m_ready;
        ready = 0;
        auto startMore = [&] {
            while (started < count && started - ready < 200) {
                Client &c = m_clients[size_t(started++)];
                c.socket = std::make_unique<QWebSocket>();
                QWebSocket *socket = c.socket.get();
                QObject::connect(socket, &QWebSocket::connected, socket, [socket, subscribe] {
                    socket->sendTextMessage(QString::fromUtf8(subscribe));
                });
                QObject::connect(socket, &QWebSocket::textMessageReceived, socket, [&c, this](const QString &text) {
                    // Cheap checks first: this runs N times per event.
                    if (text.contains(QLatin1String("tiebreaker_resolved"))) {
                        if (c.resolvedAt < 0)
                            c.resolvedAt = g_clock.nsecsElapsed();
                    } else if (text.contains(QLatin1String("tiebreaker_created"))) {
                        ++c.created;
                    } else if (!c.subscribed && text.contains(QLatin1String("\"subscribed\""))) {
                        c.subscribed = true;
                        ++m_ready;
                    }
                });
                QNetworkRequest request(url);
                request.setRawHeader("Authorization", auth);
                socket->open(request);
            }
        };
        return QTest::qWaitFor([&] {
            startMore();
            return ready == count;
        }, kTimeoutMs);
    }

    // One sample: latencies (ms) from the resolve call to each client's receipt.
    std::vector<double> sample(ServerProcess *server)
    {
        QString round = QStringLiteral("R%1").arg(m_created + 1);
        if (server) {
            round = call("POST", QStringLiteral("/admin/rounds"), m_target.adminToken,
                         {{QStringLiteral("position"), QStringLiteral("GK")},
                          {QStringLiteral("currency_type"), QStringLiteral("football")},
                          {QStringLiteral("player_ids"), QJsonArray{kPlayer}},
                          {QStringLiteral("closes_at"), QStringLiteral("2099-01-01T00:00:00Z")}})
                        .value(QStringLiteral("round")).toObject().value(QStringLiteral("round_id")).toString();
            for (const QString &team : {kTeam, kRival}) {
                call("POST", QStringLiteral("/rounds/%1/bids").arg(round), server->managerToken(team),
                     {{QStringLiteral("player_id"), kPlayer}, {QStringLiteral("amount"), 100}});
            }
        }
        const QJsonObject finalized = call("POST", QStringLiteral("/admin/rounds/%1/finalize").arg(round), m_target.adminToken);
        const QString tiebreaker = finalized.value(QStringLiteral("tiebreakers")).toArray().at(0).toObject()
                                       .value(QStringLiteral("tiebreaker_id")).toString();
        ++m_created;
        // Quiet start: every client has heard the tiebreaker_created broadcast.
        if (!QTest::qWaitFor([this] { return std::all_of(m_clients.begin(), m_clients.end(), [this](const Client &c) {
                                 return c.created >= m_created; }); }, kTimeoutMs))
            qFatal("tiebreaker_created did not reach every client");
        for (Client &c : m_clients)
            c.resolvedAt = -1;
        const qint64 start = g_clock.nsecsElapsed();
        call("POST", QStringLiteral("/admin/tiebreakers/%1/resolve").arg(tiebreaker), m_target.adminToken);
        if (!QTest::qWaitFor([this] { return std::all_of(m_clients.begin(), m_clients.end(),
                                                         [](const Client &c) { return c.resolvedAt >= 0; }); }, kTimeoutMs))
            qFatal("tiebreaker_resolved did not reach every client");
        std::vector<double> latencies;
        latencies.reserve(m_clients.size());
        for (const Client &c : m_clients)
            latencies.push_back(double(c.resolvedAt - start) / 1e6);
        return latencies;
    }

    void closeClients()
    {
        for (Client &c : m_clients)
            c.socket->abort();
        m_clients.clear();
    }

private:
    Target m_target;
    QNetworkAccessManager m_nam;
    std::vector<Client> m_clients;
    int m_created = 0;
    int m_ready = 0; // clients whose subscription was answered
};

struct Result
{
    int clients = 0;
    double p50 = 0, p99 = 0, lastMedian = 0, kibPerConnection = 0, connectSeconds = 0;
};

// The Node + ws baseline (bench/server/baseline/server.js; NODE_PATH finds `ws`), with fresh tokens.
class BaselineProcess
{
public:
    bool start(const QString &script)
    {
        m_admin = QStringLiteral("admin-") + QString::number(QRandomGenerator::system()->generate64(), 36);
        m_manager = QStringLiteral("manager-") + QString::number(QRandomGenerator::system()->generate64(), 36);
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process.start(QStringLiteral("node"), {script, QStringLiteral("--admin-token"), m_admin,
                                                 QStringLiteral("--manager"), kTeam + QLatin1Char('=') + m_manager});
        if (!m_process.waitForStarted(kTimeoutMs))
            return false;
        QByteArray out;
        while (!out.contains('\n')) {
            if (!m_process.waitForReadyRead(kTimeoutMs))
                return false;
            out += m_process.readAllStandardOutput();
        }
        const QByteArray line = out.left(out.indexOf('\n')).trimmed();
        if (!line.startsWith("listening on "))
            return false;
        m_url = QUrl(QString::fromUtf8(line.mid(13)));
        return true;
    }
    void stop()
    {
        m_process.terminate();
        if (!m_process.waitForFinished(10000))
            m_process.kill();
        m_process.waitForFinished(10000);
    }
    qint64 pid() const { return m_process.processId(); }
    Target target() const { return {m_url, m_admin, m_manager, true}; }

private:
    QProcess m_process;
    QUrl m_url;
    QString m_admin, m_manager;
};

Result run(int clients, int samples, const QString &baselineScript)
{
    ServerProcess server;
    BaselineProcess baseline;
    Target target;
    qint64 pid = 0;
    if (baselineScript.isEmpty()) {
        if (!server.start({QStringLiteral("--rate-limit"), QStringLiteral("0"), QStringLiteral("--max-connections-per-address"),
                           QStringLiteral("0"), QStringLiteral("--max-connections"), QString::number(clients + 100)}))
            qFatal("server: %s", qPrintable(server.errorString()));
        pid = server.process()->processId();
        target = {server.baseUrl(), server.adminToken(), server.managerToken(kTeam), false};
    } else {
        if (!baseline.start(baselineScript))
            qFatal("could not start the baseline: node %s", qPrintable(baselineScript));
        pid = baseline.pid();
        target = baseline.target();
    }
    Bench bench(target);
    if (!target.baseline)
        bench.call("GET", QStringLiteral("/teams"), target.adminToken); // warm up the HTTP path
    const qint64 rssBefore = rssKiB(pid);
    QElapsedTimer connectClock;
    connectClock.start();
    if (!bench.connectClients(clients))
        qFatal("could not open %d subscribed connections", clients);
    const double connectSeconds = double(connectClock.nsecsElapsed()) / 1e9;
    const qint64 rssAfter = rssKiB(pid);

    ServerProcess *ours = target.baseline ? nullptr : &server;
    std::vector<double> all, lasts;
    bench.sample(ours); // warm-up sample, not counted
    for (int i = 0; i < samples; ++i) {
        const std::vector<double> latencies = bench.sample(ours);
        all.insert(all.end(), latencies.begin(), latencies.end());
        lasts.push_back(*std::max_element(latencies.begin(), latencies.end()));
    }
    bench.closeClients();
    if (target.baseline)
        baseline.stop();
    else
        server.stop();
    return {clients, percentile(all, 0.5), percentile(all, 0.99), percentile(lasts, 0.5),
            double(rssAfter - rssBefore) / clients, connectSeconds};
}

} // namespace

int main(int argc, char *argv[])
{
    std::signal(SIGPIPE, SIG_IGN); // aborting thousands of sockets must not kill the bench
    // Qt's own UNIX event dispatcher, as the server uses: GLib's rebuilds its poll set on every
    // iteration, which with 5000 sockets would make the bench, not the server, the bottleneck.
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    QStringList args = QCoreApplication::arguments();
    QList<int> counts{1, 1000, 5000};
    int samples = 15;
    QString baselineScript; // set: drive the Node + ws baseline instead of leaguedesk-server
    for (qsizetype i = 1; i + 1 < args.size(); i += 2) {
        if (args[i] == QLatin1String("--clients")) {
            counts.clear();
            for (const QString &n : args[i + 1].split(QLatin1Char(',')))
                counts.append(n.toInt());
        } else if (args[i] == QLatin1String("--samples")) {
            samples = args[i + 1].toInt();
        } else if (args[i] == QLatin1String("--baseline")) {
            baselineScript = args[i + 1];
        }
    }
    g_clock.start();
    Result baseline;
    for (int n : std::as_const(counts)) {
        const Result r = run(n, samples, baselineScript);
        if (baseline.clients == 0)
            baseline = r;
        std::printf("fanout server=%s clients=%d samples=%d p50_ms=%.2f p99_ms=%.2f last_client_median_ms=%.2f "
                    "server_rss_per_connection_kib=%.1f connect_subscribe_s=%.2f p50_vs_%d_clients=%.1fx\n",
                    baselineScript.isEmpty() ? "leaguedesk" : "node-ws", r.clients, samples, r.p50, r.p99, r.lastMedian, r.kibPerConnection, r.connectSeconds, baseline.clients,
                    baseline.p50 > 0 ? r.p50 / baseline.p50 : 0.0);
        std::fflush(stdout);
    }
    return 0;
}

// leaguedesk-bench-loadgen: the live fan-out load generator (docs/PERFORMANCE.md, "Live fan-out").
//
// N WebSocket clients, all with one token, subscribed to one channel, spread evenly over one or
// more servers (--targets) and over W worker processes (fork; each holds about N / W sockets on
// its own epoll loop, so no process nears the 20 000-file limit) and bound to source addresses
// 127.0.0.1, 127.0.0.2, ... (so no address runs out of ephemeral ports). Then, per sample, the
// coordinator (this process) makes the server publish exactly one event on that channel and every
// worker records each client's receipt time; latency = receipt - the moment just before the
// triggering request was sent (CLOCK_MONOTONIC, shared by the processes of one machine), p50/p99
// over all N x samples deliveries.
//
// Triggers (--trigger), on --trigger-target (default: the first target):
//   leaguedesk  the admin opens a round, the two --bid-tokens tie on one player, finalize opens a
//               tiebreaker (tiebreaker_created, waited for on every client), then the admin's
//               resolve without bids is timed: one tiebreaker_resolved on each team channel.
//   node        the same for bench/server/baseline/server.js, which has no database: finalize and
//               resolve only.
// Prints one line of key=value figures; errors (a refused handshake, a close, a missing delivery)
// are printed, never waited for without a bound (--timeout per handshake and per delivery).

#include "Http.h"
#include "Worker.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

[[noreturn]] void die(const std::string &message)
{
    std::fprintf(stderr, "leaguedesk-bench-loadgen: %s\n", message.c_str());
    std::exit(2);
}

std::vector<std::string> split(const std::string &text, char sep)
{
    std::vector<std::string> out;
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, sep)) {
        if (!item.empty())
            out.push_back(item);
    }
    return out;
}

struct Options
{
    std::vector<Endpoint> targets;
    Endpoint triggerTarget;
    std::string token, adminToken, channel = "team:SSPSLT0001", trigger = "leaguedesk", label;
    std::vector<std::string> bidTokens;
    std::vector<long> serverPids;
    std::string player = "P0009"; // an unsold demo GK; a cancelled tiebreaker leaves it unsold
    int clients = 1000, workers = 0, samples = 15, inflight = 200, sourceAddresses = -1, timeoutMs = 60000;
};

const char *kUsage =
    "usage: leaguedesk-bench-loadgen --targets HOST:PORT[,HOST:PORT...] --token MANAGER_TOKEN --admin-token TOKEN\n"
    "         [--clients N] [--samples S] [--workers W] [--trigger leaguedesk|node] [--trigger-target HOST:PORT]\n"
    "         [--bid-tokens TEAM1_TOKEN,TEAM2_TOKEN] [--channel team:SSPSLT0001] [--server-pids PID[,PID...]]\n"
    "         [--inflight 200] [--source-addresses K] [--timeout SECONDS] [--label NAME]\n";

Options parse(int argc, char **argv)
{
    Options o;
    std::string triggerTarget;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--help" || arg == "-h") {
            std::fputs(kUsage, stdout);
            std::exit(0);
        }
        if (i + 1 >= argc)
            die("missing value for " + arg + "\n" + kUsage);
        const std::string value = argv[++i];
        std::string error;
        if (arg == "--targets") {
            for (const std::string &t : split(value, ',')) {
                Endpoint e;
                if (!parseEndpoint(t, &e, &error))
                    die(error);
                o.targets.push_back(e);
            }
        } else if (arg == "--trigger-target") {
            triggerTarget = value;
        } else if (arg == "--token") {
            o.token = value;
        } else if (arg == "--admin-token") {
            o.adminToken = value;
        } else if (arg == "--bid-tokens") {
            o.bidTokens = split(value, ',');
        } else if (arg == "--channel") {
            o.channel = value;
        } else if (arg == "--trigger") {
            o.trigger = value;
        } else if (arg == "--label") {
            o.label = value;
        } else if (arg == "--server-pids") {
            for (const std::string &p : split(value, ','))
                o.serverPids.push_back(std::atol(p.c_str()));
        } else if (arg == "--clients") {
            o.clients = std::atoi(value.c_str());
        } else if (arg == "--workers") {
            o.workers = std::atoi(value.c_str());
        } else if (arg == "--samples") {
            o.samples = std::atoi(value.c_str());
        } else if (arg == "--inflight") {
            o.inflight = std::atoi(value.c_str());
        } else if (arg == "--source-addresses") {
            o.sourceAddresses = std::atoi(value.c_str());
        } else if (arg == "--timeout") {
            o.timeoutMs = int(std::atof(value.c_str()) * 1000);
        } else {
            die("unknown option " + arg + "\n" + kUsage);
        }
    }
    if (o.targets.empty() || o.token.empty() || o.adminToken.empty())
        die(std::string("--targets, --token and --admin-token are required\n") + kUsage);
    if (o.trigger != "leaguedesk" && o.trigger != "node")
        die("--trigger is leaguedesk or node");
    if (o.trigger == "leaguedesk" && o.bidTokens.size() != 2)
        die("--trigger leaguedesk needs --bid-tokens with two managers' tokens (the tie)");
    if (o.clients < 1 || o.samples < 1 || o.inflight < 1 || o.timeoutMs < 1000)
        die("--clients, --samples, --inflight must be >= 1, --timeout >= 1");
    std::string error;
    if (triggerTarget.empty())
        o.triggerTarget = o.targets.front();
    else if (!parseEndpoint(triggerTarget, &o.triggerTarget, &error))
        die(error);
    if (o.workers <= 0) { // one per core (the server(s) share them), and each well under 20 000 files
        const int cores = int(std::max(1L, sysconf(_SC_NPROCESSORS_ONLN)));
        o.workers = std::max({std::min(2, cores), (o.clients + 15999) / 16000});
        o.workers = std::min(o.workers, o.clients);
    }
    if (o.sourceAddresses < 0) {
        const bool loopback = std::all_of(o.targets.begin(), o.targets.end(), [](const Endpoint &e) {
            return (ntohl(e.address.sin_addr.s_addr) >> 24) == 127;
        });
        // One address has about 28 000 ports towards one target; use one per 10 000 clients.
        o.sourceAddresses = loopback ? std::min(250, 1 + o.clients / 10000) : 0;
    }
    // Each worker holds its share of sockets plus a few files; say so before any is opened.
    rlimit files{};
    const long share = (o.clients + o.workers - 1) / o.workers;
    if (getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur != RLIM_INFINITY && rlim_t(share + 32) > files.rlim_cur)
        die("each of " + std::to_string(o.workers) + " workers would hold " + std::to_string(share) +
            " sockets, over the file limit of " + std::to_string(files.rlim_cur) +
            ": raise it (ulimit -n) or use more --workers");
    if (o.label.empty())
        o.label = o.trigger == "node" ? "node-ws" : "leaguedesk";
    return o;
}

// The coordinator's end of one worker's control socket.
struct WorkerLink
{
    pid_t pid = 0;
    int fd = -1;
    std::string in;

    void sendLine(const std::string &line)
    {
        const std::string out = line + "\n";
        if (::write(fd, out.data(), out.size()) != ssize_t(out.size()))
            die("worker " + std::to_string(pid) + " is gone (write)");
    }
    bool fill(int64_t deadline)
    {
        const int64_t left = (deadline - monotonicNs()) / 1000000;
        pollfd p{fd, POLLIN, 0};
        if (left <= 0 || ::poll(&p, 1, int(std::min<int64_t>(left, 1 << 30))) <= 0)
            return false;
        char buffer[65536];
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n <= 0)
            die("worker " + std::to_string(pid) + " died");
        in.append(buffer, size_t(n));
        return true;
    }
    std::string readLine(int64_t deadline, const char *what)
    {
        size_t eol;
        while ((eol = in.find('\n')) == std::string::npos) {
            if (!fill(deadline))
                die(std::string("worker did not answer in time: ") + what);
        }
        std::string line = in.substr(0, eol);
        in.erase(0, eol + 1);
        return line;
    }
    std::string readBytes(size_t size, int64_t deadline)
    {
        while (in.size() < size) {
            if (!fill(deadline))
                die("worker did not send its latencies in time");
        }
        std::string bytes = in.substr(0, size);
        in.erase(0, size);
        return bytes;
    }
};

long rssKiB(long pid)
{
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.compare(0, 6, "VmRSS:") == 0)
            return std::atol(line.c_str() + 6);
    }
    return -1;
}

double cpuSeconds(long pid) // utime + stime
{
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    const size_t close = text.rfind(')');
    if (close == std::string::npos)
        return 0;
    std::istringstream fields(text.substr(close + 2));
    std::string field;
    double ticks = 0;
    for (int i = 3; i <= 15 && fields >> field; ++i) {
        if (i == 14 || i == 15)
            ticks += std::atof(field.c_str());
    }
    return ticks / double(sysconf(_SC_CLK_TCK));
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const size_t index = size_t(std::max(0.0, std::ceil(p * double(values.size())) - 1));
    return values[std::min(index, values.size() - 1)];
}

struct Collected
{
    std::vector<double> latenciesMs;
    long missing = 0, closed = 0, gaps = 0;
    double maxWorkerBusy = 0; // CPU time / (trigger -> its last receipt), the busiest worker
    double workerCpuSeconds = 0;
    std::string firstError;
};

class Coordinator
{
public:
    explicit Coordinator(Options options) : m_o(std::move(options)) {}
    int run();

private:
    void spawn();
    void call(const Endpoint &target, const std::string &method, const std::string &path, const std::string &token,
              const std::string &body, std::string *answer);
    void arm(const std::string &type);
    Collected collect(int64_t t0);
    std::string finalize(const std::string &round); // returns the tiebreaker id
    Collected sample(int index, double *serverCpu);

    Options m_o;
    std::vector<WorkerLink> m_workers;
    long m_lost = 0, m_closed = 0, m_gaps = 0;
};

void Coordinator::spawn()
{
    for (int w = 0; w < m_o.workers; ++w) {
        int pair[2];
        if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0)
            die(std::string("socketpair: ") + std::strerror(errno));
        std::fflush(nullptr);
        const pid_t pid = fork();
        if (pid < 0)
            die(std::string("fork: ") + std::strerror(errno));
        if (pid == 0) {
            for (const WorkerLink &other : m_workers)
                ::close(other.fd);
            ::close(pair[0]);
            WorkerConfig config;
            config.targets = m_o.targets;
            config.token = m_o.token;
            config.channel = m_o.channel;
            config.index = w;
            config.workers = m_o.workers;
            config.totalClients = m_o.clients;
            config.sourceAddresses = m_o.sourceAddresses;
            config.inflight = std::max(1, m_o.inflight / m_o.workers);
            config.timeoutMs = m_o.timeoutMs;
            _exit(runWorker(config, pair[1]));
        }
        ::close(pair[1]);
        m_workers.push_back({pid, pair[0], {}});
    }
}

void Coordinator::call(const Endpoint &target, const std::string &method, const std::string &path,
                       const std::string &token, const std::string &body, std::string *answer)
{
    const HttpReply reply = httpCall(target, m_o.timeoutMs, method, path, token, body);
    if (reply.status < 200 || reply.status >= 300)
        die(method + " " + path + " on " + target.text + ": " +
            (reply.status ? std::to_string(reply.status) + " " + reply.body : reply.error));
    if (answer)
        *answer = reply.body;
}

void Coordinator::arm(const std::string &type)
{
    for (WorkerLink &w : m_workers)
        w.sendLine("arm " + type);
    const int64_t deadline = monotonicNs() + int64_t(m_o.timeoutMs) * 1000000;
    for (WorkerLink &w : m_workers) {
        if (w.readLine(deadline, "arm") != "armed")
            die("worker answered arm wrongly");
    }
}

Collected Coordinator::collect(int64_t t0)
{
    for (WorkerLink &w : m_workers)
        w.sendLine("collect " + std::to_string(t0));
    Collected out;
    const int64_t deadline = monotonicNs() + int64_t(m_o.timeoutMs) * 1000000 + 10000000000;
    for (WorkerLink &w : m_workers) {
        const std::string line = w.readLine(deadline, "collect");
        long n = 0, missing = 0, closed = 0, gaps = 0;
        long long cpu = 0;
        if (std::sscanf(line.c_str(), "collected %ld %ld %ld %ld %lld", &n, &missing, &closed, &gaps, &cpu) != 5)
            die("worker answered collect wrongly: " + line);
        const size_t bar = line.find(" | ");
        const std::string error = bar == std::string::npos ? std::string() : line.substr(bar + 3);
        if (out.firstError.empty())
            out.firstError = error;
        const std::string bytes = w.readBytes(size_t(n) * sizeof(int64_t), deadline);
        const auto *values = reinterpret_cast<const int64_t *>(bytes.data());
        int64_t last = 0;
        for (long i = 0; i < n; ++i) {
            out.latenciesMs.push_back(double(values[i]) / 1e6);
            last = std::max(last, values[i]);
        }
        out.missing += missing;
        out.closed += closed;
        out.gaps += gaps;
        out.workerCpuSeconds += double(cpu) / 1e9;
        if (last > 0)
            out.maxWorkerBusy = std::max(out.maxWorkerBusy, double(cpu) / double(last));
    }
    m_lost += out.missing;
    m_closed = out.closed;
    m_gaps = out.gaps;
    if (out.missing)
        std::fprintf(stderr, "leaguedesk-bench-loadgen: %ld deliveries missing (%ld connections closed)%s%s\n",
                     out.missing, out.closed, out.firstError.empty() ? "" : "; first error: ", out.firstError.c_str());
    return out;
}

Collected Coordinator::sample(int index, double *serverCpu)
{
    std::string round = "R" + std::to_string(index);
    std::string answer;
    if (m_o.trigger == "leaguedesk") {
        call(m_o.triggerTarget, "POST", "/api/v1/admin/rounds", m_o.adminToken,
             "{\"position\":\"GK\",\"currency_type\":\"football\",\"player_ids\":[\"" + m_o.player +
                 "\"],\"closes_at\":\"2099-01-01T00:00:00Z\"}",
             &answer);
        round = jsonString(answer, "round_id");
        if (round.empty())
            die("no round_id in " + answer);
        for (const std::string &token : m_o.bidTokens)
            call(m_o.triggerTarget, "POST", "/api/v1/rounds/" + round + "/bids", token,
                 "{\"player_id\":\"" + m_o.player + "\",\"amount\":100}", nullptr);
    }
    // A quiet start: every client has heard tiebreaker_created before the timed request.
    arm("tiebreaker_created");
    const int64_t createdAt = monotonicNs();
    call(m_o.triggerTarget, "POST", "/api/v1/admin/rounds/" + round + "/finalize", m_o.adminToken, "{}", &answer);
    collect(createdAt);
    const size_t list = answer.find("\"tiebreakers\"");
    const std::string tiebreaker = list == std::string::npos ? std::string() : jsonString(answer.substr(list), "tiebreaker_id");
    if (tiebreaker.empty())
        die("finalize opened no tiebreaker: " + answer);

    arm("tiebreaker_resolved");
    double cpuBefore = 0;
    for (long pid : m_o.serverPids)
        cpuBefore += cpuSeconds(pid);
    HttpConnection http;
    std::string error;
    if (!http.open(m_o.triggerTarget, m_o.timeoutMs, &error))
        die(error);
    const int64_t t0 = monotonicNs();
    const HttpReply reply = http.request("POST", "/api/v1/admin/tiebreakers/" + tiebreaker + "/resolve", m_o.adminToken, "{}");
    if (reply.status != 200)
        die("resolve: " + (reply.status ? std::to_string(reply.status) + " " + reply.body : reply.error));
    Collected c = collect(t0);
    double cpuAfter = 0;
    for (long pid : m_o.serverPids)
        cpuAfter += cpuSeconds(pid);
    *serverCpu = cpuAfter - cpuBefore;
    return c;
}

int Coordinator::run()
{
    spawn();
    for (const Endpoint &target : m_o.targets) // warm up each server's HTTP path (any answer will do)
        httpCall(target, m_o.timeoutMs, "GET", "/api/v1/teams", m_o.adminToken);
    std::vector<long> rssBefore;
    for (long pid : m_o.serverPids)
        rssBefore.push_back(rssKiB(pid));

    const int64_t connectStart = monotonicNs();
    for (WorkerLink &w : m_workers)
        w.sendLine("connect");
    // Every handshake is bounded by --timeout; the whole phase by that times the rounds it needs.
    const long share = (m_o.clients + m_o.workers - 1) / m_o.workers;
    const int64_t connectDeadline =
        connectStart + int64_t(m_o.timeoutMs) * 1000000 * (2 + share / std::max(1, m_o.inflight / m_o.workers));
    long ok = 0, failed = 0;
    std::string firstError;
    for (WorkerLink &w : m_workers) {
        const std::string line = w.readLine(connectDeadline, "connect");
        long a = 0, b = 0;
        if (std::sscanf(line.c_str(), "connected %ld %ld", &a, &b) != 2)
            die("worker answered connect wrongly: " + line);
        ok += a;
        failed += b;
        const size_t bar = line.find(" | ");
        if (firstError.empty() && bar != std::string::npos)
            firstError = line.substr(bar + 3);
    }
    const double connectSeconds = double(monotonicNs() - connectStart) / 1e9;
    if (failed > 0)
        die(std::to_string(failed) + " of " + std::to_string(m_o.clients) + " clients could not connect and subscribe; first error: " +
            firstError);
    std::vector<long> rssAfter;
    for (long pid : m_o.serverPids)
        rssAfter.push_back(rssKiB(pid));

    double serverCpu = 0;
    sample(1, &serverCpu); // warm-up, not counted
    std::vector<double> all, lasts, busy;
    double workerCpu = 0, serverCpuTotal = 0;
    for (int i = 0; i < m_o.samples; ++i) {
        const Collected c = sample(i + 2, &serverCpu);
        all.insert(all.end(), c.latenciesMs.begin(), c.latenciesMs.end());
        if (!c.latenciesMs.empty())
            lasts.push_back(*std::max_element(c.latenciesMs.begin(), c.latenciesMs.end()));
        busy.push_back(c.maxWorkerBusy);
        workerCpu += c.workerCpuSeconds;
        serverCpuTotal += serverCpu;
    }
    const double deliveries = double(std::max<size_t>(1, all.size()));

    std::string rss = "-";
    if (!m_o.serverPids.empty()) {
        rss.clear();
        // Connections per server: clients are spread round-robin.
        for (size_t i = 0; i < m_o.serverPids.size(); ++i) {
            const long perServer = long(m_o.clients / m_o.targets.size()) + (long(i) < long(m_o.clients % m_o.targets.size()) ? 1 : 0);
            const double kib = double(rssAfter[i] - rssBefore[i]) / double(std::max(1L, perServer));
            char text[32];
            std::snprintf(text, sizeof text, "%s%.1f", rss.empty() ? "" : "/", kib);
            rss += text;
        }
    }
    for (WorkerLink &w : m_workers)
        w.sendLine("quit");
    for (WorkerLink &w : m_workers)
        waitpid(w.pid, nullptr, 0);

    std::printf("fanout server=%s clients=%d targets=%zu workers=%d samples=%d p50_ms=%.2f p99_ms=%.2f "
                "last_client_median_ms=%.2f server_rss_per_connection_kib=%s connect_subscribe_s=%.2f lost=%ld "
                "seq_gaps=%ld closed=%ld gen_cpu_us_per_delivery=%.2f gen_busy_median_pct=%.0f "
                "server_cpu_us_per_delivery=%.2f\n",
                m_o.label.c_str(), m_o.clients, m_o.targets.size(), m_o.workers, m_o.samples, percentile(all, 0.5),
                percentile(all, 0.99), percentile(lasts, 0.5),
                rss.c_str(),
                connectSeconds, m_lost, m_gaps, m_closed, workerCpu * 1e6 / deliveries, percentile(busy, 0.5) * 100,
                m_o.serverPids.empty() ? 0.0 : serverCpuTotal * 1e6 / deliveries);
    return m_lost == 0 && m_gaps == 0 ? 0 : 3;
}

} // namespace

int main(int argc, char **argv)
{
    std::signal(SIGPIPE, SIG_IGN);
    return Coordinator(parse(argc, argv)).run();
}

#include "Worker.h"

#include "Sha1.h"
#include "WsFrames.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <memory>
#include <random>

#ifndef IP_BIND_ADDRESS_NO_PORT
#define IP_BIND_ADDRESS_NO_PORT 24
#endif

// Control protocol (coordinator -> worker, one line each; every answer is one line):
//   connect            -> "connected OK FAILED | first error"      (all of this worker's clients)
//   arm TYPE           -> "armed"      forget receipts; the next event of TYPE on each client counts
//   collect T0_NS      -> "collected N MISSING CLOSED GAPS CPU_NS | first error", then N int64
//                         latencies (receipt - T0, ns), once every live client has one or after
//                         timeoutMs; CPU_NS is this process's CPU time since `arm`
//   quit               -> exits (connections reset, so no TIME_WAIT is left on the ports)

int64_t monotonicNs()
{
    timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return int64_t(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

namespace {

int64_t cpuNs()
{
    timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return int64_t(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

constexpr uint32_t kControl = UINT32_MAX;

enum class State : uint8_t { Idle, Connecting, Handshake, Subscribing, Live, Failed };

struct Client
{
    int fd = -1;
    int global = 0; // index over all workers
    State state = State::Idle;
    int64_t seq = -1;        // the channel's last seq heard
    int64_t receivedAt = -1; // receipt of the armed type since `arm`
    int64_t startedAt = 0;
    std::string key;      // Sec-WebSocket-Key while the handshake runs
    std::string in;       // bytes not yet parsed
    std::string out;      // bytes not yet written
    std::string fragment; // a message arriving in several frames
};

// Cheap lookups in the servers' compact JSON: what follows "key": (optional spaces).
const char *jsonValue(const char *text, size_t size, const char *quotedKey, size_t keySize)
{
    const char *end = text + size;
    const char *at = static_cast<const char *>(memmem(text, size, quotedKey, keySize));
    if (!at)
        return nullptr;
    at += keySize;
    while (at < end && (*at == ' ' || *at == ':'))
        ++at;
    return at < end ? at : nullptr;
}

bool jsonIs(const char *text, size_t size, const char *quotedKey, const std::string &quotedValue)
{
    const char *v = jsonValue(text, size, quotedKey, std::strlen(quotedKey));
    return v && size_t(text + size - v) >= quotedValue.size() && std::memcmp(v, quotedValue.data(), quotedValue.size()) == 0;
}

class Worker
{
public:
    Worker(const WorkerConfig &config, int controlFd) : m_config(config), m_control(controlFd), m_random(std::random_device{}())
    {
        for (int g = config.index; g < config.totalClients; g += config.workers) {
            Client c;
            c.global = g;
            m_clients.push_back(std::move(c));
        }
        m_subscribe = "{\"op\":\"subscribe\",\"id\":1,\"channel\":\"" + config.channel + "\"}";
    }

    int run();

private:
    void startMore(int64_t now);
    void startOne(Client &c, int64_t now);
    void onEvent(Client &c, uint32_t events, int64_t now);
    void onReadable(Client &c, int64_t now);
    void onData(Client &c, size_t n, int64_t at);
    size_t onBytes(Client &c, const char *data, size_t size, int64_t now);
    void onMessage(Client &c, const char *text, size_t size, int64_t now);
    void send(Client &c, uint8_t opcode, const char *payload, size_t size);
    void flush(Client &c);
    void fail(Client &c, const std::string &why);
    void finishConnecting(Client &c, bool ok);
    void checkDeadlines(int64_t now);
    bool onControl();
    void answerConnect();
    void answerCollect(int64_t now);
    void reply(const std::string &line, const void *extra = nullptr, size_t extraSize = 0);
    uint32_t mask() { return uint32_t(m_random()); }

    const WorkerConfig &m_config;
    int m_control;
    int m_epoll = -1;
    std::mt19937 m_random;
    std::vector<Client> m_clients;
    std::string m_subscribe;
    std::string m_controlIn;
    std::string m_firstError;
    char m_buffer[1 << 16];

    // connect phase
    bool m_connecting = false;
    size_t m_next = 0; // next client to start
    int m_underWay = 0;
    int m_ok = 0, m_failed = 0;
    int64_t m_lastDeadlineCheck = 0;

    // a sample
    std::string m_armedType; // "\"tiebreaker_resolved\""
    bool m_collecting = false;
    int64_t m_t0 = 0, m_collectDeadline = 0, m_cpuAtArm = 0;
    int m_pending = 0;     // live clients without a receipt yet
    int m_closed = 0;      // live clients closed since (all time)
    int64_t m_gaps = 0;    // events missing in some client's seq sequence (all time)
};

int Worker::run()
{
    m_epoll = epoll_create1(EPOLL_CLOEXEC);
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.u32 = kControl;
    if (m_epoll < 0 || epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_control, &ev) != 0) {
        std::perror("worker: epoll");
        return 1;
    }
    epoll_event events[512];
    for (;;) {
        const int n = epoll_wait(m_epoll, events, 512, 50);
        if (n < 0 && errno != EINTR) {
            std::perror("worker: epoll_wait");
            return 1;
        }
        const int64_t now = monotonicNs();
        for (int i = 0; i < n; ++i) {
            if (events[i].data.u32 == kControl) {
                if (!onControl())
                    return 0;
            } else {
                onEvent(m_clients[events[i].data.u32], events[i].events, now);
            }
        }
        if (m_connecting) {
            checkDeadlines(now);
            startMore(now);
            if (m_ok + m_failed == int(m_clients.size()))
                answerConnect();
        }
        if (m_collecting && (m_pending == 0 || now >= m_collectDeadline))
            answerCollect(now);
    }
}

void Worker::startMore(int64_t now)
{
    while (m_next < m_clients.size() && m_underWay < m_config.inflight) {
        startOne(m_clients[m_next++], now);
    }
}

void Worker::startOne(Client &c, int64_t now)
{
    c.startedAt = now;
    c.state = State::Connecting;
    ++m_underWay;
    c.fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (c.fd < 0)
        return fail(c, std::string("socket: ") + std::strerror(errno));
    const int one = 1;
    setsockopt(c.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (m_config.sourceAddresses > 0) {
        // The port is picked at connect() for the whole 4-tuple, so each source address has the
        // full ephemeral range towards each target.
        setsockopt(c.fd, IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &one, sizeof one);
        sockaddr_in source{};
        source.sin_family = AF_INET;
        source.sin_addr.s_addr = htonl((127u << 24) + 1 + uint32_t(c.global % m_config.sourceAddresses));
        if (::bind(c.fd, reinterpret_cast<sockaddr *>(&source), sizeof source) != 0)
            return fail(c, std::string("bind: ") + std::strerror(errno));
    }
    const Endpoint &target = m_config.targets[size_t(c.global) % m_config.targets.size()];
    if (::connect(c.fd, reinterpret_cast<const sockaddr *>(&target.address), sizeof target.address) != 0 &&
        errno != EINPROGRESS)
        return fail(c, "connect " + target.text + ": " + std::strerror(errno));
    // Edge-triggered, registered once: no epoll_ctl per write, and a socket that was read dry is
    // not polled again by the next epoll_wait (A/B against level-triggered at 19 000 clients:
    // within the machine's noise, 3.7-6.7 against 4.7-6.6 us per delivery).
    epoll_event ev{};
    ev.events = EPOLLIN | EPOLLOUT | EPOLLET;
    ev.data.u32 = uint32_t(&c - m_clients.data());
    if (epoll_ctl(m_epoll, EPOLL_CTL_ADD, c.fd, &ev) != 0)
        return fail(c, std::string("epoll_ctl: ") + std::strerror(errno));
}

void Worker::onEvent(Client &c, uint32_t events, int64_t now)
{
    if (c.state == State::Failed)
        return;
    if (c.state == State::Connecting) {
        int error = 0;
        socklen_t len = sizeof error;
        getsockopt(c.fd, SOL_SOCKET, SO_ERROR, &error, &len);
        if (error != 0)
            return fail(c, "connect " + m_config.targets[size_t(c.global) % m_config.targets.size()].text + ": " +
                               std::strerror(error));
        uint8_t raw[16];
        for (uint8_t &b : raw)
            b = uint8_t(m_random());
        c.key = base64(std::string(reinterpret_cast<char *>(raw), sizeof raw));
        const Endpoint &target = m_config.targets[size_t(c.global) % m_config.targets.size()];
        c.out = "GET /api/v1/live HTTP/1.1\r\nHost: " + target.text +
                "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: " +
                c.key + "\r\nAuthorization: Bearer " + m_config.token + "\r\n\r\n";
        c.state = State::Handshake;
        flush(c);
        return;
    }
    if ((events & EPOLLOUT) && !c.out.empty())
        flush(c);
    if (c.state != State::Failed && (events & (EPOLLIN | EPOLLHUP | EPOLLERR)))
        onReadable(c, now);
}

// Edge-triggered: reads until a read comes back short (the queue was empty then; bytes arriving
// later raise a new edge).
void Worker::onReadable(Client &c, int64_t)
{
    for (;;) {
        const ssize_t n = ::recv(c.fd, m_buffer, sizeof m_buffer, 0);
        if (n == 0)
            return fail(c, "connection closed by the server without a close frame");
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN)
                return;
            return fail(c, std::string("recv: ") + std::strerror(errno));
        }
        onData(c, size_t(n), monotonicNs()); // the receipt time: right after the bytes arrived
        if (c.state == State::Failed || size_t(n) < sizeof m_buffer)
            return;
    }
}

void Worker::onData(Client &c, size_t n, int64_t at)
{
    if (c.in.empty()) {
        const size_t used = onBytes(c, m_buffer, size_t(n), at);
        if (c.state != State::Failed && used < n)
            c.in.assign(m_buffer + used, n - used);
    } else {
        c.in.append(m_buffer, n);
        const size_t used = onBytes(c, c.in.data(), c.in.size(), at);
        if (c.state != State::Failed)
            c.in.erase(0, used);
    }
}

// Handshake answer, then frames; returns the bytes used.
size_t Worker::onBytes(Client &c, const char *data, size_t size, int64_t now)
{
    size_t used = 0;
    if (c.state == State::Handshake) {
        const char *end = static_cast<const char *>(memmem(data, size, "\r\n\r\n", 4));
        if (!end) {
            if (size > 16384)
                fail(c, "handshake answer over 16 KiB");
            return 0;
        }
        const std::string head(data, size_t(end - data));
        used = head.size() + 4;
        if (head.compare(0, 12, "HTTP/1.1 101") != 0) {
            fail(c, "handshake refused: " + head.substr(0, head.find('\r')));
            return used;
        }
        std::string lower = head;
        for (char &ch : lower)
            ch = char(std::tolower(uint8_t(ch)));
        const size_t at = lower.find("\r\nsec-websocket-accept:");
        std::string accept;
        if (at != std::string::npos) {
            size_t from = at + 23;
            while (from < head.size() && head[from] == ' ')
                ++from;
            accept = head.substr(from, head.find('\r', from) - from);
            while (!accept.empty() && accept.back() == ' ')
                accept.pop_back();
        }
        if (accept != webSocketAccept(c.key)) {
            fail(c, "handshake: wrong or missing Sec-WebSocket-Accept");
            return used;
        }
        c.key.clear();
        c.key.shrink_to_fit();
        c.state = State::Subscribing;
        send(c, WsText, m_subscribe.data(), m_subscribe.size());
    }
    while (c.state != State::Failed) {
        WsFrame frame;
        const char *error = nullptr;
        const long n = parseServerFrame(data + used, size - used, &frame, &error);
        if (n == 0)
            break;
        if (n < 0) {
            fail(c, error);
            break;
        }
        used += size_t(n);
        switch (frame.opcode) {
        case WsPing:
            send(c, WsPong, frame.payload, frame.size);
            break;
        case WsPong:
            break;
        case WsClose: {
            const int code = frame.size >= 2 ? (uint8_t(frame.payload[0]) << 8 | uint8_t(frame.payload[1])) : 1005;
            const std::string reason = frame.size > 2 ? std::string(frame.payload + 2, frame.size - 2) : std::string();
            send(c, WsClose, frame.payload, frame.size >= 2 ? 2 : 0);
            fail(c, "closed by the server: " + std::to_string(code) + (reason.empty() ? "" : " " + reason));
            break;
        }
        case WsText:
        case WsBinary:
            if (frame.fin)
                onMessage(c, frame.payload, frame.size, now);
            else
                c.fragment.assign(frame.payload, frame.size);
            break;
        case WsContinuation:
            c.fragment.append(frame.payload, frame.size);
            if (frame.fin) {
                onMessage(c, c.fragment.data(), c.fragment.size(), now);
                c.fragment.clear();
            }
            break;
        default:
            fail(c, "unknown opcode " + std::to_string(frame.opcode));
        }
    }
    return used;
}

void Worker::onMessage(Client &c, const char *text, size_t size, int64_t now)
{
    static const std::string event = "\"event\"", subscribed = "\"subscribed\"", error = "\"error\"";
    if (c.state == State::Live) {
        if (!jsonIs(text, size, "\"op\"", event))
            return; // pong
        const char *seqText = jsonValue(text, size, "\"seq\"", 5);
        const int64_t seq = seqText ? std::strtoll(seqText, nullptr, 10) : -1;
        if (c.seq >= 0 && seq != c.seq + 1)
            m_gaps += seq > c.seq ? seq - c.seq - 1 : 1;
        c.seq = seq;
        if (c.receivedAt < 0 && !m_armedType.empty() && jsonIs(text, size, "\"type\"", m_armedType)) {
            c.receivedAt = now;
            --m_pending;
        }
        return;
    }
    if (c.state != State::Subscribing)
        return;
    if (jsonIs(text, size, "\"op\"", subscribed)) {
        const char *seqText = jsonValue(text, size, "\"seq\"", 5);
        c.seq = seqText ? std::strtoll(seqText, nullptr, 10) : -1;
        c.state = State::Live;
        finishConnecting(c, true);
    } else if (jsonIs(text, size, "\"op\"", error)) {
        fail(c, "subscribe refused: " + std::string(text, size));
    }
}

void Worker::send(Client &c, uint8_t opcode, const char *payload, size_t size)
{
    appendClientFrame(&c.out, opcode, payload, size, mask());
    flush(c);
}

void Worker::flush(Client &c)
{
    while (!c.out.empty()) {
        const ssize_t n = ::send(c.fd, c.out.data(), c.out.size(), MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EAGAIN || errno == EINTR)
                break;
            return fail(c, std::string("send: ") + std::strerror(errno));
        }
        c.out.erase(0, size_t(n));
    }
}

void Worker::fail(Client &c, const std::string &why)
{
    const State was = c.state;
    c.state = State::Failed;
    if (m_firstError.empty())
        m_firstError = "client " + std::to_string(c.global) + ": " + why;
    if (c.fd >= 0) {
        ::close(c.fd); // also leaves the epoll set
        c.fd = -1;
    }
    c.in.clear();
    c.out.clear();
    if (was == State::Live) {
        ++m_closed;
        if (c.receivedAt < 0 && !m_armedType.empty())
            --m_pending;
    } else if (was != State::Idle) {
        finishConnecting(c, false);
    }
}

void Worker::finishConnecting(Client &, bool ok)
{
    --m_underWay;
    ++(ok ? m_ok : m_failed);
}

void Worker::checkDeadlines(int64_t now)
{
    if (now - m_lastDeadlineCheck < 200000000)
        return;
    m_lastDeadlineCheck = now;
    const int64_t limit = int64_t(m_config.timeoutMs) * 1000000;
    for (size_t i = 0; i < m_next; ++i) {
        Client &c = m_clients[i];
        if ((c.state == State::Connecting || c.state == State::Handshake || c.state == State::Subscribing) &&
            now - c.startedAt > limit) {
            static const char *names[] = {"idle", "TCP connect", "WebSocket handshake", "subscribe", "live", "failed"};
            fail(c, std::string("no progress within the timeout, still in ") + names[int(c.state)]);
        }
    }
}

bool Worker::onControl()
{
    const ssize_t n = ::read(m_control, m_buffer, sizeof m_buffer);
    if (n <= 0)
        return false; // the coordinator is gone
    m_controlIn.append(m_buffer, size_t(n));
    size_t eol;
    while ((eol = m_controlIn.find('\n')) != std::string::npos) {
        const std::string line = m_controlIn.substr(0, eol);
        m_controlIn.erase(0, eol + 1);
        if (line == "connect") {
            m_connecting = true;
            startMore(monotonicNs());
            if (m_clients.empty())
                answerConnect();
        } else if (line.compare(0, 4, "arm ") == 0) {
            m_armedType = "\"" + line.substr(4) + "\"";
            m_pending = 0;
            for (Client &c : m_clients) {
                c.receivedAt = -1;
                if (c.state == State::Live)
                    ++m_pending;
            }
            m_cpuAtArm = cpuNs();
            reply("armed");
        } else if (line.compare(0, 8, "collect ") == 0) {
            m_t0 = std::strtoll(line.c_str() + 8, nullptr, 10);
            m_collecting = true;
            m_collectDeadline = monotonicNs() + int64_t(m_config.timeoutMs) * 1000000;
        } else if (line == "quit") {
            const linger reset{1, 0};
            for (Client &c : m_clients) {
                if (c.fd >= 0)
                    setsockopt(c.fd, SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
            }
            return false;
        }
    }
    return true;
}

void Worker::answerConnect()
{
    m_connecting = false;
    reply("connected " + std::to_string(m_ok) + " " + std::to_string(m_failed) + " | " + m_firstError);
}

void Worker::answerCollect(int64_t)
{
    m_collecting = false;
    const int64_t cpu = cpuNs() - m_cpuAtArm;
    std::vector<int64_t> latencies;
    for (const Client &c : m_clients) {
        if (c.receivedAt >= 0)
            latencies.push_back(c.receivedAt - m_t0);
    }
    // Every client that ever subscribed should have it, also those closed since.
    const int missing = m_ok - int(latencies.size());
    m_armedType.clear();
    reply("collected " + std::to_string(latencies.size()) + " " + std::to_string(missing) + " " +
              std::to_string(m_closed) + " " + std::to_string(m_gaps) + " " + std::to_string(cpu) + " | " +
              m_firstError,
          latencies.data(), latencies.size() * sizeof(int64_t));
}

void Worker::reply(const std::string &line, const void *extra, size_t extraSize)
{
    std::string out = line + "\n";
    out.append(static_cast<const char *>(extra), extraSize);
    for (size_t sent = 0; sent < out.size();) {
        const ssize_t n = ::write(m_control, out.data() + sent, out.size() - sent);
        if (n <= 0) {
            if (n < 0 && errno == EINTR)
                continue;
            return; // the coordinator is gone; the next read ends the loop
        }
        sent += size_t(n);
    }
}

} // namespace

int runWorker(const WorkerConfig &config, int controlFd)
{
    auto worker = std::make_unique<Worker>(config, controlFd); // big (clients, buffers): on the heap
    return worker->run();
}

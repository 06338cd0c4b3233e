// Server side of REST: raw bytes as one HTTP request to the real HttpApi (routes, paths and their
// arguments, headers, JSON bodies, every handler, the demo league in an in-memory SQLite database), served by
// QHttpServer in this process over loopback. "@ADMIN@" and "@MANAGER@" in the input become an
// admin's and SSPSLT0001's manager's token, so the corpus can reach past authentication. The
// league lives across inputs, so sequences of changes are exercised too.
#include "FuzzTarget.h"

#include "Clock.h"
#include "Database.h"
#include "DemoSeeder.h"
#include "EventBus.h"
#include "EventHistory.h"
#include "HttpApi.h"
#include "LeagueService.h"
#include "RateLimiter.h"
#include "TokenStore.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QHttpServer>
#include <QLoggingCategory>
#include <QTcpServer>
#include <QTcpSocket>
#include <QWebSocket>

#include <cstdio>
#include <cstdlib>
#include <memory>

namespace {

struct Server
{
    Database db;
    std::unique_ptr<EventHistory> history;
    std::unique_ptr<TokenStore> tokens;
    InProcessEventBus bus;
    SystemClock clock;
    std::unique_ptr<LeagueService> league;
    RateLimiter rateLimiter{0, 0}; // off: the fuzzer is one very busy client
    QHttpServer http;
    std::unique_ptr<HttpApi> api;
    QTcpServer *tcp = nullptr; // owned by `http` once bound
    QByteArray adminToken;
    QByteArray managerToken;
};

QCoreApplication *app = nullptr; // never destroyed: static destructors run after Qt is gone
Server *server = nullptr; // never destroyed: static destructors run after Qt is gone

[[noreturn]] void fail(const char *why)
{
    std::fprintf(stderr, "http_request fuzz target: %s\n", why);
    std::abort();
}

// Whether `bytes` hold one complete HTTP response (headers plus Content-Length bytes of body).
bool complete(const QByteArray &bytes)
{
    const qsizetype end = bytes.indexOf("\r\n\r\n");
    if (end < 0)
        return false;
    const QByteArray head = bytes.left(end).toLower();
    if (head.startsWith("http/1.1 304") || head.startsWith("http/1.1 101") || head.startsWith("http/1.1 1"))
        return true;
    const qsizetype at = head.indexOf("content-length:");
    if (at < 0)
        return true;
    const qsizetype lineEnd = head.indexOf("\r\n", at);
    const qint64 length = head.mid(at + 15, lineEnd < 0 ? -1 : lineEnd - at - 15).trimmed().toLongLong();
    return bytes.size() - (end + 4) >= length;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    QLoggingCategory::setFilterRules(QStringLiteral("*.debug=false\n*.info=false\n*.warning=false"));
    qputenv("QT_NO_GLIB", "1");
    app = new QCoreApplication(*argc, *argv);
    server = new Server();
    Server &s = *server;
    // In memory: the process is never torn down cleanly (see above), so no file is left behind.
    if (!s.db.open(QStringLiteral("sqlite::memory:")))
        fail("cannot open the database");
    s.history = std::make_unique<EventHistory>(s.db);
    s.tokens = std::make_unique<TokenStore>(s.db);
    s.league = std::make_unique<LeagueService>(s.db, *s.history, s.bus, LeagueService::Settings{}, s.clock);
    if (!DemoSeeder(s.db, *s.league).seed())
        fail("cannot seed the demo league");
    s.adminToken = s.tokens->issue(Principal::Role::Admin, {}, QStringLiteral("Fuzz Admin")).toUtf8();
    s.managerToken = s.tokens->issue(Principal::Role::Manager, QStringLiteral("SSPSLT0001"), QStringLiteral("Fuzz")).toUtf8();
    s.api = std::make_unique<HttpApi>(s.http, *s.tokens, *s.league, s.db, s.rateLimiter, HttpApi::HealthInfo{});
    s.tcp = new QTcpServer;
    if (!s.tcp->listen(QHostAddress::LocalHost, 0))
        fail("cannot listen");
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
    if (!s.http.bind(s.tcp))
        fail("cannot bind the HTTP server");
#else
    s.http.bind(s.tcp);
#endif
    // Upgrades to the live channel are accepted by QHttpServer; nobody serves them here.
    QObject::connect(&s.http, &QHttpServer::newWebSocketConnection, &s.http, [] {
        while (server->http.hasPendingWebSocketConnections())
            server->http.nextPendingWebSocketConnection().reset();
    });
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QByteArray request(reinterpret_cast<const char *>(data), qsizetype(size));
    request.replace("@ADMIN@", server->adminToken);
    request.replace("@MANAGER@", server->managerToken);

    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, server->tcp->serverPort());
    QByteArray answer;
    bool closed = false;
    QObject::connect(&socket, &QTcpSocket::connected, &socket, [&] { socket.write(request); });
    QObject::connect(&socket, &QTcpSocket::readyRead, &socket, [&] { answer += socket.readAll(); });
    QObject::connect(&socket, &QTcpSocket::disconnected, &socket, [&] { closed = true; });
    // Most inputs get an answer within a few event-loop turns; an incomplete request gets none,
    // and the deadline keeps such inputs cheap.
    const QDeadlineTimer deadline(200);
    while (!closed && !complete(answer) && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    socket.abort();
    QCoreApplication::processEvents(); // let the server side notice and clean up
    return 0;
}

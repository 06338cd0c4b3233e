// leaguedesk-server: the reference implementation of PROTOCOL.md (REST + live channel) on one port.

#include "Clock.h"
#include "Database.h"
#include "DemoSeeder.h"
#include "EventBus.h"
#include "EventHistory.h"
#include "HttpApi.h"
#include "LeagueService.h"
#include "LiveHub.h"
#include "Logging.h"
#include "PostgresFanout.h"
#include "ServerOptions.h"
#include "ShutdownSignals.h"
#include "Simulator.h"
#include "TiebreakerTimer.h"
#include "TokenStore.h"
#include "TrackingTcpServer.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QHash>
#include <QHttpServer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QTcpServer>
#include <QTimer>

#include <cstdio>
#include <memory>
#include <utility>

namespace {

// --tokens-out keeps what it wrote before: if FILE holds tokens that are all still valid for this
// database (an admin and one manager per team), they are used again, so clients keep working
// across restarts and restarts do not pile up valid tokens. Otherwise the ones still valid are
// revoked and fresh ones are written.
bool reuseTokens(const QString &path, const TokenStore &tokens, const QList<std::pair<QString, QString>> &teams,
                 QStringList *stale)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QJsonObject object = QJsonDocument::fromJson(file.read(1024 * 1024)).object();
    const QString admin = object.value(QLatin1String("admin")).toString();
    const QJsonObject managers = object.value(QLatin1String("managers")).toObject();
    QStringList listed{admin};
    for (auto it = managers.begin(); it != managers.end(); ++it)
        listed.append(it.value().toString());
    bool allValid = true;
    for (const QString &token : std::as_const(listed)) {
        if (tokens.lookup(token))
            stale->append(token);
        else
            allValid = false;
    }
    const auto adminPrincipal = tokens.lookup(admin);
    if (!allValid || !adminPrincipal || !adminPrincipal->isAdmin() || managers.size() != teams.size())
        return false;
    for (const auto &[teamId, manager] : teams) {
        const auto principal = tokens.lookup(managers.value(teamId).toString());
        if (!principal || principal->teamId != teamId)
            return false;
    }
    return true;
}

bool writeTokens(const QString &path, const TokenStore &tokens, const Database &db, QString *error)
{
    QJsonObject managers;
    QString admin;
    try {
        Transaction tx(db);
        QList<std::pair<QString, QString>> teams;
        {
            QSqlQuery q = db.exec(QStringLiteral("SELECT team_id, manager FROM teams ORDER BY team_id"));
            while (q.next())
                teams.append({q.value(0).toString(), q.value(1).toString()});
        }
        QStringList stale;
        if (reuseTokens(path, tokens, teams, &stale)) {
            qCInfo(lcServer).noquote() << "--tokens-out: the tokens in" << path << "are still valid; kept";
            return true;
        }
        for (const QString &token : std::as_const(stale))
            tokens.revoke(token);
        admin = tokens.issue(Principal::Role::Admin, {}, QStringLiteral("League Admin"));
        for (const auto &[teamId, manager] : teams)
            managers.insert(teamId, tokens.issue(Principal::Role::Manager, teamId, manager));
        tx.commit();
    } catch (const DbError &e) {
        *error = QString::fromStdString(e.what());
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = file.errorString();
        return false;
    }
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner); // credentials
    file.write(QJsonDocument(QJsonObject{{QStringLiteral("admin"), admin}, {QStringLiteral("managers"), managers}})
                   .toJson(QJsonDocument::Indented));
    if (!file.commit()) {
        *error = file.errorString();
        return false;
    }
    return true;
}

// "30d", "12h", "15m", "90s" (or plain seconds) to seconds; 0 when unusable.
qint64 durationSeconds(const QString &text)
{
    static const QHash<QChar, qint64> units{{QLatin1Char('s'), 1}, {QLatin1Char('m'), 60}, {QLatin1Char('h'), 3600},
                                             {QLatin1Char('d'), 86400}};
    const qint64 unit = text.isEmpty() ? 0 : units.value(text.back(), 0);
    bool ok = false;
    const qint64 amount = (unit ? text.chopped(1) : text).toLongLong(&ok);
    if (!ok || amount <= 0 || amount > 100LL * 365 * 86400)
        return 0;
    return amount * (unit ? unit : 1);
}

// `leaguedesk-server token create --team ID | --admin [--expires 30d]`, `token list` and
// `token revoke TOKEN|ID`, against --database.
int tokenCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Create, list or revoke API tokens.\n"
                                                    "  token create --team ID | --admin [--expires 30d]   prints a new token\n"
                                                    "  token list                                         ids, roles, teams, expiry (never the tokens)\n"
                                                    "  token revoke TOKEN|ID                              revokes it (live sockets close with 4401)"));
    parser.addHelpOption();
    const QCommandLineOption database(QStringLiteral("database"), QStringLiteral("Database URL."), QStringLiteral("URL"));
    const QCommandLineOption team(QStringLiteral("team"), QStringLiteral("Manager token for this team."), QStringLiteral("ID"));
    const QCommandLineOption admin(QStringLiteral("admin"), QStringLiteral("Admin token."));
    const QCommandLineOption name(QStringLiteral("name"), QStringLiteral("Name for /me (default: the team's manager)."),
                                  QStringLiteral("NAME"));
    const QCommandLineOption expires(QStringLiteral("expires"),
                                     QStringLiteral("Token expires after DURATION (e.g. 30d, 12h, 15m, 90s)."),
                                     QStringLiteral("DURATION"));
    parser.addOptions({database, team, admin, name, expires});
    parser.addPositionalArgument(QStringLiteral("action"), QStringLiteral("create, list or revoke"));
    QStringList args = arguments;
    args.removeAt(1); // "token"
    parser.process(args);
    const QStringList positional = parser.positionalArguments();
    const QString action = positional.value(0);
    QString error;
    const QString url = parser.isSet(database) ? parser.value(database) : ServerOptions::defaultDatabaseUrl(&error);
    if (url.isEmpty()) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 2;
    }
    const bool create = action == QLatin1String("create") && positional.size() == 1
        && (parser.isSet(team) != parser.isSet(admin));
    const bool revoke = action == QLatin1String("revoke") && positional.size() == 2;
    const bool list = action == QLatin1String("list") && positional.size() == 1;
    const qint64 lifetime = parser.isSet(expires) ? durationSeconds(parser.value(expires)) : -1;
    if ((!create && !revoke && !list) || lifetime == 0) {
        std::fprintf(stderr, "usage: leaguedesk-server token create --team ID | --admin [--expires 30d] [--database URL]\n"
                             "       leaguedesk-server token list [--database URL]\n"
                             "       leaguedesk-server token revoke TOKEN|ID [--database URL]\n");
        return 2;
    }
    Database db;
    if (!db.open(url)) {
        std::fprintf(stderr, "database: %s\n", qPrintable(db.errorString()));
        return 1;
    }
    TokenStore tokens(db);
    try {
        if (revoke) {
            // A token starts with ld_; anything else is an id from `token list`.
            const QString which = positional.at(1);
            const bool existed = which.startsWith(QLatin1String("ld_")) ? tokens.revoke(which) : tokens.revokeById(which);
            std::fprintf(stderr, "%s\n", existed ? "revoked" : "no such token (or the id matches several)");
            return existed ? 0 : 1;
        }
        if (list) {
            // One line per token: ID ROLE TEAM EXPIRES NAME (TEAM "-" for admins, EXPIRES "never").
            const QList<TokenStore::Listed> all = tokens.list();
            for (const TokenStore::Listed &t : all) {
                std::printf("%s %s %s %s %s\n", qPrintable(t.id), qPrintable(t.role),
                            qPrintable(t.teamId.isEmpty() ? QStringLiteral("-") : t.teamId),
                            qPrintable(t.expiresAt.isEmpty() ? QStringLiteral("never") : t.expiresAt), qPrintable(t.name));
            }
            return 0;
        }
        QString displayName = parser.value(name);
        if (parser.isSet(team)) {
            QSqlQuery q = db.exec(QStringLiteral("SELECT manager FROM teams WHERE team_id = ?"), {parser.value(team)});
            if (!q.next()) {
                std::fprintf(stderr, "no team %s\n", qPrintable(parser.value(team)));
                return 1;
            }
            if (displayName.isEmpty())
                displayName = q.value(0).toString();
        } else if (displayName.isEmpty()) {
            displayName = QStringLiteral("League Admin");
        }
        const QDateTime expiry = lifetime > 0 ? QDateTime::currentDateTimeUtc().addSecs(lifetime) : QDateTime();
        const QString token = tokens.issue(parser.isSet(admin) ? Principal::Role::Admin : Principal::Role::Manager,
                                           parser.isSet(team) ? parser.value(team) : QString(), displayName, expiry);
        std::printf("%s\n", qPrintable(token));
        return 0;
    } catch (const DbError &e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 1;
    }
}

} // namespace

int main(int argc, char *argv[])
{
    // Qt's default event dispatcher on Linux is GLib's, which rebuilds its poll set on every
    // iteration: with thousands of live sockets that made one broadcast to 5000 clients about 4x
    // slower (docs/PERFORMANCE.md). The server needs no GLib integration, so use Qt's own UNIX
    // dispatcher unless the environment already chose.
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("LeagueDesk"));
    QCoreApplication::setApplicationName(QStringLiteral("leaguedesk-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LEAGUEDESK_VERSION));

    if (QCoreApplication::arguments().value(1) == QLatin1String("token"))
        return tokenCommand(QCoreApplication::arguments());

    ServerOptions options;
    QString error;
    if (!ServerOptions::parse(QCoreApplication::arguments(), &options, &error)) {
        qCCritical(lcServer).noquote() << error;
        return 2;
    }

    Database db;
    if (!db.open(options.databaseUrl)) {
        qCCritical(lcServer).noquote() << "database:" << db.errorString();
        return 1;
    }

    std::unique_ptr<EventHistory> history;
    try {
        history = std::make_unique<EventHistory>(db);
    } catch (const DbError &e) {
        qCCritical(lcServer) << "cannot read the live history:" << e.what();
        return 1;
    }
    TokenStore tokens(db);
    // One process on SQLite: events go straight to the LiveHub. On PostgreSQL several instances
    // may share the database, so every instance delivers what any of them committed.
    InProcessEventBus localBus;
    std::unique_ptr<PostgresFanout> fanout;
    if (db.dialect() == Database::Dialect::Postgres)
        fanout = std::make_unique<PostgresFanout>(db, options.databaseUrl);
    EventBus &bus = fanout ? static_cast<EventBus &>(*fanout) : localBus;
    SystemClock clock;
    history->setRetention(options.historyEvents, options.historySeconds);
    LeagueService::Settings settings;
    settings.tiebreakerSeconds = options.tiebreakerSeconds;
    LeagueService league(db, *history, bus, settings, clock);
    LiveHub hub(tokens, league.reader(), *history);
    TiebreakerTimer tiebreakerTimer(league, clock);
    league.setDeadlinesChanged([&tiebreakerTimer] { tiebreakerTimer.scheduleSoon(); });
    if (fanout) {
        fanout->setDeliver([&hub](const LiveEvent &event) { hub.deliver(event); });
        // A tiebreaker another instance created or extended gets a timer here too (if that
        // instance stops, this one resolves it; if both fire, one resolution wins).
        QObject::connect(fanout.get(), &PostgresFanout::deliveredFromDatabase, &tiebreakerTimer,
                         [&tiebreakerTimer](bool tiebreakers) {
                             if (tiebreakers)
                                 tiebreakerTimer.scheduleSoon();
                         });
    } else {
        localBus.subscribe([&hub](const LiveEvent &event) { hub.deliver(event); });
    }

    try {
        // Instances started at once: one seeds (only an empty database), the others wait and
        // then find the league there.
        AdvisoryLock startup(db, Database::Lock::Startup);
        if (options.demo && !DemoSeeder(db, league).seed())
            return 1;
        if (!options.tokensOut.isEmpty() && !writeTokens(options.tokensOut, tokens, db, &error)) {
            qCCritical(lcServer).noquote() << "cannot write tokens to" << options.tokensOut << ":" << error;
            return 1;
        }
    } catch (const DbError &e) {
        qCCritical(lcServer) << "start-up lock failed:" << e.what();
        return 1;
    }
    if (fanout && !fanout->start(&error)) {
        qCCritical(lcServer).noquote() << "live fan-out:" << error;
        return 1;
    }

    // Deadlines that passed while the server was down resolve now; the rest get their timer.
    tiebreakerTimer.scheduleSoon();

    QHttpServer http;
    RateLimiter rateLimiter(options.rateLimit, options.rateBurst);
    if (options.rateLimitFrozen)
        rateLimiter.freezeRefill();
    // QHttpServer takes ownership in bind().
    TrackingTcpServer::Limits limits;
    limits.idleSeconds = options.idleSeconds;
    limits.maxPerAddress = options.maxConnectionsPerAddress;
    limits.maxConnections = options.maxConnections;
    limits.requestTimeoutMs = options.requestTimeoutMs;
    limits.maxPipelined = options.maxPipelined;
    limits.maxWriteBufferBytes = options.maxWriteBufferBytes;
    limits.maxWriteBufferTotalBytes = options.maxWriteBufferTotalBytes;
    limits.intake.maxHeaderBytes = options.maxHeaderBytes;
    limits.intake.maxUrlBytes = options.maxUrlBytes;
    limits.intake.maxBodyBytes = HttpApi::kMaxBodyBytes;
    auto *tcp = new TrackingTcpServer(limits);
    tcp->setCredentialCheck([&tokens](const QByteArray &authorization) {
        try {
            return tokens.lookup(TokenStore::bearerToken(authorization)).has_value();
        } catch (const DbError &e) {
            qCWarning(lcDb) << "token lookup failed:" << e.what();
            return false;
        }
    });
    hub.setMaxWriteBufferBytes(options.maxWriteBufferBytes);
    hub.setMaxWriteBufferTotalBytes(options.maxWriteBufferTotalBytes);
    HttpApi api(http, tokens, league, db, rateLimiter, [tcp, &hub, &fanout] {
        QJsonObject connections = tcp->stats();
        connections.insert(QStringLiteral("live"), hub.connectionCount());
        const QJsonObject live = hub.stats();
        for (auto it = live.begin(); it != live.end(); ++it)
            connections.insert(it.key(), it.value());
        QJsonObject health{{QStringLiteral("connections"), connections}};
        if (fanout)
            health.insert(QStringLiteral("fanout"), fanout->stats());
        return health;
    });
    if (!tcp->listen(options.host, options.port)) {
        qCCritical(lcServer).noquote() << "cannot listen on" << options.hostText << options.port << ":"
                                       << tcp->errorString();
        delete tcp;
        return 1;
    }
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
    if (!http.bind(tcp)) {
        qCCritical(lcServer) << "cannot bind the HTTP server";
        delete tcp;
        return 1;
    }
#else
    http.bind(tcp);
#endif
    // Live upgrades bypass QHttpServer: TrackingTcpServer answers the handshake and hands the
    // socket over; it counts it against the connection caps until LiveHub closes it.
    tcp->setLiveHandler([&hub](LiveUpgrade upgrade) { hub.accept(std::move(upgrade)); });
    hub.setConnectionReleased([tcp = QPointer<TrackingTcpServer>(tcp)](const QString &address) {
        if (tcp)
            tcp->releaseLive(address);
    });

    std::unique_ptr<Simulator> simulator;
    QTimer simulatorClaim;
    if (options.simulateMs > 0) {
        simulator = std::make_unique<Simulator>(db, league, options.simulateMs);
        // Of several instances started with --simulate, the one holding the Simulator advisory
        // lock simulates; the others try again every few seconds and take over when it stops.
        auto claim = [&] {
            try {
                if (!db.tryLock(Database::Lock::Simulator))
                    return;
            } catch (const DbError &e) {
                qCWarning(lcServer) << "simulator lock:" << e.what();
                return;
            }
            simulatorClaim.stop();
            simulator->start();
            qCInfo(lcServer) << "simulating a demo auction, one step every" << options.simulateMs << "ms";
        };
        simulatorClaim.setInterval(5000);
        QObject::connect(&simulatorClaim, &QTimer::timeout, &app, claim);
        simulatorClaim.start();
        claim();
        if (simulatorClaim.isActive())
            qCInfo(lcServer) << "--simulate: another instance simulates; this one takes over if it stops";
    }

    ShutdownSignals shutdownSignals;
    bool shuttingDown = false;
    QObject::connect(&shutdownSignals, &ShutdownSignals::shutdownRequested, &app, [&](int number) {
        if (std::exchange(shuttingDown, true))
            return; // a second signal does not restart the drain
        qCInfo(lcServer) << "signal" << number << "- finishing requests, closing live connections, exiting";
        tcp->close(); // no new connections while shutting down
        // Both must finish: HTTP requests in flight get answered (at most 5 s), live sockets get
        // 1001 and their close handshake (at most 3 s).
        auto pending = std::make_shared<int>(2);
        auto finished = [pending] {
            if (--*pending == 0)
                QCoreApplication::exit(0);
        };
        tcp->drain(5000, finished);
        hub.shutdown(finished);
    });

    const QString host = options.host.protocol() == QAbstractSocket::IPv6Protocol
        ? QLatin1Char('[') + options.hostText + QLatin1Char(']')
        : options.hostText;
    // The one stdout line that scripts and tests wait for; everything else goes to stderr.
    std::printf("listening on http://%s:%u\n", qPrintable(host), unsigned(tcp->serverPort()));
    std::fflush(stdout);
    qCInfo(lcServer).noquote() << "ready; database" << options.databaseUrl << "epoch" << history->epoch();
    return app.exec();
}

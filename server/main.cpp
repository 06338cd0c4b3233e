// leaguedesk-server: the reference implementation of PROTOCOL.md (REST + live channel) on one port.

#include "Database.h"
#include "DemoSeeder.h"
#include "EventBus.h"
#include "EventHistory.h"
#include "HttpApi.h"
#include "LeagueService.h"
#include "LiveHub.h"
#include "Logging.h"
#include "ServerOptions.h"
#include "ShutdownSignals.h"
#include "TokenStore.h"

#include <QCoreApplication>
#include <QFile>
#include <QHttpServer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QTcpServer>
#include <QWebSocket>

#include <cstdio>

namespace {

// Fresh tokens on every start; earlier ones stay valid (only their hashes are stored), so a
// client survives a server restart with the token it holds.
bool writeTokens(const QString &path, const TokenStore &tokens, const Database &db, QString *error)
{
    QJsonObject managers;
    QString admin;
    try {
        Transaction tx(db);
        admin = tokens.issue(Principal::Role::Admin, {}, QStringLiteral("League Admin"));
        QList<std::pair<QString, QString>> teams;
        {
            QSqlQuery q = db.exec(QStringLiteral("SELECT team_id, manager FROM teams ORDER BY team_id"));
            while (q.next())
                teams.append({q.value(0).toString(), q.value(1).toString()});
        }
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

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("LeagueDesk"));
    QCoreApplication::setApplicationName(QStringLiteral("leaguedesk-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LEAGUEDESK_VERSION));

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
    InProcessEventBus bus;
    LeagueService league(db, bus, LeagueService::Settings{});
    LiveHub hub(tokens, league.reader(), *history);
    bus.subscribe([&hub](const QString &channel, const QString &type, const QJsonObject &data) {
        hub.publish(channel, type, data);
    });

    if (options.demo && !DemoSeeder(db, league).seed())
        return 1;
    if (!options.tokensOut.isEmpty() && !writeTokens(options.tokensOut, tokens, db, &error)) {
        qCCritical(lcServer).noquote() << "cannot write tokens to" << options.tokensOut << ":" << error;
        return 1;
    }

    QHttpServer http;
    HttpApi api(http, tokens, league);
    auto *tcp = new QTcpServer(); // QHttpServer takes ownership in bind()
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
    QObject::connect(&http, &QHttpServer::newWebSocketConnection, &hub, [&http, &hub] {
        while (http.hasPendingWebSocketConnections())
            hub.accept(http.nextPendingWebSocketConnection());
    });

    ShutdownSignals shutdownSignals;
    QObject::connect(&shutdownSignals, &ShutdownSignals::shutdownRequested, &app, [&](int number) {
        qCInfo(lcServer) << "signal" << number << "- closing live connections and exiting";
        tcp->close(); // no new connections while shutting down
        hub.shutdown([] { QCoreApplication::exit(0); });
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

#include "ServerOptions.h"

#include <QCommandLineParser>
#include <QDir>
#include <QStandardPaths>

bool ServerOptions::parse(const QStringList &arguments, ServerOptions *out, QString *error)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("LeagueDesk reference league server (PROTOCOL.md version 1)"));
    parser.addHelpOption();
    parser.addVersionOption(); // prints QCoreApplication::applicationVersion(), set from LEAGUEDESK_VERSION
    const QCommandLineOption listen(QStringLiteral("listen"), QStringLiteral("Address to listen on; port 0 picks a free one."),
                                    QStringLiteral("HOST:PORT"), QStringLiteral("127.0.0.1:8080"));
    const QCommandLineOption database(QStringLiteral("database"),
                                      QStringLiteral("Database URL, sqlite:PATH (default: league.db in the app data dir)."),
                                      QStringLiteral("URL"));
    const QCommandLineOption demo(QStringLiteral("demo"), QStringLiteral("Seed an empty database with the demo league."));
    const QCommandLineOption tokensOut(QStringLiteral("tokens-out"),
                                       QStringLiteral("Write fresh admin and manager tokens to FILE (JSON)."),
                                       QStringLiteral("FILE"));
    parser.addOptions({listen, database, demo, tokensOut});
    parser.process(arguments); // handles --help/--version and unknown options (exits)

    const QString listenText = parser.value(listen);
    const qsizetype colon = listenText.lastIndexOf(QLatin1Char(':'));
    bool portOk = false;
    const uint port = colon > 0 ? listenText.mid(colon + 1).toUInt(&portOk) : 0;
    QString host = colon > 0 ? listenText.left(colon) : QString();
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2); // [::1]:8080
    QHostAddress address;
    if (host == QLatin1String("localhost"))
        address = QHostAddress(QHostAddress::LocalHost);
    else
        address = QHostAddress(host);
    if (!portOk || port > 65535 || address.isNull()) {
        *error = QStringLiteral("--listen expects HOST:PORT with a numeric address, got \"%1\"").arg(listenText);
        return false;
    }
    out->host = address;
    out->hostText = host;
    out->port = quint16(port);

    if (parser.isSet(database)) {
        out->databaseUrl = parser.value(database);
    } else {
        const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
        if (dir.isEmpty() || !QDir().mkpath(dir)) {
            *error = QStringLiteral("no writable app data directory; pass --database sqlite:PATH");
            return false;
        }
        out->databaseUrl = QStringLiteral("sqlite:") + QDir(dir).filePath(QStringLiteral("league.db"));
    }
    out->demo = parser.isSet(demo);
    out->tokensOut = parser.value(tokensOut);
    return true;
}

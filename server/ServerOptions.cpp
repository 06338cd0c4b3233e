#include "ServerOptions.h"

#include <QCommandLineParser>
#include <QDir>
#include <QStandardPaths>

#include <algorithm>

QString ServerOptions::defaultDatabaseUrl(QString *error)
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (dir.isEmpty() || !QDir().mkpath(dir)) {
        *error = QStringLiteral("no writable app data directory; pass --database sqlite:PATH");
        return {};
    }
    return QStringLiteral("sqlite:") + QDir(dir).filePath(QStringLiteral("league.db"));
}

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
    const QCommandLineOption rateLimit(QStringLiteral("rate-limit"),
                                       QStringLiteral("Per-token REST limit: RATE[:BURST] requests per second "
                                                      "(default 20:100; 0 disables)."),
                                       QStringLiteral("RATE[:BURST]"), QStringLiteral("20:100"));
    const QCommandLineOption rateLimitFrozen(QStringLiteral("rate-limit-frozen"),
                                             QStringLiteral("For tests: rate-limit buckets never refill."));
    const QCommandLineOption idleTimeout(QStringLiteral("idle-timeout"),
                                         QStringLiteral("Close HTTP connections idle this many seconds (default 30)."),
                                         QStringLiteral("SECONDS"), QStringLiteral("30"));
    const QCommandLineOption maxPerAddress(QStringLiteral("max-connections-per-address"),
                                           QStringLiteral("Connections one client address may hold (default 256)."),
                                           QStringLiteral("N"), QStringLiteral("256"));
    const QCommandLineOption maxConnections(QStringLiteral("max-connections"),
                                            QStringLiteral("Connections in total (default 10000; 0 = no cap); "
                                                           "16 more may ask for /healthz."),
                                            QStringLiteral("N"), QStringLiteral("10000"));
    const QCommandLineOption requestTimeout(QStringLiteral("request-timeout"),
                                            QStringLiteral("A request must arrive completely within SECONDS of its "
                                                           "first byte (default 10; decimals allowed)."),
                                            QStringLiteral("SECONDS"), QStringLiteral("10"));
    const QCommandLineOption maxHeaderBytes(QStringLiteral("max-header-bytes"),
                                            QStringLiteral("Request line + headers (default 16384): 431 beyond."),
                                            QStringLiteral("BYTES"), QStringLiteral("16384"));
    const QCommandLineOption maxUrlBytes(QStringLiteral("max-url-bytes"),
                                         QStringLiteral("Request target length (default 8192): 414 beyond."),
                                         QStringLiteral("BYTES"), QStringLiteral("8192"));
    const QCommandLineOption maxPipelined(QStringLiteral("max-pipelined"),
                                          QStringLiteral("Requests received while answers wait to be read (default 16)."),
                                          QStringLiteral("N"), QStringLiteral("16"));
    const QCommandLineOption maxWriteBuffer(QStringLiteral("max-write-buffer"),
                                            QStringLiteral("Bytes waiting to be written to one connection, HTTP or "
                                                           "live, before it is closed as a slow reader (default 4194304)."),
                                            QStringLiteral("BYTES"), QStringLiteral("4194304"));
    const QCommandLineOption maxWriteBufferTotal(QStringLiteral("max-write-buffer-total"),
                                                 QStringLiteral("Bytes waiting to be written to all connections "
                                                                "together; the biggest backlogs are closed first "
                                                                "(default 67108864)."),
                                                 QStringLiteral("BYTES"), QStringLiteral("67108864"));
    const QCommandLineOption simulate(QStringLiteral("simulate"),
                                      QStringLiteral("Run a demo auction, one action every SECONDS (default 4)."),
                                      QStringLiteral("SECONDS"));
    const QCommandLineOption tiebreakerDuration(
        QStringLiteral("tiebreaker-duration"),
        QStringLiteral("Seconds a new tiebreaker runs (default 120; 40 with --simulate)."), QStringLiteral("SECONDS"));
    const QCommandLineOption historyRetention(
        QStringLiteral("history-retention"),
        QStringLiteral("Live history kept per channel (default 256:300; lower only for tests)."),
        QStringLiteral("EVENTS:SECONDS"), QStringLiteral("256:300"));
    parser.addOptions({listen, database, demo, tokensOut, rateLimit, rateLimitFrozen, idleTimeout, maxPerAddress,
                       maxConnections, requestTimeout, maxHeaderBytes, maxUrlBytes, maxPipelined, maxWriteBuffer,
                       maxWriteBufferTotal, simulate,
                       tiebreakerDuration, historyRetention});
    // --simulate takes an optional value, which QCommandLineParser cannot express: a bare
    // --simulate means the default step.
    QStringList args = arguments;
    for (QString &arg : args) {
        if (arg == QLatin1String("--simulate") || arg == QLatin1String("-simulate"))
            arg = QStringLiteral("--simulate=4");
    }
    parser.process(args); // handles --help/--version and unknown options (exits)

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
        out->databaseUrl = defaultDatabaseUrl(error);
        if (out->databaseUrl.isEmpty())
            return false;
    }
    out->demo = parser.isSet(demo);
    out->tokensOut = parser.value(tokensOut);

    const QStringList rate = parser.value(rateLimit).split(QLatin1Char(':'));
    bool rateOk = false, burstOk = true;
    out->rateLimit = rate.value(0).toDouble(&rateOk);
    out->rateBurst = rate.size() > 1 ? rate.value(1).toDouble(&burstOk) : std::max(1.0, out->rateLimit * 5);
    if (!rateOk || !burstOk || rate.size() > 2 || out->rateLimit < 0 || out->rateBurst < 1) {
        *error = QStringLiteral("--rate-limit expects RATE[:BURST], e.g. 20:100 or 0, got \"%1\"")
                     .arg(parser.value(rateLimit));
        return false;
    }
    out->rateLimitFrozen = parser.isSet(rateLimitFrozen);
    bool idleOk = false;
    out->idleSeconds = parser.value(idleTimeout).toInt(&idleOk);
    bool capOk = false;
    out->maxConnectionsPerAddress = parser.value(maxPerAddress).toInt(&capOk);
    if (!idleOk || out->idleSeconds < 0 || !capOk || out->maxConnectionsPerAddress < 0) {
        *error = QStringLiteral("--idle-timeout and --max-connections-per-address expect a number >= 0 (0 = off)");
        return false;
    }
    bool totalOk = false, timeoutOk = false, headerOk = false, urlOk = false, pipelinedOk = false, writeOk = false;
    out->maxConnections = parser.value(maxConnections).toInt(&totalOk);
    const double timeoutSeconds = parser.value(requestTimeout).toDouble(&timeoutOk);
    out->requestTimeoutMs = int(timeoutSeconds * 1000);
    out->maxHeaderBytes = parser.value(maxHeaderBytes).toInt(&headerOk);
    out->maxUrlBytes = parser.value(maxUrlBytes).toInt(&urlOk);
    out->maxPipelined = parser.value(maxPipelined).toInt(&pipelinedOk);
    out->maxWriteBufferBytes = parser.value(maxWriteBuffer).toLongLong(&writeOk);
    bool totalWriteOk = false;
    out->maxWriteBufferTotalBytes = parser.value(maxWriteBufferTotal).toLongLong(&totalWriteOk);
    writeOk = writeOk && totalWriteOk && out->maxWriteBufferTotalBytes >= 0;
    if (!totalOk || out->maxConnections < 0 || !timeoutOk || timeoutSeconds < 0 || timeoutSeconds > 3600
        || !headerOk || out->maxHeaderBytes < 1024 || !urlOk || out->maxUrlBytes < 256
        || out->maxUrlBytes > out->maxHeaderBytes || !pipelinedOk || out->maxPipelined < 0 || !writeOk
        || out->maxWriteBufferBytes < 0) {
        *error = QStringLiteral("--max-connections, --request-timeout, --max-pipelined and --max-write-buffer[-total] expect "
                                "numbers >= 0 (0 = off); --max-header-bytes at least 1024 and --max-url-bytes "
                                "between 256 and it");
        return false;
    }
    if (parser.isSet(simulate)) {
        bool simOk = false;
        const double seconds = parser.value(simulate).toDouble(&simOk);
        if (!simOk || seconds < 0.05) {
            *error = QStringLiteral("--simulate expects a step in seconds, e.g. --simulate=4");
            return false;
        }
        out->simulateMs = int(seconds * 1000);
        out->tiebreakerSeconds = 40;
    }
    if (parser.isSet(tiebreakerDuration)) {
        bool durationOk = false;
        out->tiebreakerSeconds = parser.value(tiebreakerDuration).toInt(&durationOk);
        if (!durationOk || out->tiebreakerSeconds < 1) {
            *error = QStringLiteral("--tiebreaker-duration expects whole seconds >= 1");
            return false;
        }
    }
    const QStringList retention = parser.value(historyRetention).split(QLatin1Char(':'));
    bool eventsOk = false, secondsOk = false;
    out->historyEvents = retention.value(0).toInt(&eventsOk);
    out->historySeconds = retention.value(1).toInt(&secondsOk);
    if (retention.size() != 2 || !eventsOk || !secondsOk || out->historyEvents < 1 || out->historySeconds < 0) {
        *error = QStringLiteral("--history-retention expects EVENTS:SECONDS, e.g. 256:300");
        return false;
    }
    return true;
}

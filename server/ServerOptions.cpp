#include "ServerOptions.h"

#include <QCommandLineParser>
#include <QDir>
#include <QStandardPaths>

#include <algorithm>
#include <functional>
#include <limits>

namespace {

// A flag that takes a whole number from `min` up to what its field holds.
struct WholeNumberFlag
{
    QCommandLineOption option;
    qint64 min;
    qint64 max;
    std::function<void(ServerOptions *, qint64)> store;
};

// `help` names the default as %1: the field's value in a default ServerOptions, so the default
// is written once, in ServerOptions.h.
template <typename T>
WholeNumberFlag wholeNumber(const char *name, const char *help, const char *valueName, T ServerOptions::*field, qint64 min)
{
    const T fallback = ServerOptions().*field;
    return {QCommandLineOption(QLatin1String(name), QString::fromLatin1(help).arg(fallback), QLatin1String(valueName),
                               QString::number(fallback)),
            min, qint64(std::numeric_limits<T>::max()), [field](ServerOptions *out, qint64 value) { out->*field = T(value); }};
}

} // namespace

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
    const ServerOptions defaults;
    // The caps on connections and on what one peer can make the server hold (docs/SERVER.md,
    // "Limits"): whole numbers, each checked on its own so an error names the flag at fault.
    const WholeNumberFlag limits[] = {
        wholeNumber("idle-timeout", "Close HTTP connections idle this many seconds (default %1; 0 = never).", "SECONDS",
                    &ServerOptions::idleSeconds, 0),
        wholeNumber("max-connections-per-address", "Connections one client address may hold (default %1; 0 = no cap).",
                    "N", &ServerOptions::maxConnectionsPerAddress, 0),
        wholeNumber("max-connections", "Connections in total (default %1; 0 = no cap); 16 more may ask for /healthz.",
                    "N", &ServerOptions::maxConnections, 0),
        wholeNumber("max-header-bytes", "Request line + headers (default %1): 431 beyond.", "BYTES",
                    &ServerOptions::maxHeaderBytes, 1024),
        wholeNumber("max-url-bytes", "Request target length (default %1, at most --max-header-bytes): 414 beyond.",
                    "BYTES", &ServerOptions::maxUrlBytes, 256),
        wholeNumber("max-pipelined", "Requests received while answers wait to be read (default %1; 0 = no cap).", "N",
                    &ServerOptions::maxPipelined, 0),
        wholeNumber("max-write-buffer",
                    "Bytes waiting to be written to one connection, HTTP or live, before it is closed as a slow reader "
                    "(default %1; 0 = no cap).",
                    "BYTES", &ServerOptions::maxWriteBufferBytes, 0),
        wholeNumber("max-write-buffer-total",
                    "Bytes waiting to be written to all connections together; the biggest backlogs are closed first "
                    "(default %1; 0 = no cap).",
                    "BYTES", &ServerOptions::maxWriteBufferTotalBytes, 0),
    };
    const QCommandLineOption requestTimeout(QStringLiteral("request-timeout"),
                                            QStringLiteral("A request must arrive completely within SECONDS of its "
                                                           "first byte (default %1; decimals allowed; 0 = no limit).")
                                                .arg(defaults.requestTimeoutMs / 1000.0),
                                            QStringLiteral("SECONDS"), QString::number(defaults.requestTimeoutMs / 1000.0));
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
    parser.addOptions({listen, database, demo, tokensOut, rateLimit, rateLimitFrozen});
    for (const WholeNumberFlag &flag : limits)
        parser.addOption(flag.option);
    parser.addOptions({requestTimeout, simulate, tiebreakerDuration, historyRetention});
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
    for (const WholeNumberFlag &flag : limits) {
        const QString text = parser.value(flag.option);
        bool ok = false;
        const qint64 value = text.toLongLong(&ok);
        if (!ok || value < flag.min || value > flag.max) {
            *error = QStringLiteral("--%1 expects a whole number from %2 to %3, got \"%4\"")
                         .arg(flag.option.names().constFirst())
                         .arg(flag.min)
                         .arg(flag.max)
                         .arg(text);
            return false;
        }
        flag.store(out, value);
    }
    if (out->maxUrlBytes > out->maxHeaderBytes) {
        *error = QStringLiteral("--max-url-bytes (%1) must not exceed --max-header-bytes (%2)")
                     .arg(out->maxUrlBytes)
                     .arg(out->maxHeaderBytes);
        return false;
    }
    bool timeoutOk = false;
    const double timeoutSeconds = parser.value(requestTimeout).toDouble(&timeoutOk);
    if (!timeoutOk || !(timeoutSeconds >= 0 && timeoutSeconds <= 3600)) {
        *error = QStringLiteral("--request-timeout expects seconds from 0 to 3600 (decimals allowed), got \"%1\"")
                     .arg(parser.value(requestTimeout));
        return false;
    }
    out->requestTimeoutMs = int(timeoutSeconds * 1000);
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

#pragma once

#include <QHostAddress>
#include <QString>
#include <QStringList>

// The command line (docs/SERVER.md). parse() exits the process for --help and --version.
struct ServerOptions
{
    QHostAddress host{QHostAddress::LocalHost};
    QString hostText = QStringLiteral("127.0.0.1");
    quint16 port = 8080;
    QString databaseUrl; // sqlite:PATH
    bool demo = false;
    QString tokensOut;
    double rateLimit = 20;   // requests per second per token; 0 disables
    double rateBurst = 100;
    bool rateLimitFrozen = false; // --rate-limit-frozen: buckets never refill (tests only)
    int idleSeconds = 30;    // HTTP keep-alive connections idle this long are closed
    int maxConnectionsPerAddress = 256;
    // Limits on what one peer can make the server hold (docs/SERVER.md, "Limits").
    int maxConnections = 10000;          // in total; a few more are let in for /healthz only
    int requestTimeoutMs = 10000;        // a whole request (line, headers, body) must arrive within it
    int maxHeaderBytes = 16 * 1024;      // request line + headers
    int maxUrlBytes = 8 * 1024;          // longer request targets get 414
    int maxPipelined = 16;               // requests received while earlier answers wait to be read
    qint64 maxWriteBufferBytes = 4 * 1024 * 1024; // per connection, HTTP and live: slow readers are closed
    qint64 maxWriteBufferTotalBytes = 64 * 1024 * 1024; // all connections together
    int simulateMs = 0;      // --simulate[=SECONDS]: demo auction step; 0 = off
    // --tiebreaker-duration: 120 s (PROTOCOL.md's demo value), 40 s by default under --simulate so
    // that someone watching the demo sees a tiebreaker resolve by its deadline within a minute.
    int tiebreakerSeconds = 120;
    // --history-retention EVENTS:SECONDS: for tests only (the conformance suite's "too old"
    // case); anything below 256:300 breaks PROTOCOL.md's minimum.
    int historyEvents = 256;
    int historySeconds = 300;

    // sqlite:<app data dir>/league.db; empty with `error` set when there is no such directory.
    static QString defaultDatabaseUrl(QString *error);
    // False with `error` set when the arguments are unusable.
    static bool parse(const QStringList &arguments, ServerOptions *out, QString *error);
};

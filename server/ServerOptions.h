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
    int idleSeconds = 30;    // HTTP keep-alive connections idle this long are closed
    int maxConnectionsPerAddress = 256;
    int simulateMs = 0;      // --simulate[=SECONDS]: demo auction step; 0 = off

    // sqlite:<app data dir>/league.db; empty with `error` set when there is no such directory.
    static QString defaultDatabaseUrl(QString *error);
    // False with `error` set when the arguments are unusable.
    static bool parse(const QStringList &arguments, ServerOptions *out, QString *error);
};

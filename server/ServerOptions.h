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

    // False with `error` set when the arguments are unusable.
    static bool parse(const QStringList &arguments, ServerOptions *out, QString *error);
};

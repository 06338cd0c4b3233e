#pragma once

#include <QString>
#include <QStringList>
#include <QUrl>

// The dashboard's command line, parsed before any window system is touched: --help and
// --version work without a display, and a mistake is reported in words with nothing started.
struct CommandLine
{
    enum class Action { Run, ShowHelp, ShowVersion, Fail };

    Action action = Action::Run;
    QString output;   // the help or version text, or the error for Fail
    QUrl serverUrl;   // empty: restore the remembered sign-in or show the sign-in page
    QString token;
    // Where the token came from, for the log (never the token itself).
    QString tokenSource;
};

// A token file is one line; anything larger is refused before it is read.
inline constexpr qint64 maxTokenFileBytes = 4096;

// `environmentToken` is $LEAGUEDESK_TOKEN (empty when unset). The token comes from --token-file,
// else $LEAGUEDESK_TOKEN, else --token (which every local user can read in `ps`).
CommandLine parseCommandLine(const QStringList &arguments, const QString &environmentToken);

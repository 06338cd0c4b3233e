// leaguedesk-watch: the headless client. One JSON object per line on stdout.
#include "Watcher.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QUrl>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("leaguedesk-watch"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LEAGUEDESK_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Follows a team's data live and prints it as JSON lines."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption serverOption(QStringLiteral("server"), QStringLiteral("League server URL."), QStringLiteral("URL"));
    const QCommandLineOption tokenOption(QStringLiteral("token"), QStringLiteral("Access token."), QStringLiteral("TOKEN"));
    const QCommandLineOption teamOption(QStringLiteral("team"), QStringLiteral("Team to follow (admins)."), QStringLiteral("TEAM_ID"));
    parser.addOptions({serverOption, tokenOption, teamOption});
    parser.process(app);

    const QUrl serverUrl = QUrl::fromUserInput(parser.value(serverOption));
    if (!parser.isSet(serverOption) || !serverUrl.isValid() || !parser.isSet(tokenOption)) {
        std::fprintf(stderr, "usage: leaguedesk-watch --server URL --token TOKEN [--team TEAM_ID]\n");
        return 2;
    }
    Watcher watcher(serverUrl, parser.value(tokenOption), parser.value(teamOption));
    watcher.start();
    return app.exec();
}

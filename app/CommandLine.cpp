#include "CommandLine.h"

#include <QCommandLineParser>
#include <QFile>

namespace {

// The first line of the file, trimmed; an error in words when it cannot be a token.
bool readTokenFile(const QString &path, QString *token, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read the token file %1: %2").arg(path, file.errorString());
        return false;
    }
    // Checked before reading: a wrong path (a log, a device) must not be read into memory.
    if (file.size() > maxTokenFileBytes) {
        *error = QStringLiteral("the token file %1 is larger than %2 bytes; it should hold one token").arg(path).arg(maxTokenFileBytes);
        return false;
    }
    const QByteArray data = file.read(maxTokenFileBytes + 1);
    if (data.size() > maxTokenFileBytes) { // a pipe or device reports no size
        *error = QStringLiteral("the token file %1 is larger than %2 bytes; it should hold one token").arg(path).arg(maxTokenFileBytes);
        return false;
    }
    *token = QString::fromUtf8(data.left(data.indexOf('\n') < 0 ? data.size() : data.indexOf('\n'))).trimmed();
    if (token->isEmpty()) {
        *error = QStringLiteral("the token file %1 is empty").arg(path);
        return false;
    }
    return true;
}

} // namespace

CommandLine parseCommandLine(const QStringList &arguments, const QString &environmentToken)
{
    CommandLine result;
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Live team dashboard for auction football leagues.\n\n"
        "Without --server it signs in again with the last server given on its sign-in page, or opens\n"
        "that page. The token is best given in a file (--token-file) or in $LEAGUEDESK_TOKEN: a token\n"
        "on the command line (--token) can be read by every local user in `ps`."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help and exit."));
    const QCommandLineOption version({QStringLiteral("v"), QStringLiteral("version")}, QStringLiteral("Show the version and exit."));
    const QCommandLineOption server(QStringLiteral("server"), QStringLiteral("League server URL (http:// or https://)."), QStringLiteral("URL"));
    const QCommandLineOption tokenFile(QStringLiteral("token-file"),
                                       QStringLiteral("File holding the access token (first line)."), QStringLiteral("PATH"));
    const QCommandLineOption token(QStringLiteral("token"),
                                   QStringLiteral("Access token (visible to other users in `ps`; prefer --token-file)."), QStringLiteral("TOKEN"));
    parser.addOptions({help, version, server, tokenFile, token});

    const auto fail = [&](const QString &message) {
        result.action = CommandLine::Action::Fail;
        result.output = QStringLiteral("leaguedesk: %1\n").arg(message);
        return result;
    };
    if (!parser.parse(arguments))
        return fail(parser.errorText());
    if (parser.isSet(help)) {
        result.action = CommandLine::Action::ShowHelp;
        result.output = parser.helpText();
        // Without a QCoreApplication the parser cannot name the executable.
        result.output.replace(QStringLiteral("<executable_name>"), QStringLiteral("leaguedesk"));
        return result;
    }
    if (parser.isSet(version)) {
        result.action = CommandLine::Action::ShowVersion;
        result.output = QStringLiteral("leaguedesk %1\n").arg(QStringLiteral(LEAGUEDESK_VERSION));
        return result;
    }
    if (!parser.positionalArguments().isEmpty())
        return fail(QStringLiteral("unexpected argument %1 (see --help)").arg(parser.positionalArguments().first()));
    if (parser.isSet(tokenFile) && parser.isSet(token))
        return fail(QStringLiteral("give the token once: --token-file or --token, not both"));

    if (parser.isSet(tokenFile)) {
        QString error;
        if (!readTokenFile(parser.value(tokenFile), &result.token, &error))
            return fail(error);
        result.tokenSource = QStringLiteral("--token-file");
    } else if (!environmentToken.trimmed().isEmpty()) {
        result.token = environmentToken.trimmed();
        result.tokenSource = QStringLiteral("LEAGUEDESK_TOKEN");
    } else if (parser.isSet(token)) {
        result.token = parser.value(token);
        result.tokenSource = QStringLiteral("--token");
    }

    if (parser.isSet(server)) {
        result.serverUrl = QUrl::fromUserInput(parser.value(server));
        if (!result.serverUrl.isValid()
            || (result.serverUrl.scheme() != QLatin1String("http") && result.serverUrl.scheme() != QLatin1String("https")))
            return fail(QStringLiteral("--server needs an http:// or https:// URL"));
        if (result.token.isEmpty())
            return fail(QStringLiteral("--server needs a token: --token-file PATH, $LEAGUEDESK_TOKEN or --token"));
    } else if (parser.isSet(tokenFile) || parser.isSet(token)) {
        return fail(QStringLiteral("a token needs --server as well"));
    }
    return result;
}

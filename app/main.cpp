// The dashboard: parses the command line, signs the session in when told where, and loads the UI.
#include "CommandLine.h"

#include <session/Session.h>

#include <QGuiApplication>
#include <QIcon>
#include <QLocale>
#include <QQmlApplicationEngine>
#include <QQmlComponent>
#include <QQmlExtensionPlugin>
#include <QQuickStyle>
#include <QStandardPaths>
#include <QTranslator>
#include <QUrl>

#include <cstdio>
#include <memory>

Q_IMPORT_QML_PLUGIN(LeagueDesk_SessionPlugin)
Q_IMPORT_QML_PLUGIN(LeagueDesk_ModelsPlugin)
Q_IMPORT_QML_PLUGIN(LeagueDesk_UiPlugin)

int main(int argc, char *argv[])
{
    // Parsed before QGuiApplication exists: --help, --version and mistakes need no display.
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    const CommandLine command = parseCommandLine(arguments, qEnvironmentVariable("LEAGUEDESK_TOKEN"));
    // The demo server and anything else started from here need not inherit the token.
    qunsetenv("LEAGUEDESK_TOKEN");
    switch (command.action) {
    case CommandLine::Action::ShowHelp:
    case CommandLine::Action::ShowVersion:
        std::fputs(qPrintable(command.output), stdout);
        return 0;
    case CommandLine::Action::Fail:
        std::fputs(qPrintable(command.output), stderr);
        return 2;
    case CommandLine::Action::Run:
        break;
    }
    if (command.tokenSource == QLatin1String("--token"))
        std::fputs("leaguedesk: a token given with --token is visible to other users in `ps`; prefer --token-file or $LEAGUEDESK_TOKEN\n", stderr);

    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName(QStringLiteral("LeagueDesk"));
    QGuiApplication::setOrganizationName(QStringLiteral("LeagueDesk"));
    QGuiApplication::setApplicationVersion(QStringLiteral(LEAGUEDESK_VERSION));
    // Wayland desktops match the window to its .desktop file (and icon) by this name.
    QGuiApplication::setDesktopFileName(QStringLiteral("io.github.leaguedesk.LeagueDesk"));
    QGuiApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/io.github.leaguedesk.LeagueDesk.png")));

    // The views' and models' texts in the user's language, when a translation exists (:/i18n).
    QTranslator translator;
    if (translator.load(QLocale(), QStringLiteral("leaguedesk"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(&translator);

    // One style throughout; Material follows the system's light or dark theme.
    QQuickStyle::setStyle(QStringLiteral("Material"));
    // (QT_QUICK_CONTROLS_MATERIAL_THEME=Dark or Light set by the user still wins.)
    if (qEnvironmentVariableIsEmpty("QT_QUICK_CONTROLS_MATERIAL_THEME"))
        qputenv("QT_QUICK_CONTROLS_MATERIAL_THEME", QByteArrayLiteral("System"));

    QQmlApplicationEngine engine;
    // Qt 6.4 does not search the /qt/qml resource prefix by itself (6.5 does).
    engine.addImportPath(QStringLiteral("qrc:/qt/qml"));

    // The Session singleton is created by the engine; a one-line component imports the module
    // (static plugins register their types on first import) and hands the instance over.
    QQmlComponent probe(&engine);
    probe.setData("import QtQml\nimport LeagueDesk.Session\nQtObject { property QtObject session: Session }", QUrl());
    const std::unique_ptr<QObject> probeObject(probe.create());
    auto *session = probeObject ? qobject_cast<Session *>(probeObject->property("session").value<QObject *>()) : nullptr;
    if (!session) {
        std::fprintf(stderr, "leaguedesk: the LeagueDesk.Session module is missing\n");
        return 1;
    }
    // The last good data, so the window opens with it at once and shows it when offline.
    session->setOfflineStorePath(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                                 + QStringLiteral("/offline-cache.sqlite"));
    // Sign-ins from the sign-in page are remembered (token in the OS keychain); one given on the
    // command line is used as given, every time.
    session->setRemembersSignIns(true);
    if (command.serverUrl.isValid())
        session->signIn(command.serverUrl, command.token, false);
    else
        session->restore();

    QObject::connect(&engine, &QQmlApplicationEngine::objectCreated, &app, [](QObject *object, const QUrl &) {
        if (!object)
            QCoreApplication::exit(1);
    }, Qt::QueuedConnection);
    engine.load(QUrl(QStringLiteral("qrc:/qt/qml/LeagueDesk/Ui/Main.qml")));
    return app.exec();
}

// The dashboard: parses the command line, signs the session in when told where, and loads the UI.
#include <session/Session.h>

#include <QCommandLineParser>
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

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Live team dashboard for auction football leagues."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption serverOption(QStringLiteral("server"), QStringLiteral("League server URL."), QStringLiteral("URL"));
    const QCommandLineOption tokenOption(QStringLiteral("token"), QStringLiteral("Access token."), QStringLiteral("TOKEN"));
    parser.addOption(serverOption);
    parser.addOption(tokenOption);
    parser.process(app);

    QUrl serverUrl;
    if (parser.isSet(serverOption)) {
        serverUrl = QUrl::fromUserInput(parser.value(serverOption));
        if (!serverUrl.isValid() || (serverUrl.scheme() != QLatin1String("http") && serverUrl.scheme() != QLatin1String("https"))) {
            std::fprintf(stderr, "leaguedesk: --server needs an http:// or https:// URL\n");
            return 2;
        }
        if (!parser.isSet(tokenOption)) {
            std::fprintf(stderr, "leaguedesk: --server needs --token as well\n");
            return 2;
        }
    }

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
        std::fprintf(stderr, "leaguedesk: the LeagueDesk.Models module is missing\n");
        return 1;
    }
    // The last good data, so the window opens with it at once and shows it when offline.
    session->setOfflineStorePath(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                                 + QStringLiteral("/offline-cache.sqlite"));
    // Sign-ins from the sign-in page are remembered (token in the OS keychain); one given on the
    // command line is used as given, every time.
    session->setRemembersSignIns(true);
    if (serverUrl.isValid())
        session->signIn(serverUrl, parser.value(tokenOption), false);
    else
        session->restore();

    QObject::connect(&engine, &QQmlApplicationEngine::objectCreated, &app, [](QObject *object, const QUrl &) {
        if (!object)
            QCoreApplication::exit(1);
    }, Qt::QueuedConnection);
    engine.load(QUrl(QStringLiteral("qrc:/qt/qml/LeagueDesk/Ui/Main.qml")));
    return app.exec();
}

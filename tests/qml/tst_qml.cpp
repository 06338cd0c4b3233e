#include <QQmlEngine>
#include <QQmlExtensionPlugin>
#include <QtQuickTest>

Q_IMPORT_QML_PLUGIN(LeagueDesk_SessionPlugin)
Q_IMPORT_QML_PLUGIN(LeagueDesk_ModelsPlugin)
Q_IMPORT_QML_PLUGIN(LeagueDesk_UiPlugin)

class Setup : public QObject
{
    Q_OBJECT

public Q_SLOTS:
    void qmlEngineAvailable(QQmlEngine *engine)
    {
        // Qt 6.4 does not search the /qt/qml resource prefix by itself.
        engine->addImportPath(QStringLiteral("qrc:/qt/qml"));
    }
};

QUICK_TEST_MAIN_WITH_SETUP(leaguedesk, Setup)
#include "tst_qml.moc"

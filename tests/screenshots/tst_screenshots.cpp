// Renders each view of the dashboard with the demo league into PNGs under the build directory
// (screenshots/<scale>/), and fails when a view is blank, still loading or shows an error. Runs
// under xvfb-run: the offscreen platform's software renderer drops Material backgrounds.
#include "support/ServerProcess.h"

#include <models/Session.h>

#include <QDir>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQmlComponent>
#include <QQmlExtensionPlugin>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QSet>
#include <QStandardPaths>
#include <QTest>

#include <memory>

Q_IMPORT_QML_PLUGIN(LeagueDesk_ModelsPlugin)
Q_IMPORT_QML_PLUGIN(LeagueDesk_UiPlugin)

namespace {

constexpr int timeoutMs = 20000;

// Every visible text under `item`, for the "no error, not loading" check.
void collectTexts(QQuickItem *item, QStringList *texts)
{
    if (!item->isVisible() || item->opacity() <= 0)
        return;
    const QVariant text = item->property("text");
    if (text.isValid() && !text.toString().isEmpty())
        texts->append(text.toString());
    for (QQuickItem *child : item->childItems())
        collectTexts(child, texts);
}

// How many distinct colours a picture has, sampled on a grid: a blank or one-colour view has few.
int distinctColours(const QImage &image)
{
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 4) {
        for (int x = 0; x < image.width(); x += 4)
            colours.insert(image.pixel(x, y));
    }
    return int(colours.size());
}

// No list row is half-way through its fade-in. `unsettled` names the first one that is.
bool rowsSettled(QQuickWindow *window, QString *unsettled = nullptr)
{
    const QList<QQuickItem *> items = window->findChildren<QQuickItem *>();
    for (QQuickItem *item : items) {
        if (!item->inherits("QQuickItemView") || !item->isVisible())
            continue;
        auto *content = item->property("contentItem").value<QQuickItem *>();
        if (!content)
            continue;
        for (QQuickItem *row : content->childItems()) {
            if (row->isVisible() && row->opacity() > 0 && row->opacity() < 1) {
                if (unsettled)
                    *unsettled = QStringLiteral("%1 in %2 (%3) at opacity %4, y %5")
                                     .arg(QString::fromLatin1(row->metaObject()->className()),
                                          QString::fromLatin1(item->metaObject()->className()), item->objectName())
                                     .arg(row->opacity())
                                     .arg(row->y());
                return false;
            }
        }
    }
    return true;
}

} // namespace

class TestScreenshots : public QObject
{
    Q_OBJECT

private:
    ServerProcess m_server;
    QString m_outDir;

    // Opens the dashboard as `token`, shows each of `views` and saves it as <prefix>-<view>.png.
    void shoot(const QString &token, const QString &prefix, const QStringList &views)
    {
        QQmlApplicationEngine engine;
        engine.addImportPath(QStringLiteral("qrc:/qt/qml"));
        QQmlComponent probe(&engine);
        probe.setData("import QtQml\nimport LeagueDesk.Models\nQtObject { property QtObject session: Session }", QUrl());
        const std::unique_ptr<QObject> probeObject(probe.create());
        QVERIFY(probeObject);
        auto *session = qobject_cast<Session *>(probeObject->property("session").value<QObject *>());
        QVERIFY(session);
        session->signIn(m_server.baseUrl(), token);

        engine.load(QUrl(QStringLiteral("qrc:/qt/qml/LeagueDesk/Ui/Main.qml")));
        QCOMPARE(engine.rootObjects().size(), 1);
        auto *window = qobject_cast<QQuickWindow *>(engine.rootObjects().constFirst());
        QVERIFY(window);
        window->resize(1100, 700);
        QVERIFY(QTest::qWaitForWindowExposed(window));
        QTRY_COMPARE_WITH_TIMEOUT(session->state(), QStringLiteral("live"), timeoutMs);

        QQuickItem *dashboard = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((dashboard = window->findChild<QQuickItem *>(QStringLiteral("dashboard"))), timeoutMs);
        for (const QString &view : views) {
            QVERIFY(dashboard->setProperty("currentView", view));
            QTRY_COMPARE_WITH_TIMEOUT(dashboard->property("currentView").toString(), view, timeoutMs);
            // Loaded: nothing on screen says it is still loading or that something failed.
            QStringList texts;
            auto settled = [&] {
                texts.clear();
                collectTexts(window->contentItem(), &texts);
                for (const QString &text : std::as_const(texts)) {
                    if (text.startsWith(QLatin1String("Loading")) || text.contains(QLatin1String("rror")))
                        return false;
                }
                return true;
            };
            QTRY_VERIFY2_WITH_TIMEOUT(settled(), qPrintable(texts.join(QLatin1String(" | "))), timeoutMs);
            // Rows fade in: wait until every list row is fully opaque, then until two pictures in a
            // row are the same.
            QString unsettled;
            QTRY_VERIFY2_WITH_TIMEOUT(rowsSettled(window, &unsettled), qPrintable(unsettled), timeoutMs);
            QImage image = window->grabWindow();
            QTRY_VERIFY_WITH_TIMEOUT(([&] {
                QImage next = window->grabWindow();
                const bool stable = next == image;
                image = std::move(next);
                return stable;
            }()), timeoutMs);
            QVERIFY(!image.isNull());
            const QString path = m_outDir + QLatin1Char('/') + prefix + QLatin1Char('-') + view + QStringLiteral(".png");
            QVERIFY(image.save(path));
            qInfo("%s: %dx%d, %d colours", qPrintable(path), image.width(), image.height(), distinctColours(image));
            QVERIFY2(distinctColours(image) > 12, qPrintable(path + QStringLiteral(" looks blank")));
            QVERIFY2(!texts.join(QLatin1Char(' ')).contains(QLatin1String("Signed out")), "the session was refused");
        }
        session->signOut();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // remembered window size and view go to a test store
        const QString scale = qEnvironmentVariable("QT_SCALE_FACTOR", QStringLiteral("1"));
        m_outDir = QStringLiteral(LEAGUEDESK_SCREENSHOT_DIR "/scale-") + scale;
        QVERIFY(QDir().mkpath(m_outDir));
        QVERIFY2(m_server.start({QStringLiteral("--simulate=1")}), qPrintable(m_server.errorString()));
    }

    void managerViews()
    {
        shoot(m_server.managerToken(QStringLiteral("SSPSLT0001")), QStringLiteral("manager"),
              {QStringLiteral("squad"), QStringLiteral("wallet"), QStringLiteral("tiebreakers")});
    }

    void adminViews()
    {
        shoot(m_server.adminToken(), QStringLiteral("admin"), {QStringLiteral("live"), QStringLiteral("squad")});
    }
};

int main(int argc, char *argv[])
{
    QGuiApplication app(argc, argv);
    QQuickStyle::setStyle(QStringLiteral("Material"));
    TestScreenshots test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_screenshots.moc"

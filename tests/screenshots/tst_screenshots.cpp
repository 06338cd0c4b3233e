// Renders each view of the dashboard with the demo league into PNGs under the build directory
// (screenshots/<scale>/), and fails when a view is blank, still loading or shows an error. Also
// the states that must explain themselves (issue 14): a refused token, a server that cannot be
// reached, a lost connection and its return, an outbid toast, and the minimum window size with
// nothing cut off. Runs under xvfb-run: the offscreen platform's software renderer drops Material
// backgrounds.
#include "support/FaultProxy.h"
#include "support/RestCall.h"
#include "support/ServerProcess.h"

#include <session/Session.h>

#include <QDateTime>
#include <QDir>
#include <QGuiApplication>
#include <QJsonArray>
#include <QQmlApplicationEngine>
#include <QQmlComponent>
#include <QQmlExtensionPlugin>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QSet>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QRegularExpression>
#include <QTest>

#include <memory>

Q_IMPORT_QML_PLUGIN(LeagueDesk_SessionPlugin)
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

// No list row is half-way through its fade-in, or stuck at none of it (two rows added at once
// left both at opacity 0: issue 14.8).
bool rowsSettled(QQuickWindow *window)
{
    const QList<QQuickItem *> items = window->findChildren<QQuickItem *>();
    for (QQuickItem *item : items) {
        if (!item->inherits("QQuickItemView") || !item->isVisible())
            continue;
        auto *content = item->property("contentItem").value<QQuickItem *>();
        if (!content)
            continue;
        for (QQuickItem *row : content->childItems()) {
            if (row->isVisible() && row->opacity() < 1)
                return false;
        }
    }
    return true;
}

// A visible item with this objectName, if any, searched through the visual tree (list
// delegates are not QObject children of the window).
QQuickItem *findVisibleIn(QQuickItem *item, const QString &name)
{
    if (!item->isVisible())
        return nullptr;
    if (item->objectName() == name)
        return item;
    for (QQuickItem *child : item->childItems()) {
        if (QQuickItem *found = findVisibleIn(child, name))
            return found;
    }
    return nullptr;
}

QQuickItem *findVisible(QQuickWindow *window, const QString &name)
{
    return findVisibleIn(window->contentItem(), name);
}

// The item lies inside the window (not cut off by its edges).
bool insideWindow(QQuickWindow *window, QQuickItem *item)
{
    const QRectF rect = item->mapRectToScene(QRectF(0, 0, item->width(), item->height()));
    return rect.left() >= 0 && rect.top() >= 0 && rect.right() <= window->width() + 0.5 && rect.bottom() <= window->height() + 0.5;
}

} // namespace

class TestScreenshots : public QObject
{
    Q_OBJECT

private:
    ServerProcess m_server;
    QString m_outDir;

    struct Opened
    {
        std::unique_ptr<QQmlApplicationEngine> engine;
        std::unique_ptr<QObject> probe;
        Session *session = nullptr;
        QQuickWindow *window = nullptr;
    };

    // The dashboard's window, signed in to `server` as `token` (not waiting for anything).
    void open(Opened *out, const QUrl &server, const QString &token, QSize size = QSize(1100, 700))
    {
        out->engine = std::make_unique<QQmlApplicationEngine>();
        out->engine->addImportPath(QStringLiteral("qrc:/qt/qml"));
        QQmlComponent probe(out->engine.get());
        probe.setData("import QtQml\nimport LeagueDesk.Session\nQtObject { property QtObject session: Session }", QUrl());
        out->probe.reset(probe.create());
        QVERIFY(out->probe);
        out->session = qobject_cast<Session *>(out->probe->property("session").value<QObject *>());
        QVERIFY(out->session);
        out->session->signIn(server, token);
        out->engine->load(QUrl(QStringLiteral("qrc:/qt/qml/LeagueDesk/Ui/Main.qml")));
        QCOMPARE(out->engine->rootObjects().size(), 1);
        out->window = qobject_cast<QQuickWindow *>(out->engine->rootObjects().constFirst());
        QVERIFY(out->window);
        out->window->resize(size);
        QVERIFY(QTest::qWaitForWindowExposed(out->window));
    }

    // open(), then waits until the session is live; callers check QTest::currentTestFailed().
    void openLive(Opened *out, const QUrl &server, const QString &token, QSize size = QSize(1100, 700))
    {
        open(out, server, token, size);
        if (QTest::currentTestFailed())
            return;
        QTRY_COMPARE_WITH_TIMEOUT(out->session->state(), QStringLiteral("live"), timeoutMs);
    }

    // Waits until the picture is stable (rows faded in, two grabs alike) and saves it as <name>.png.
    void capture(QQuickWindow *window, const QString &name)
    {
        QTRY_VERIFY_WITH_TIMEOUT(rowsSettled(window), timeoutMs);
        // Two frames rendered after the state settled: a grab shows what the user would see.
        for (int frame = 0; frame < 2; ++frame) {
            QSignalSpy swapped(window, &QQuickWindow::frameSwapped);
            window->update();
            QVERIFY(swapped.wait(timeoutMs));
        }
        QImage image = window->grabWindow();
        QTRY_VERIFY_WITH_TIMEOUT(([&] {
            QImage next = window->grabWindow();
            const bool stable = next == image;
            image = std::move(next);
            return stable;
        }()), timeoutMs);
        QVERIFY(!image.isNull());
        const QString path = m_outDir + QLatin1Char('/') + name + QStringLiteral(".png");
        QVERIFY(image.save(path));
        qInfo("%s: %dx%d, %d colours", qPrintable(path), image.width(), image.height(), distinctColours(image));
        QVERIFY2(distinctColours(image) > 12, qPrintable(path + QStringLiteral(" looks blank")));
    }

    // Shows a view and waits until nothing on screen says it is still loading or that something failed.
    void showView(QQuickWindow *window, const QString &view)
    {
        QQuickItem *dashboard = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((dashboard = window->findChild<QQuickItem *>(QStringLiteral("dashboard"))), timeoutMs);
        QVERIFY(dashboard->setProperty("currentView", view));
        QTRY_COMPARE_WITH_TIMEOUT(dashboard->property("currentView").toString(), view, timeoutMs);
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
        QVERIFY2(!texts.join(QLatin1Char(' ')).contains(QLatin1String("Signed out")), "the session was refused");
    }

    // Opens the dashboard as `token`, shows each of `views` and saves it as <prefix>-<view>.png.
    void shoot(const QString &token, const QString &prefix, const QStringList &views)
    {
        Opened app;
        openLive(&app, m_server.baseUrl(), token);
        if (QTest::currentTestFailed())
            return;
        for (const QString &view : views) {
            showView(app.window, view);
            if (QTest::currentTestFailed())
                return;
            capture(app.window, prefix + QLatin1Char('-') + view);
            if (QTest::currentTestFailed())
                return;
        }
        app.session->signOut();
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

    // Any warning from the views (a binding loop, a handler for a signal that does not exist, a
    // type error) fails the test that caused it: the screen may still look right while it is wrong.
    void init()
    {
        QTest::failOnWarning(QRegularExpression(QStringLiteral("\\.qml:\\d+")));
    }

    void managerViews()
    {
        shoot(m_server.managerToken(QStringLiteral("SSPSLT0001")), QStringLiteral("manager"),
              {QStringLiteral("squad"), QStringLiteral("wallet"), QStringLiteral("tiebreakers"), QStringLiteral("rounds")});
    }

    void adminViews()
    {
        shoot(m_server.adminToken(), QStringLiteral("admin"),
              {QStringLiteral("live"), QStringLiteral("squad"), QStringLiteral("rounds"), QStringLiteral("overview")});
    }

    // The league overview shows every team with numbers, not dashes; and the admin resolves a
    // tiebreaker early: the confirmation states who leads, Enter confirms, and the detail shows
    // the winner from the tiebreaker_resolved event. On a quiet demo league: TB0001 stays active.
    void adminConsole()
    {
        ServerProcess quiet;
        QVERIFY2(quiet.start(), qPrintable(quiet.errorString()));
        // Team 1 bids in TB0001 first, so someone leads.
        const auto placed = restCall(quiet.baseUrl(), quiet.managerToken(QStringLiteral("SSPSLT0001")), "POST",
                                     QStringLiteral("/tiebreakers/TB0001/bids"), QJsonObject{{QStringLiteral("amount"), 60}});
        QVERIFY2(placed && placed->status == 201, placed ? placed->body.constData() : "no answer");
        Opened app;
        openLive(&app, quiet.baseUrl(), quiet.adminToken());
        if (QTest::currentTestFailed())
            return;

        showView(app.window, QStringLiteral("overview"));
        QQuickItem *list = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((list = findVisible(app.window, QStringLiteral("overviewList"))), timeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(list->property("count").toInt(), int(quiet.teamIds().size()), timeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(findVisible(app.window, QStringLiteral("teamBalance")), timeoutMs);
        QVERIFY(findVisible(app.window, QStringLiteral("teamBalance"))->property("text").toString() != QStringLiteral("–"));

        // Every team's sealed bids on a player, by team name (TeamListModel.names), not by id.
        showView(app.window, QStringLiteral("rounds"));
        QQuickItem *bids = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((bids = findVisible(app.window, QStringLiteral("teamBids"))), timeoutMs);
        QTRY_VERIFY2_WITH_TIMEOUT(bids->property("text").toString().contains(QLatin1String("Team "))
                                      && !bids->property("text").toString().contains(QLatin1String("SSPSLT")),
                                  qPrintable(bids->property("text").toString()), timeoutMs);

        showView(app.window, QStringLiteral("tiebreakers"));
        QQuickItem *resolve = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((resolve = findVisible(app.window, QStringLiteral("resolveButton"))), timeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(findVisible(app.window, QStringLiteral("highestBidLabel"))
                                     ->property("text").toString().startsWith(QLatin1String("60 real")), timeoutMs);
        resolve->forceActiveFocus(Qt::TabFocusReason);
        QTest::keyClick(app.window, Qt::Key_Return);
        // The dialog is a Popup (not an item); its prompt is an item in the window's overlay.
        QQuickItem *prompt = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((prompt = findVisible(app.window, QStringLiteral("confirmPrompt"))), timeoutMs);
        QVERIFY2(prompt->property("text").toString().contains(QLatin1String("leads with 60 real")),
                 qPrintable(prompt->property("text").toString()));
        QObject *dialog = nullptr;
        for (QObject *candidate : app.window->findChildren<QObject *>(QStringLiteral("confirmDialog"))) {
            if (candidate->property("visible").toBool())
                dialog = candidate;
        }
        QVERIFY(dialog);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->property("opened").toBool(), timeoutMs); // its enter transition is over
        capture(app.window, QStringLiteral("admin-resolve-confirm"));
        if (QTest::currentTestFailed())
            return;
        QTest::keyClick(app.window, Qt::Key_Return);
        QQuickItem *winner = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((winner = findVisible(app.window, QStringLiteral("winnerLabel"))), timeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(winner->property("text").toString().contains(QLatin1String("for 60 real")), timeoutMs);
        QVERIFY(!findVisible(app.window, QStringLiteral("resolveButton")));
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->property("visible").toBool(), timeoutMs);
        capture(app.window, QStringLiteral("admin-resolved"));
        app.session->signOut();
    }

    // Issue 14.5: from a manager's sign-in to the admin's, the team picker gets a team and the
    // squad loads; the picker is hidden on the league-wide Live board; a tiebreaker opened from
    // the board is listed next to its detail.
    void adminAfterManager()
    {
        // A quiet league of its own: TB0001 stays active, so the board always has a card (on the
        // shared simulated league the board can be empty at the moment of looking).
        ServerProcess quiet;
        QVERIFY2(quiet.start(), qPrintable(quiet.errorString()));
        Opened app;
        openLive(&app, quiet.baseUrl(), quiet.managerToken(QStringLiteral("SSPSLT0001")));
        if (QTest::currentTestFailed())
            return;
        showView(app.window, QStringLiteral("squad"));
        app.session->signOut();
        app.session->signIn(quiet.baseUrl(), quiet.adminToken());
        QTRY_COMPARE_WITH_TIMEOUT(app.session->role(), QStringLiteral("admin"), timeoutMs);
        showView(app.window, QStringLiteral("squad"));
        QQuickItem *picker = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((picker = findVisible(app.window, QStringLiteral("teamPicker"))), timeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(picker->property("currentIndex").toInt() >= 0, timeoutMs);
        QQuickItem *squadList = findVisible(app.window, QStringLiteral("squadList"));
        QVERIFY(squadList);
        QTRY_VERIFY_WITH_TIMEOUT(squadList->property("count").toInt() > 0, timeoutMs);

        showView(app.window, QStringLiteral("live"));
        QVERIFY(!findVisible(app.window, QStringLiteral("teamPicker")));
        QQuickItem *grid = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((grid = findVisible(app.window, QStringLiteral("liveBoardGrid"))) && grid->property("count").toInt() > 0,
                                 timeoutMs);
        QObject *board = app.window->findChild<QObject *>(QStringLiteral("liveBoardView"));
        QVERIFY(board);
        QObject *model = grid->property("model").value<QObject *>();
        QVERIFY(model);
        QString id;
        QVERIFY(QMetaObject::invokeMethod(model, "idAt", Q_RETURN_ARG(QString, id), Q_ARG(int, 0)));
        QVERIFY(!id.isEmpty());
        QVERIFY(QMetaObject::invokeMethod(board, "openTiebreaker", Q_ARG(QString, id)));
        QQuickItem *active = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((active = findVisible(app.window, QStringLiteral("activeTiebreakers"))), timeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(active->property("count").toInt() > 0 && active->property("currentIndex").toInt() >= 0, timeoutMs);
        app.session->signOut();
    }

    // A wrong token: back on the sign-in page, which says why, with the server filled in.
    void refusedToken()
    {
        Opened app;
        open(&app, m_server.baseUrl(), QStringLiteral("ld_wrong_token"));
        QQuickItem *error = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((error = findVisible(app.window, QStringLiteral("signInError"))), timeoutMs);
        QVERIFY2(error->property("text").toString().contains(QLatin1String("did not accept this token")),
                 qPrintable(error->property("text").toString()));
        QVERIFY(!findVisible(app.window, QStringLiteral("dashboard")));
        capture(app.window, QStringLiteral("signin-refused"));
    }

    // A server that never answers: said in words with the next attempt, not "Loading…" forever.
    void unreachableServer()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const QUrl url(QStringLiteral("http://127.0.0.1:%1").arg(closed.serverPort()));
        closed.close();
        Opened app;
        open(&app, url, QStringLiteral("ld_any"));
        QQuickItem *page = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((page = findVisible(app.window, QStringLiteral("serverUnreachable"))), timeoutMs);
        QVERIFY(findVisible(app.window, QStringLiteral("unreachableRetry")));
        capture(app.window, QStringLiteral("unreachable"));
        app.session->signOut();
    }

    // Live, then the connection drops: the banner says how old the data is and when it retries;
    // the header keeps its height; when the server is back, "Back online".
    void offlineAndBack()
    {
        FaultProxy proxy(quint16(m_server.baseUrl().port()));
        QVERIFY(proxy.listen());
        Opened app;
        openLive(&app, QUrl(QStringLiteral("http://127.0.0.1:%1").arg(proxy.port())), m_server.managerToken(QStringLiteral("SSPSLT0001")));
        if (QTest::currentTestFailed())
            return;
        showView(app.window, QStringLiteral("wallet"));
        QQuickItem *header = app.window->findChild<QQuickItem *>(QStringLiteral("header"));
        QVERIFY(header);
        const qreal headerHeight = header->height();

        proxy.setRefusing(true);
        proxy.cutAll();
        QQuickItem *banner = app.window->findChild<QQuickItem *>(QStringLiteral("connectionBanner"));
        QVERIFY(banner);
        QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible() && banner->property("lost").toBool(), timeoutMs);
        QVERIFY2(banner->property("text").toString().startsWith(QStringLiteral("Connection lost — showing data from")),
                 qPrintable(banner->property("text").toString()));
        QTRY_VERIFY_WITH_TIMEOUT(app.window->findChild<QQuickItem *>(QStringLiteral("liveIndicator"))
                                     ->property("text").toString().startsWith(QStringLiteral("Offline — data as of")), timeoutMs);
        QCOMPARE(header->height(), headerHeight);
        capture(app.window, QStringLiteral("manager-offline"));

        proxy.setRefusing(false);
        app.session->retryNow();
        QTRY_VERIFY_WITH_TIMEOUT(banner->property("text").toString().startsWith(QLatin1String("Back online")), timeoutMs);
        banner->setProperty("backOnlineMs", 60000); // keep it on screen for the picture
        capture(app.window, QStringLiteral("manager-back-online"));
        app.session->signOut();
    }

    // Another team bids in this team's tie: a toast says "outbid you" with a one-click "Bid N".
    // On a quiet demo league of its own (no simulator spending the teams' money): TB0001 is the
    // tie of teams 1 and 2.
    void outbidToast()
    {
        ServerProcess quiet;
        QVERIFY2(quiet.start(), qPrintable(quiet.errorString()));
        Opened app;
        openLive(&app, quiet.baseUrl(), quiet.managerToken(QStringLiteral("SSPSLT0001")));
        if (QTest::currentTestFailed())
            return;
        showView(app.window, QStringLiteral("tiebreakers"));
        QObject *queue = app.window->findChild<QQuickItem *>(QStringLiteral("toastStack"))->property("queue").value<QObject *>();
        QVERIFY(queue);
        queue->setProperty("timeout", 120000); // stays for the picture
        const auto details = restCall(quiet.baseUrl(), quiet.managerToken(QStringLiteral("SSPSLT0002")), "GET",
                                      QStringLiteral("/tiebreakers/TB0001"));
        QVERIFY(details && details->status == 200);
        const qint64 amount = jsonOf(*details).value(QStringLiteral("starting_amount")).toInteger();
        const auto placed = restCall(quiet.baseUrl(), quiet.managerToken(QStringLiteral("SSPSLT0002")), "POST",
                                     QStringLiteral("/tiebreakers/TB0001/bids"), QJsonObject{{QStringLiteral("amount"), amount}});
        QVERIFY2(placed && placed->status == 201, placed ? placed->body.constData() : "no answer");
        QQuickItem *bidButton = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((bidButton = findVisible(app.window, QStringLiteral("toastBidButton"))), timeoutMs);
        QVERIFY2(bidButton->property("text").toString().startsWith(QLatin1String("Bid ")), qPrintable(bidButton->property("text").toString()));
        capture(app.window, QStringLiteral("manager-outbid"));
        app.session->signOut();
    }

    // Issue 14.7 and 14.3: Ctrl+3 shows Tiebreakers and moves the keyboard into the view; when
    // the deadline passes (the detail's countdown is set past it here) the bid form closes
    // itself and says so before anything could be sent. On a quiet league: TB0001 stays active.
    void keyboardAndClosingDeadline()
    {
        ServerProcess quiet;
        QVERIFY2(quiet.start(), qPrintable(quiet.errorString()));
        Opened app;
        openLive(&app, quiet.baseUrl(), quiet.managerToken(QStringLiteral("SSPSLT0001")));
        if (QTest::currentTestFailed())
            return;
        showView(app.window, QStringLiteral("squad"));
        QQuickItem *dashboard = app.window->findChild<QQuickItem *>(QStringLiteral("dashboard"));
        QQuickItem *view = app.window->findChild<QQuickItem *>(QStringLiteral("tiebreakersView"));
        QVERIFY(dashboard && view);
        app.window->requestActivate(); // shortcuts go to the active window
        QVERIFY(QTest::qWaitForWindowActive(app.window));
        QTest::keyClick(app.window, Qt::Key_3, Qt::ControlModifier);
        QTRY_COMPARE_WITH_TIMEOUT(dashboard->property("currentView").toString(), QStringLiteral("tiebreakers"), timeoutMs);
        auto focusInView = [&] {
            for (QQuickItem *item = app.window->activeFocusItem(); item; item = item->parentItem()) {
                if (item == view)
                    return true;
            }
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(focusInView(), timeoutMs);

        QQuickItem *button = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((button = findVisible(app.window, QStringLiteral("bidButton"))) && button->isEnabled(), timeoutMs);
        QQuickItem *countdown = findVisible(app.window, QStringLiteral("detailCountdown"));
        QVERIFY(countdown);
        const QDateTime deadline = countdown->property("deadline").toDateTime();
        QVERIFY(deadline.isValid());
        QVERIFY(countdown->setProperty("now", deadline.addSecs(1)));
        QTRY_VERIFY_WITH_TIMEOUT(findVisible(app.window, QStringLiteral("awaitingLabel")), timeoutMs);
        QVERIFY(!button->isEnabled());
        QQuickItem *field = findVisible(app.window, QStringLiteral("amountField"));
        QVERIFY(field);
        QVERIFY(!field->isEnabled());
        app.session->signOut();
    }

    // The allowed minimum window size: the team's name is not squeezed and the bid button and
    // the amounts are on screen. On a quiet demo league, so an active tiebreaker is shown.
    void minimumSize()
    {
        ServerProcess quiet; // TB0001 stays active: the detail shows its bid form
        QVERIFY2(quiet.start(), qPrintable(quiet.errorString()));
        Opened app;
        openLive(&app, quiet.baseUrl(), quiet.managerToken(QStringLiteral("SSPSLT0001")), QSize(720, 480));
        if (QTest::currentTestFailed())
            return;
        QTRY_COMPARE_WITH_TIMEOUT(app.window->width(), 720, timeoutMs);
        showView(app.window, QStringLiteral("tiebreakers"));
        QQuickItem *name = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((name = findVisible(app.window, QStringLiteral("teamName"))), timeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(!name->property("truncated").toBool(), timeoutMs);
        for (const char *item : {"highestBidLabel", "bidButton", "detailCountdown"}) {
            QQuickItem *found = nullptr;
            QTRY_VERIFY_WITH_TIMEOUT((found = findVisible(app.window, QString::fromLatin1(item))), timeoutMs);
            QVERIFY2(insideWindow(app.window, found), item);
        }
        capture(app.window, QStringLiteral("manager-minimum"));
        app.session->signOut();
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

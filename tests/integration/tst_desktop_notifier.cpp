// Desktop notifications over the session bus. Runs inside a private dbus-run-session; the test
// plays the desktop's notification service (no notification daemon can run headless here).
#include <session/DesktopNotifier.h>

#include <QDBusConnection>
#include <QSignalSpy>
#include <QTest>

// The desktop's side of org.freedesktop.Notifications, as far as the client uses it.
class FakeNotificationServer : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")

public:
    struct Received
    {
        uint replacesId;
        QString summary;
        QString body;
    };
    QList<Received> received;

public Q_SLOTS:
    uint Notify(const QString &, uint replacesId, const QString &, const QString &summary, const QString &body,
                const QStringList &, const QVariantMap &, int)
    {
        received.append({replacesId, summary, body});
        return replacesId != 0 ? replacesId : uint(received.size() + 100);
    }
};

class TestDesktopNotifier : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void notifiesAndReplaces()
    {
        QDBusConnection bus = QDBusConnection::sessionBus();
        QVERIFY2(bus.isConnected(), "run inside dbus-run-session");
        DesktopNotifier notifier;
        QVERIFY(!notifier.isAvailable()); // nobody serves notifications yet

        FakeNotificationServer server;
        QVERIFY(bus.registerObject(QStringLiteral("/org/freedesktop/Notifications"), &server, QDBusConnection::ExportAllSlots));
        QVERIFY(bus.registerService(QStringLiteral("org.freedesktop.Notifications")));
        QVERIFY(notifier.isAvailable());

        QSignalSpy notified(&notifier, &DesktopNotifier::notified);
        notifier.notify(QStringLiteral("7"), QStringLiteral("LeagueDesk"), QStringLiteral("Ronaldo acquired for 12,000"));
        QVERIFY(notified.wait(10000));
        QCOMPARE(server.received.size(), 1);
        QCOMPARE(server.received.at(0).replacesId, 0u);
        QCOMPARE(server.received.at(0).body, QStringLiteral("Ronaldo acquired for 12,000"));
        const uint id = notified.at(0).at(1).toUInt();

        // The burst grows: the same toast replaces its notification instead of adding one.
        notifier.notify(QStringLiteral("7"), QStringLiteral("LeagueDesk"), QStringLiteral("2 players acquired"));
        QVERIFY(notified.wait(10000));
        QCOMPARE(server.received.size(), 2);
        QCOMPARE(server.received.at(1).replacesId, id);

        // Another toast is another notification.
        notifier.notify(QStringLiteral("8"), QStringLiteral("LeagueDesk"), QStringLiteral("Wallet: −12,000 football"));
        QVERIFY(notified.wait(10000));
        QCOMPARE(server.received.at(2).replacesId, 0u);
    }
};

QTEST_GUILESS_MAIN(TestDesktopNotifier)
#include "tst_desktop_notifier.moc"

// Token storage: the real OS keychain (Secret Service in a private D-Bus session, see
// CMakeLists.txt) and the fallbacks when no keychain answers.
#include <sync/CredentialStore.h>

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {
constexpr int timeoutMs = 20000;
const QUrl server(QStringLiteral("http://127.0.0.1:8080/"));
} // namespace

class TestCredentials : public QObject
{
    Q_OBJECT

private:
    QString load(CredentialStore &store)
    {
        QSignalSpy loaded(&store, &CredentialStore::loaded);
        store.load(server);
        if (!loaded.wait(timeoutMs))
            return QStringLiteral("<timeout>");
        return loaded.first().at(0).toString();
    }

    CredentialStore::Backend save(CredentialStore &store, const QString &token)
    {
        QSignalSpy saved(&store, &CredentialStore::saved);
        store.save(server, token);
        if (!saved.wait(timeoutMs))
            return CredentialStore::Backend::Unknown;
        return saved.first().at(0).value<CredentialStore::Backend>();
    }

private Q_SLOTS:
    // Run without a session bus: no keychain answers, so the token lives in memory only and is
    // never written to disk.
    void memoryFallback()
    {
        QTemporaryDir dir;
        CredentialStore store(QStringLiteral("LeagueDeskTest"));
        store.setPlainFilePath(dir.filePath(QStringLiteral("credentials.ini")));
        QSignalSpy unavailable(&store, &CredentialStore::keychainUnavailable);
        QCOMPARE(save(store, QStringLiteral("secret-token")), CredentialStore::Backend::Memory);
        QCOMPARE(unavailable.count(), 1);
        QVERIFY(!unavailable.first().at(0).toString().isEmpty());
        QCOMPARE(load(store), QStringLiteral("secret-token"));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("credentials.ini"))));

        CredentialStore afterRestart(QStringLiteral("LeagueDeskTest"));
        afterRestart.setPlainFilePath(dir.filePath(QStringLiteral("credentials.ini")));
        QCOMPARE(load(afterRestart), QString()); // gone with the app
    }

    // The user allowed a plain file: the token survives a restart, in an owner-only file.
    void plainFileFallback()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("credentials.ini"));
        CredentialStore store(QStringLiteral("LeagueDeskTest"));
        store.setPlainFilePath(path);
        store.setPlainFileAllowed(true);
        QCOMPARE(save(store, QStringLiteral("secret-token")), CredentialStore::Backend::PlainFile);
        QVERIFY(QFile::exists(path));
        QCOMPARE(QFile::permissions(path) & (QFileDevice::ReadGroup | QFileDevice::ReadOther), QFileDevice::Permissions());

        CredentialStore afterRestart(QStringLiteral("LeagueDeskTest"));
        afterRestart.setPlainFilePath(path);
        afterRestart.setPlainFileAllowed(true);
        QCOMPARE(load(afterRestart), QStringLiteral("secret-token"));

        QSignalSpy removed(&afterRestart, &CredentialStore::removed);
        afterRestart.remove(server);
        QVERIFY(removed.wait(timeoutMs));
        CredentialStore third(QStringLiteral("LeagueDeskTest"));
        third.setPlainFilePath(path);
        third.setPlainFileAllowed(true);
        QCOMPARE(load(third), QString());
    }

    // Run inside dbus-run-session with an unlocked gnome-keyring: the real Secret Service.
    void realKeychainRoundTrip()
    {
        QTemporaryDir dir;
        CredentialStore store(QStringLiteral("LeagueDeskTest"));
        store.setPlainFilePath(dir.filePath(QStringLiteral("credentials.ini")));
        QCOMPARE(save(store, QStringLiteral("keychain-token")), CredentialStore::Backend::Keychain);
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("credentials.ini"))));

        CredentialStore afterRestart(QStringLiteral("LeagueDeskTest"));
        QCOMPARE(load(afterRestart), QStringLiteral("keychain-token"));
        QCOMPARE(afterRestart.backend(), CredentialStore::Backend::Keychain);

        QSignalSpy removed(&afterRestart, &CredentialStore::removed);
        afterRestart.remove(server);
        QVERIFY(removed.wait(timeoutMs));
        CredentialStore third(QStringLiteral("LeagueDeskTest"));
        QCOMPARE(load(third), QString());
    }
};

QTEST_GUILESS_MAIN(TestCredentials)
#include "tst_credentials.moc"

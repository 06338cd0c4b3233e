// Remembered sign-ins: the server URL in the settings, the token in the credential store (here
// the owner-only file the user allowed, since the test runs without a session bus), restored on
// the next start; signing out forgets the token.
#include "support/ServerProcess.h"

#include <session/Session.h>
#include <sync/CredentialStore.h>

#include <QSettings>
#include <QTcpServer>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace {
constexpr int timeoutMs = 15000;
const QString team1 = QStringLiteral("SSPSLT0001");
} // namespace

class TestSessionSignIn : public QObject
{
    Q_OBJECT

private:
    ServerProcess m_server;
    QTemporaryDir m_dir;

    // A session as the app makes it, with a credential store of the test's own.
    std::unique_ptr<Session> makeSession(CredentialStore **storeOut = nullptr)
    {
        auto session = std::make_unique<Session>();
        session->setRemembersSignIns(true);
        auto store = std::make_unique<CredentialStore>(QStringLiteral("LeagueDeskTest"));
        store->setPlainFilePath(m_dir.filePath(QStringLiteral("credentials.ini")));
        if (storeOut)
            *storeOut = store.get();
        session->setCredentialStore(std::move(store));
        return session;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // QSettings go to a test location
        QCoreApplication::setOrganizationName(QStringLiteral("LeagueDeskTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_session_signin"));
        QSettings().clear();
        QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    }

    void noKeychainSaysWhereTheTokenIs()
    {
        CredentialStore *store = nullptr;
        auto session = makeSession(&store);
        QSignalSpy saved(store, &CredentialStore::saved);
        session->signIn(m_server.baseUrl(), m_server.managerToken(team1));
        QVERIFY(saved.wait(timeoutMs));
        QCOMPARE(saved.first().at(0).value<CredentialStore::Backend>(), CredentialStore::Backend::Memory);
        QVERIFY(session->credentialNotice().contains(QLatin1String("until LeagueDesk quits")));
        session->setPlainFileAllowed(true);
        QVERIFY(session->credentialNotice().contains(QLatin1String("file")));
        session->setPlainFileAllowed(false);
        session->signOut();
    }

    // Withdrawing consent to the plain file takes the token off the disk at once.
    void withdrawingConsentClearsTheFile()
    {
        CredentialStore *store = nullptr;
        auto session = makeSession(&store);
        session->setPlainFileAllowed(true);
        QSignalSpy saved(store, &CredentialStore::saved);
        session->signIn(m_server.baseUrl(), m_server.managerToken(team1));
        QVERIFY(saved.wait(timeoutMs));
        session->setPlainFileAllowed(false);

        CredentialStore reader(QStringLiteral("LeagueDeskTest"));
        reader.setPlainFilePath(m_dir.filePath(QStringLiteral("credentials.ini")));
        reader.setPlainFileAllowed(true);
        QSignalSpy loaded(&reader, &CredentialStore::loaded);
        reader.load(m_server.baseUrl());
        QVERIFY(loaded.wait(timeoutMs));
        QCOMPARE(loaded.first().at(0).toString(), QString());
        session->signOut();
    }

    void restoresAndForgets()
    {
        {
            CredentialStore *store = nullptr;
            auto first = makeSession(&store);
            first->setPlainFileAllowed(true);
            QSignalSpy saved(store, &CredentialStore::saved);
            first->signIn(m_server.baseUrl(), m_server.managerToken(team1));
            QVERIFY(saved.wait(timeoutMs));
            QTRY_COMPARE_WITH_TIMEOUT(first->teamId(), team1, timeoutMs);
        }
        // The next start: nothing typed, the remembered sign-in comes back.
        auto second = makeSession();
        QCOMPARE(second->lastServerUrl(), m_server.baseUrl());
        second->restore();
        QVERIFY(second->isRestoring());
        QTRY_VERIFY_WITH_TIMEOUT(second->isSignedIn(), timeoutMs);
        QVERIFY(!second->isRestoring());
        QTRY_COMPARE_WITH_TIMEOUT(second->teamId(), team1, timeoutMs);

        // Signing out forgets the token: the start after that shows the sign-in page.
        second->signOut();
        auto third = makeSession();
        QSignalSpy restoring(third.get(), &Session::restoringChanged);
        third->restore();
        QTRY_VERIFY_WITH_TIMEOUT(!third->isRestoring() && restoring.count() == 2, timeoutMs);
        QVERIFY(!third->isSignedIn());
    }

    // Issue 14.2: a refused token ends the sign-in and says why, keeping the server for the form
    // (and forgetting the stored token, which would only be refused again).
    void refusedTokenSaysWhy()
    {
        auto session = makeSession();
        session->signIn(m_server.baseUrl(), QStringLiteral("ld_not_a_token"));
        QVERIFY(session->isSignedIn());
        QTRY_VERIFY_WITH_TIMEOUT(!session->isSignedIn(), timeoutMs);
        QVERIFY2(session->signInError().contains(QLatin1String("did not accept this token")), qPrintable(session->signInError()));
        QCOMPARE(session->lastServerUrl(), m_server.baseUrl());
        QVERIFY(!session->signInError().contains(QLatin1String("ld_not_a_token"))); // never shown
        // A good token clears the message.
        session->signIn(m_server.baseUrl(), m_server.managerToken(team1));
        QCOMPARE(session->signInError(), QString());
        QTRY_COMPARE_WITH_TIMEOUT(session->teamId(), team1, timeoutMs);
        session->signOut();
    }

    // Issue 14.2: a server that never answers is called unreachable (the views say so instead of
    // "Loading…"); the first answer ends it.
    void unreachableServerSaysSo()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const QUrl url(QStringLiteral("http://127.0.0.1:%1").arg(closed.serverPort()));
        closed.close(); // nothing listens there now: connections are refused at once
        Session session;
        session.signIn(url, QStringLiteral("ld_whatever"), false);
        QVERIFY(!session.isUnreachable());
        QTRY_VERIFY_WITH_TIMEOUT(session.isUnreachable(), timeoutMs);
        QVERIFY(session.failedAttempts() >= 1);
        QVERIFY(session.isSignedIn()); // it keeps trying
        session.signOut();
        QVERIFY(!session.isUnreachable());

        session.signIn(m_server.baseUrl(), m_server.managerToken(team1), false);
        QTRY_COMPARE_WITH_TIMEOUT(session.teamId(), team1, timeoutMs);
        QVERIFY(!session.isUnreachable());
        session.signOut();
    }

    void cleanupTestCase()
    {
        QSettings().clear();
    }
};

QTEST_GUILESS_MAIN(TestSessionSignIn)
#include "tst_session_signin.moc"

#pragma once

#include <QDateTime>
#include <QObject>
#include <QSet>
#include <QQmlEngine>
#include <QTimer>
#include <QUrl>

#include <memory>

class CredentialStore;
class SyncClient;

// The signed-in session as QML sees it: connection state for the live indicator, who is signed
// in, and sign in/out. Owns the SyncClient of the current server and token.
class Session : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON

    Q_PROPERTY(bool signedIn READ isSignedIn NOTIFY signedInChanged)
    Q_PROPERTY(QUrl serverUrl READ serverUrl NOTIFY signedInChanged)
    Q_PROPERTY(QString state READ state NOTIFY stateChanged)
    Q_PROPERTY(QDateTime nextRetryAt READ nextRetryAt NOTIFY stateChanged)
    Q_PROPERTY(QDateTime lastConfirmedAt READ lastConfirmedAt NOTIFY lastConfirmedAtChanged)
    Q_PROPERTY(QString role READ role NOTIFY meChanged)
    Q_PROPERTY(QString teamId READ teamId NOTIFY meChanged)
    Q_PROPERTY(QString userName READ userName NOTIFY meChanged)
    // The server of the last sign-in that was remembered (prefills the sign-in page).
    Q_PROPERTY(QString lastServerUrl READ lastServerUrlText NOTIFY signedInChanged)
    // True while a remembered sign-in is being restored (the token is read from the keychain).
    Q_PROPERTY(bool restoring READ isRestoring NOTIFY restoringChanged)
    // Empty while the OS keychain keeps the token; otherwise says where it is kept instead.
    Q_PROPERTY(QString credentialNotice READ credentialNotice NOTIFY credentialsChanged)
    // The user's choice to keep the token in a plain (owner-only) file when no keychain answers.
    Q_PROPERTY(bool plainFileAllowed READ plainFileAllowed WRITE setPlainFileAllowed NOTIFY credentialsChanged)
    // Why the last sign-in ended without the user signing out (the server refused the token), in
    // words for the sign-in page; "" when it did not.
    Q_PROPERTY(QString signInError READ signInError NOTIFY signInErrorChanged)
    // Signed in, but the server has not answered a single request yet and at least one got no
    // answer: the address is wrong or the server is down. The views say so instead of "Loading…".
    Q_PROPERTY(bool unreachable READ isUnreachable NOTIFY reachabilityChanged)
    Q_PROPERTY(int failedAttempts READ failedAttempts NOTIFY reachabilityChanged)

public:
    explicit Session(QObject *parent = nullptr);
    ~Session() override;

    // `remember` keeps the server and token for the next start (the token in the OS keychain);
    // a demo league on a random port is not worth remembering.
    Q_INVOKABLE void signIn(const QUrl &serverUrl, const QString &token, bool remember = true);
    // Signs out and forgets the stored token of that server.
    Q_INVOKABLE void signOut();
    // Signs in with the remembered server and its stored token, if there are both.
    Q_INVOKABLE void restore();
    Q_INVOKABLE void retryNow();
    Q_INVOKABLE void refresh();

    bool isSignedIn() const { return m_client != nullptr; }
    QUrl serverUrl() const;
    // offline | connecting | live | reconnecting | unauthorized
    QString state() const;
    QDateTime nextRetryAt() const;
    // When the server last confirmed any shown data: the "as of" of the offline indicator.
    QDateTime lastConfirmedAt() const { return m_lastConfirmedAt; }
    QString role() const;
    QString teamId() const;
    QString userName() const;

    SyncClient *client() const { return m_client.get(); }
    QString signInError() const { return m_signInError; }
    bool isUnreachable() const { return m_client && !m_answered && m_failedAttempts > 0; }
    int failedAttempts() const { return m_failedAttempts; }

    // Remembering sign-ins touches the user's keychain and settings: the app turns it on, tests
    // and tools leave it off (or give their own store).
    void setRemembersSignIns(bool remembers) { m_remembers = remembers; }
    void setCredentialStore(std::unique_ptr<CredentialStore> store);
    QUrl lastServerUrl() const;
    QString lastServerUrlText() const { return lastServerUrl().toString(); }
    bool isRestoring() const { return m_restoring; }
    QString credentialNotice() const;
    bool plainFileAllowed() const;
    void setPlainFileAllowed(bool allowed);
    // Where signed-in clients keep their offline cache; empty keeps nothing on disk.
    void setOfflineStorePath(const QString &path) { m_offlineStorePath = path; }

    // Models report each confirmation from the server here.
    void noteConfirmed(const QDateTime &at);

    // Bids this dashboard sent: their live events confirm inline in the bid form, not as toasts.
    // (The team's bids placed elsewhere, or by the demo's simulator, still make a toast.)
    void noteOwnBid(const QString &tiebreakerId, qint64 amount) { m_ownBids.insert(ownBidKey(tiebreakerId, amount)); }
    bool takeOwnBid(const QString &tiebreakerId, qint64 amount) { return m_ownBids.remove(ownBidKey(tiebreakerId, amount)); }

Q_SIGNALS:
    void signedInChanged();
    void stateChanged();
    void meChanged();
    void lastConfirmedAtChanged();
    void clientChanged(); // the SyncClient was replaced: models re-attach
    void restoringChanged();
    void credentialsChanged();
    void signInErrorChanged();
    void reachabilityChanged();

private:
    void endClient();
    void setRestoring(bool restoring);
    void setSignInError(const QString &error);
    void onRequestFinished(int status);
    void onClientStateChanged();

    std::unique_ptr<SyncClient> m_client;
    std::unique_ptr<CredentialStore> m_credentials;
    bool m_remembers = false;
    bool m_restoring = false;
    QString m_token; // the signed-in token, in memory only
    QDateTime m_lastConfirmedAt;
    QString m_offlineStorePath;
    QSet<QString> m_ownBids;
    QString m_signInError;
    QUrl m_refusedServerUrl; // prefills the sign-in page after a refusal
    bool m_answered = false; // the current server answered at least once
    int m_failedAttempts = 0; // requests without an answer since the last answer
    static QString ownBidKey(const QString &id, qint64 amount) { return id + QLatin1Char('|') + QString::number(amount); }
};

#include "Session.h"

#include "SessionLog.h"

#include <sync/CredentialStore.h>
#include <sync/RestClient.h>
#include <sync/SyncClient.h>

#include <QSettings>
#include <QTimer>

namespace {
const QString serverKey = QStringLiteral("signIn/serverUrl");
const QString plainFileKey = QStringLiteral("signIn/plainFileAllowed");
} // namespace

Session::Session(QObject *parent) : QObject(parent) { }

Session::~Session()
{
    // Models holding observations release them while the client still exists; no other
    // property signals, the QML engine may be tearing down.
    if (m_client) {
        m_client->stop();
        const auto old = std::move(m_client);
        Q_EMIT clientChanged();
    }
}

void Session::setCredentialStore(std::unique_ptr<CredentialStore> store)
{
    m_credentials = std::move(store);
    if (m_credentials)
        connect(m_credentials.get(), &CredentialStore::keychainUnavailable, this, &Session::credentialsChanged);
    Q_EMIT credentialsChanged();
}

QUrl Session::lastServerUrl() const
{
    if (m_refusedServerUrl.isValid())
        return m_refusedServerUrl;
    return m_remembers ? QSettings().value(serverKey).toUrl() : QUrl();
}

void Session::setSignInError(const QString &error)
{
    if (m_signInError != error) {
        m_signInError = error;
        Q_EMIT signInErrorChanged();
    }
}

void Session::onRequestFinished(int status)
{
    const bool before = isUnreachable();
    const int failedBefore = m_failedAttempts;
    if (status == 0) {
        ++m_failedAttempts;
    } else {
        m_answered = true;
        m_failedAttempts = 0;
    }
    if (before != isUnreachable() || failedBefore != m_failedAttempts)
        Q_EMIT reachabilityChanged();
}

void Session::onClientStateChanged()
{
    Q_EMIT stateChanged();
    if (!m_client || m_client->state() != SyncClient::State::Unauthorized)
        return;
    // A refused token cannot recover by retrying: back to the sign-in page, saying why. Queued,
    // because the client is in the middle of its own signal.
    const QUrl server = m_client->serverUrl();
    QTimer::singleShot(0, this, [this, server] {
        if (!m_client || m_client->serverUrl() != server || m_client->state() != SyncClient::State::Unauthorized)
            return;
        qCInfo(lcSession) << "the server refused the token; signing out";
        signOut(); // also forgets the stored token: it would only be refused again
        m_refusedServerUrl = server;
        setSignInError(tr("%1 did not accept this token: it is wrong, expired or was revoked. "
                          "Ask your league admin for a new one.").arg(server.toString()));
        Q_EMIT signedInChanged(); // the sign-in page prefills the refused server
    });
}

QString Session::credentialNotice() const
{
    if (!m_credentials || m_credentials->keychainError().isEmpty())
        return {};
    return plainFileAllowed() ? tr("No keychain answered: your token is kept in a file only you can read.")
                              : tr("No keychain answered: your token is kept only until LeagueDesk quits.");
}

bool Session::plainFileAllowed() const
{
    return QSettings().value(plainFileKey, false).toBool();
}

void Session::setPlainFileAllowed(bool allowed)
{
    if (allowed == plainFileAllowed())
        return;
    QSettings().setValue(plainFileKey, allowed);
    if (m_credentials) {
        m_credentials->setPlainFileAllowed(allowed);
        if (allowed && m_client)
            m_credentials->save(m_client->serverUrl(), m_token); // keep the current one there now
        else if (!allowed && m_client)
            m_credentials->forgetPlainFile(m_client->serverUrl()); // consent withdrawn: off the disk
    }
    Q_EMIT credentialsChanged();
}

void Session::setRestoring(bool restoring)
{
    if (m_restoring != restoring) {
        m_restoring = restoring;
        Q_EMIT restoringChanged();
    }
}

void Session::restore()
{
    const QUrl server = lastServerUrl();
    if (!m_remembers || !server.isValid() || m_restoring)
        return;
    if (!m_credentials)
        setCredentialStore(std::make_unique<CredentialStore>());
    m_credentials->setPlainFileAllowed(plainFileAllowed());
    setRestoring(true);
    auto connection = std::make_shared<QMetaObject::Connection>();
    *connection = connect(m_credentials.get(), &CredentialStore::loaded, this, [this, server, connection](const QString &token) {
        disconnect(*connection);
        setRestoring(false);
        if (!token.isEmpty() && !m_client)
            signIn(server, token, false); // already remembered
    });
    m_credentials->load(server);
}

void Session::signIn(const QUrl &serverUrl, const QString &token, bool remember)
{
    endClient();
    if (remember && m_remembers) {
        if (!m_credentials)
            setCredentialStore(std::make_unique<CredentialStore>());
        m_credentials->setPlainFileAllowed(plainFileAllowed());
        m_credentials->save(serverUrl, token);
        QSettings().setValue(serverKey, serverUrl);
    }
    m_token = token;
    m_refusedServerUrl.clear();
    setSignInError({});
    m_answered = false;
    m_failedAttempts = 0;
    m_client = std::make_unique<SyncClient>(serverUrl, token);
    if (!m_offlineStorePath.isEmpty())
        m_client->setOfflineStorePath(m_offlineStorePath);
    connect(m_client->rest(), &RestClient::requestFinished, this,
            [this](const QString &, const QString &, int status) { onRequestFinished(status); });
    connect(m_client.get(), &SyncClient::stateChanged, this, &Session::onClientStateChanged);
    connect(m_client.get(), &SyncClient::meChanged, this, &Session::meChanged);
    Q_EMIT clientChanged();
    Q_EMIT signedInChanged();
    m_client->start();
    Q_EMIT stateChanged();
}

void Session::signOut()
{
    if (m_client && m_remembers && m_credentials && QSettings().value(serverKey).toUrl() == m_client->serverUrl())
        m_credentials->remove(m_client->serverUrl()); // a signed-out token must not sign in again
    endClient();
}

void Session::endClient()
{
    if (!m_client)
        return;
    m_token.clear();
    m_client->stop();
    // Models hold observations in the old client's cache: let them detach first.
    auto old = std::move(m_client);
    Q_EMIT clientChanged();
    old.reset();
    m_lastConfirmedAt = {};
    m_answered = false;
    m_failedAttempts = 0;
    Q_EMIT reachabilityChanged();
    Q_EMIT signedInChanged();
    Q_EMIT stateChanged();
    Q_EMIT meChanged();
    Q_EMIT lastConfirmedAtChanged();
}

void Session::retryNow()
{
    if (m_client)
        m_client->retryNow();
}

void Session::refresh()
{
    if (m_client)
        m_client->refresh();
}

QUrl Session::serverUrl() const
{
    return m_client ? m_client->serverUrl() : QUrl();
}

QString Session::state() const
{
    return SyncClient::stateName(m_client ? m_client->state() : SyncClient::State::Offline);
}

QDateTime Session::nextRetryAt() const
{
    return m_client ? m_client->nextRetryAt() : QDateTime();
}

QString Session::role() const
{
    if (!m_client || !m_client->hasMe())
        return {};
    return m_client->me().role == Protocol::Me::Role::Admin ? QStringLiteral("admin") : QStringLiteral("manager");
}

QString Session::teamId() const
{
    return m_client && m_client->hasMe() ? m_client->me().teamId : QString();
}

QString Session::userName() const
{
    return m_client && m_client->hasMe() ? m_client->me().name : QString();
}

void Session::noteConfirmed(const QDateTime &at)
{
    if (at.isValid() && (!m_lastConfirmedAt.isValid() || at > m_lastConfirmedAt)) {
        m_lastConfirmedAt = at;
        Q_EMIT lastConfirmedAtChanged();
    }
}

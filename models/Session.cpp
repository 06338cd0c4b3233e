#include "Session.h"

#include <sync/SyncClient.h>

Session::Session(QObject *parent) : QObject(parent) { }

Session::~Session() = default;

void Session::signIn(const QUrl &serverUrl, const QString &token)
{
    signOut();
    m_client = std::make_unique<SyncClient>(serverUrl, token);
    if (!m_offlineStorePath.isEmpty())
        m_client->setOfflineStorePath(m_offlineStorePath);
    connect(m_client.get(), &SyncClient::stateChanged, this, &Session::stateChanged);
    connect(m_client.get(), &SyncClient::meChanged, this, &Session::meChanged);
    Q_EMIT clientChanged();
    Q_EMIT signedInChanged();
    m_client->start();
    Q_EMIT stateChanged();
}

void Session::signOut()
{
    if (!m_client)
        return;
    m_client->stop();
    // Models hold observations in the old client's cache: let them detach first.
    auto old = std::move(m_client);
    Q_EMIT clientChanged();
    old.reset();
    m_lastConfirmedAt = {};
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

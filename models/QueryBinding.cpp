#include "QueryBinding.h"

#include <session/Session.h>

#include <sync/Query.h>
#include <sync/QueryCache.h>

#include <QJsonArray>
#include <sync/SyncClient.h>

QueryBinding::QueryBinding(QObject *parent) : QObject(parent) { }

QueryBinding::~QueryBinding()
{
    if (m_query && m_client)
        m_client->release(m_query->key());
}

void QueryBinding::setSession(Session *session)
{
    if (m_session == session)
        return;
    if (m_session)
        m_session->disconnect(this);
    detach();
    m_session = session;
    if (m_session) {
        connect(m_session, &Session::clientChanged, this, [this] {
            detach();
            attach();
            Q_EMIT clientChanged();
        });
    }
    attach();
    Q_EMIT clientChanged();
}

void QueryBinding::setClient(SyncClient *client)
{
    detach();
    m_directClient = client;
    attach();
    Q_EMIT clientChanged();
}

void QueryBinding::setKey(const std::optional<QueryKey> &key)
{
    if (m_key == key)
        return;
    detach();
    m_key = key;
    attach();
}

SyncClient *QueryBinding::client() const
{
    if (m_directClient)
        return m_directClient;
    return m_session ? m_session->client() : nullptr;
}

void QueryBinding::attach()
{
    SyncClient *current = client();
    if (current && m_key) {
        m_client = current;
        m_query = current->observe(*m_key);
        connect(m_query, &Query::dataChanged, this, &QueryBinding::dataChanged);
        connect(m_query, &Query::statusChanged, this, [this] {
            if (m_session && m_query)
                m_session->noteConfirmed(m_query->fetchedAt());
            Q_EMIT statusChanged();
        });
        if (m_session)
            m_session->noteConfirmed(m_query->fetchedAt());
    }
    Q_EMIT attached();
    Q_EMIT statusChanged();
}

void QueryBinding::detach()
{
    if (!m_query)
        return;
    m_query->disconnect(this);
    if (m_client)
        m_client->release(m_query->key());
    m_query = nullptr;
    m_client = nullptr;
    Q_EMIT attached();
    Q_EMIT statusChanged();
}

bool QueryBinding::hasData() const
{
    return m_query && m_query->hasData();
}

bool QueryBinding::isLoading() const
{
    return m_query && m_query->isFetching();
}

QString QueryBinding::errorString() const
{
    return m_query ? m_query->errorMessage() : QString();
}

QDateTime QueryBinding::fetchedAt() const
{
    return m_query ? m_query->fetchedAt() : QDateTime();
}

QString QueryBinding::teamName(const QString &teamId) const
{
    SyncClient *current = client();
    const Query *teams = current ? current->cache()->find(QueryKey::teams()) : nullptr;
    if (teams && teams->hasData()) {
        for (const QJsonValue &team : teams->data().value(QLatin1String("teams")).toArray()) {
            if (team.toObject().value(QLatin1String("team_id")).toString() == teamId)
                return team.toObject().value(QLatin1String("name")).toString();
        }
    }
    return teamId;
}

#include "Watcher.h"

#include <sync/Query.h>
#include <sync/RestClient.h>

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

Watcher::Watcher(const QUrl &serverUrl, const QString &token, const QString &teamId, QObject *parent)
    : QObject(parent), m_client(std::make_unique<SyncClient>(serverUrl, token)), m_teamId(teamId)
{
    connect(m_client.get(), &SyncClient::stateChanged, this, [this] {
        QJsonObject line{{QStringLiteral("kind"), QStringLiteral("connection")},
                         {QStringLiteral("state"), SyncClient::stateName(m_client->state())}};
        if (m_client->state() == SyncClient::State::Reconnecting && m_client->nextRetryAt().isValid())
            line.insert(QStringLiteral("next_retry_at"), m_client->nextRetryAt().toString(Qt::ISODateWithMs));
        print(line);
        if (m_client->state() == SyncClient::State::Unauthorized)
            QCoreApplication::exit(3);
    });
    connect(m_client->rest(), &RestClient::requestFinished, this, [this](const QString &method, const QString &path, int status) {
        print({{QStringLiteral("kind"), QStringLiteral("request")},
               {QStringLiteral("method"), method},
               {QStringLiteral("path"), QStringLiteral("/api/v1") + path},
               {QStringLiteral("status"), status}});
    });
    connect(m_client.get(), &SyncClient::meChanged, this, [this] {
        const Protocol::Me &me = m_client->me();
        if (me.role == Protocol::Me::Role::Manager) {
            follow(me.teamId);
        } else if (m_teamId.isEmpty()) {
            std::fprintf(stderr, "leaguedesk-watch: an admin token needs --team TEAM_ID\n");
            QCoreApplication::exit(2);
        } else {
            follow(m_teamId);
        }
    });
}

void Watcher::start()
{
    m_client->start();
}

void Watcher::follow(const QString &teamId)
{
    if (m_following)
        return;
    m_following = true;
    // One line per model change, carrying the resource as the server sent it.
    const QList<std::pair<QString, QueryKey>> models{{QStringLiteral("squad"), QueryKey::squad(teamId)},
                                                     {QStringLiteral("wallet"), QueryKey::wallet(teamId)},
                                                     {QStringLiteral("tiebreakers"), QueryKey::activeTiebreakers()}};
    for (const auto &[name, key] : models) {
        Query *query = m_client->observe(key);
        connect(query, &Query::dataChanged, this, [this, query, name, teamId] {
            QJsonObject line{{QStringLiteral("kind"), QStringLiteral("model")},
                             {QStringLiteral("name"), name},
                             {QStringLiteral("team_id"), teamId},
                             {QStringLiteral("data"), query->data()}};
            if (query->revision() >= 0)
                line.insert(QStringLiteral("revision"), query->revision());
            print(line);
        });
    }
}

void Watcher::print(const QJsonObject &line)
{
    const QByteArray text = QJsonDocument(line).toJson(QJsonDocument::Compact);
    std::fwrite(text.constData(), 1, size_t(text.size()), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

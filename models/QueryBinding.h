#pragma once

#include <sync/QueryKey.h>

#include <QDateTime>
#include <QJsonObject>
#include <QObject>
#include <QPointer>

#include <optional>

class Query;
class Session;
class SyncClient;

// Keeps one query observed for a model: through the Session's current client (re-attaching when
// the session signs in or out) or through a client handed over directly (tools, tests). Every
// model that shows a query uses one, so attach/release bookkeeping lives in one place.
class QueryBinding : public QObject
{
    Q_OBJECT

public:
    explicit QueryBinding(QObject *parent = nullptr);
    ~QueryBinding() override;

    Session *session() const { return m_session; }
    void setSession(Session *session);
    void setClient(SyncClient *client);
    // nullopt observes nothing (no team chosen yet, say).
    void setKey(const std::optional<QueryKey> &key);

    SyncClient *client() const; // the client in use, if any
    Query *query() const { return m_query; }
    bool hasData() const;
    bool isLoading() const;
    QString errorString() const;
    QDateTime fetchedAt() const;
    // A team's name from the cached GET /teams (the dashboard keeps it observed); the id when
    // the answer is not there.
    QString teamName(const QString &teamId) const;

Q_SIGNALS:
    void attached();    // a (new) query is observed, or none any more: models reload
    void dataChanged(); // the query's data changed
    void statusChanged();
    void clientChanged(); // the client changed: listeners to its events reconnect

private:
    void attach();
    void detach();

    QPointer<Session> m_session;
    QPointer<SyncClient> m_directClient;
    QPointer<SyncClient> m_client; // the client m_query belongs to
    std::optional<QueryKey> m_key;
    Query *m_query = nullptr;
};

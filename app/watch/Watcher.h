#pragma once

#include <sync/SyncClient.h>

#include <QObject>

#include <memory>

class Query;

// Follows one team through SyncClient and prints every connection state, HTTP request and model
// change as one JSON object per line, so scripts and tests can read what the client sees.
class Watcher : public QObject
{
    Q_OBJECT

public:
    Watcher(const QUrl &serverUrl, const QString &token, const QString &teamId, QObject *parent = nullptr);
    void start();

private:
    void follow(const QString &teamId);
    void print(const QJsonObject &line);

    std::unique_ptr<SyncClient> m_client;
    QString m_teamId;
    bool m_following = false;
};

#pragma once

#include <QDateTime>
#include <QObject>
#include <QSet>
#include <QQmlEngine>
#include <QTimer>
#include <QUrl>

#include <memory>

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

public:
    explicit Session(QObject *parent = nullptr);
    ~Session() override;

    Q_INVOKABLE void signIn(const QUrl &serverUrl, const QString &token);
    Q_INVOKABLE void signOut();
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

private:
    std::unique_ptr<SyncClient> m_client;
    QDateTime m_lastConfirmedAt;
    QString m_offlineStorePath;
    QSet<QString> m_ownBids;
    static QString ownBidKey(const QString &id, qint64 amount) { return id + QLatin1Char('|') + QString::number(amount); }
};

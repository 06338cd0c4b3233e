#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QObject>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

// The outcome of one HTTP request, classified the way the rest of the client needs it.
struct RestResult
{
    int status = 0;          // HTTP status; 0 when no answer arrived (network error, timeout)
    QByteArray body;
    QByteArray etag;         // the answer's ETag, as sent (with quotes)
    QString errorCode;       // PROTOCOL.md error code, when the answer carried one
    QString errorMessage;    // for people: the server's message or the network error

    bool isSuccess() const { return status >= 200 && status < 300; }
    bool isNotModified() const { return status == 304; }
    // Network errors, 5xx and 429 (rate limited) are worth retrying later; other 4xx are the
    // request's own fault.
    bool isRetryable() const { return status == 0 || status == 429 || status >= 500; }
};

// The one place that knows HTTP: base URL, bearer token, ETags, status classes, timeouts.
// Requests run asynchronously on the caller's thread; callbacks are dropped if `context` dies.
class RestClient : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(const RestResult &)>;

    RestClient(QUrl baseUrl, QString token, QObject *parent = nullptr);
    ~RestClient() override;

    QUrl baseUrl() const { return m_baseUrl; }
    void setToken(const QString &token) { m_token = token; }
    void setTimeout(int milliseconds) { m_timeoutMs = milliseconds; }

    // `path` is relative to /api/v1 (e.g. "/teams/SSPSLT0001/squad").
    void get(const QString &path, const QByteArray &ifNoneMatch, QObject *context, Callback callback);
    void post(const QString &path, const QJsonObject &body, const QByteArray &idempotencyKey, QObject *context,
              Callback callback);
    void deleteResource(const QString &path, QObject *context, Callback callback);

    // Response body bytes received so far (for request-cost measurements).
    qint64 bytesReceived() const { return m_bytesReceived; }

    QUrl urlFor(const QString &path) const;

    // Forget pooled keep-alive connections. When the live connection died silently (sleep, a
    // network switch), the pooled HTTP sockets are dead too, and a request sent on one would hang
    // until its timeout.
    void dropIdleConnections();

Q_SIGNALS:
    // Every finished request, for request counting and for leaguedesk-watch's log.
    void requestFinished(const QString &method, const QString &path, int status);
    // A 401: the token is not (or no longer) valid.
    void unauthorized();

private:
    void send(const QByteArray &method, const QString &path, QNetworkReply *reply, QObject *context, Callback callback);

    QNetworkAccessManager *m_network; // owned through QObject parenthood
    QUrl m_baseUrl;
    QString m_token;
    int m_timeoutMs = 15000;
    qint64 m_bytesReceived = 0;
};

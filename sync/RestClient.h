#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <functional>
#include <memory>

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
    // Why a request failed, for code that words it: "network" without an answer, else the
    // PROTOCOL.md error code, else "http_<status>".
    QString failureCode() const;
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
    // An Idempotency-Key makes the request safe to send again (protocol 1.1: withdrawing a bid).
    void deleteResource(const QString &path, QObject *context, Callback callback, const QByteArray &idempotencyKey = {});

    // Response body bytes received so far (for request-cost measurements).
    qint64 bytesReceived() const { return m_bytesReceived; }

    QUrl urlFor(const QString &path) const;

    // The link died (the live connection was lost): forget the pooled keep-alive connections and
    // send every request in flight again on a fresh one. After a sleep or a network switch the
    // pooled sockets are dead too, and a request waiting on one would hang until its timeout;
    // clearing the pool under a running reply leaves it hanging as well (Qt tears down the HTTP
    // thread it runs on). GETs and writes with an Idempotency-Key are sent again (the server
    // answers a repeated key with the first answer); other writes fail at once as a network
    // error, since they may or may not have reached the server.
    void resetConnections();
    int inFlightCount() const { return int(m_inFlight.size()); }

Q_SIGNALS:
    // Every finished request, for request counting and for leaguedesk-watch's log.
    void requestFinished(const QString &method, const QString &path, int status);
    // A 401: the token is not (or no longer) valid.
    void unauthorized();

private:
    struct Request
    {
        QByteArray method;
        QString path;
        QNetworkRequest request;
        QByteArray body;
        bool resendable = false;
        QPointer<QObject> context;
        bool hasContext = false;
        Callback callback;
    };

    QNetworkRequest makeRequest(const QString &path) const;
    void send(std::shared_ptr<Request> request);
    void finish(QNetworkReply *reply);

    QNetworkAccessManager *m_network; // owned through QObject parenthood
    QHash<QNetworkReply *, std::shared_ptr<Request>> m_inFlight;
    QUrl m_baseUrl;
    QString m_token;
    int m_timeoutMs = 15000;
    qint64 m_bytesReceived = 0;
};

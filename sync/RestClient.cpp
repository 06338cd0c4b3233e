#include "RestClient.h"

#include "LogCategories.h"

#include <protocol/ErrorCode.h>

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>

QString RestResult::failureCode() const
{
    if (status == 0)
        return QStringLiteral("network");
    return errorCode.isEmpty() ? QStringLiteral("http_%1").arg(status) : errorCode;
}

RestClient::RestClient(QUrl baseUrl, QString token, QObject *parent)
    : QObject(parent), m_network(new QNetworkAccessManager(this)), m_baseUrl(std::move(baseUrl)), m_token(std::move(token))
{
}

RestClient::~RestClient() = default;

QUrl RestClient::urlFor(const QString &path) const
{
    QUrl url = m_baseUrl;
    QString base = url.path();
    if (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    const qsizetype query = path.indexOf(QLatin1Char('?'));
    url.setPath(base + QLatin1String("/api/v1") + (query < 0 ? path : path.left(query)));
    if (query >= 0)
        url.setQuery(path.mid(query + 1));
    return url;
}

void RestClient::resetConnections()
{
    // Detach every running reply first: aborting emits finished(), which must not deliver a
    // failure for a request that is about to be sent again.
    const auto inFlight = std::exchange(m_inFlight, {});
    for (auto it = inFlight.begin(); it != inFlight.end(); ++it) {
        QNetworkReply *reply = it.key();
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
    m_network->clearConnectionCache();
    for (const std::shared_ptr<Request> &request : inFlight) {
        if (request->resendable) {
            qCDebug(lcHttp) << "sending again on a fresh connection:" << request->method << request->path;
            send(request);
            continue;
        }
        RestResult result;
        result.errorMessage = QStringLiteral("the connection was lost; the request may or may not have reached the server");
        Q_EMIT requestFinished(QString::fromLatin1(request->method), request->path, 0);
        if (request->context || !request->hasContext)
            request->callback(result);
    }
}

QNetworkRequest RestClient::makeRequest(const QString &path) const
{
    QNetworkRequest request(urlFor(path));
    request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    request.setRawHeader("Accept", "application/json");
    request.setTransferTimeout(m_timeoutMs);
    return request;
}

void RestClient::get(const QString &path, const QByteArray &ifNoneMatch, QObject *context, Callback callback)
{
    QNetworkRequest request = makeRequest(path);
    if (!ifNoneMatch.isEmpty())
        request.setRawHeader("If-None-Match", ifNoneMatch);
    // The cache does its own revalidation with ETags; Qt's HTTP cache would only hide 304s.
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    send(std::make_shared<Request>(Request{"GET", path, request, {}, true, context, context != nullptr, std::move(callback)}));
}

void RestClient::post(const QString &path, const QJsonObject &body, const QByteArray &idempotencyKey, QObject *context,
                      Callback callback)
{
    QNetworkRequest request = makeRequest(path);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (!idempotencyKey.isEmpty())
        request.setRawHeader("Idempotency-Key", idempotencyKey);
    send(std::make_shared<Request>(Request{"POST", path, request, QJsonDocument(body).toJson(QJsonDocument::Compact),
                                           !idempotencyKey.isEmpty(), context, context != nullptr, std::move(callback)}));
}

void RestClient::deleteResource(const QString &path, QObject *context, Callback callback, const QByteArray &idempotencyKey)
{
    QNetworkRequest request = makeRequest(path);
    if (!idempotencyKey.isEmpty())
        request.setRawHeader("Idempotency-Key", idempotencyKey);
    send(std::make_shared<Request>(Request{"DELETE", path, request, {}, !idempotencyKey.isEmpty(), context,
                                           context != nullptr, std::move(callback)}));
}

void RestClient::send(std::shared_ptr<Request> request)
{
    QNetworkReply *reply = nullptr;
    if (request->method == "GET")
        reply = m_network->get(request->request);
    else if (request->method == "POST")
        reply = m_network->post(request->request, request->body);
    else
        reply = m_network->deleteResource(request->request);
    m_inFlight.insert(reply, std::move(request));
    connect(reply, &QNetworkReply::finished, this, [this, reply] { finish(reply); });
}

void RestClient::finish(QNetworkReply *reply)
{
    reply->deleteLater();
    const std::shared_ptr<Request> request = m_inFlight.take(reply);
    if (!request)
        return;
    RestResult result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    m_bytesReceived += result.body.size();
    result.etag = reply->rawHeader("ETag");
    if (result.status == 0) {
        result.errorMessage = reply->errorString();
    } else if (result.status >= 400) {
        const Protocol::ErrorAnswer error = Protocol::parseErrorBody(result.body);
        result.errorCode = error.code;
        result.errorMessage = error.message.isEmpty() ? QStringLiteral("HTTP %1").arg(result.status) : error.message;
    }
    qCDebug(lcHttp) << request->method << request->path << result.status;
    Q_EMIT requestFinished(QString::fromLatin1(request->method), request->path, result.status);
    if (result.status == 401)
        Q_EMIT unauthorized();
    if (request->context || !request->hasContext)
        request->callback(result);
}

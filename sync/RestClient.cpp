#include "RestClient.h"

#include "LogCategories.h"

#include <protocol/ErrorCode.h>

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>

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

void RestClient::dropIdleConnections()
{
    m_network->clearConnectionCache();
}

void RestClient::get(const QString &path, const QByteArray &ifNoneMatch, QObject *context, Callback callback)
{
    QNetworkRequest request(urlFor(path));
    request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    request.setRawHeader("Accept", "application/json");
    if (!ifNoneMatch.isEmpty())
        request.setRawHeader("If-None-Match", ifNoneMatch);
    request.setTransferTimeout(m_timeoutMs);
    // The cache does its own revalidation with ETags; Qt's HTTP cache would only hide 304s.
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    send("GET", path, m_network->get(request), context, std::move(callback));
}

void RestClient::post(const QString &path, const QJsonObject &body, const QByteArray &idempotencyKey, QObject *context,
                      Callback callback)
{
    QNetworkRequest request(urlFor(path));
    request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    request.setRawHeader("Accept", "application/json");
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (!idempotencyKey.isEmpty())
        request.setRawHeader("Idempotency-Key", idempotencyKey);
    request.setTransferTimeout(m_timeoutMs);
    send("POST", path, m_network->post(request, QJsonDocument(body).toJson(QJsonDocument::Compact)), context,
         std::move(callback));
}

void RestClient::deleteResource(const QString &path, QObject *context, Callback callback)
{
    QNetworkRequest request(urlFor(path));
    request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    request.setRawHeader("Accept", "application/json");
    request.setTransferTimeout(m_timeoutMs);
    send("DELETE", path, m_network->deleteResource(request), context, std::move(callback));
}

void RestClient::send(const QByteArray &method, const QString &path, QNetworkReply *reply, QObject *context,
                      Callback callback)
{
    QPointer<QObject> guard(context);
    connect(reply, &QNetworkReply::finished, this, [this, reply, method, path, guard, context, callback = std::move(callback)] {
        reply->deleteLater();
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
        qCDebug(lcHttp) << method << path << result.status;
        Q_EMIT requestFinished(QString::fromLatin1(method), path, result.status);
        if (result.status == 401)
            Q_EMIT unauthorized();
        if (guard || !context)
            callback(result);
    });
}

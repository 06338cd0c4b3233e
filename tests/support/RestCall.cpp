#include "RestCall.h"

#include <QJsonDocument>
#include <QTest>

std::optional<RestResult> restCall(const QUrl &server, const QString &token, const QByteArray &method,
                                   const QString &path, const QJsonObject &body, int timeoutMs)
{
    RestClient rest(server, token);
    std::optional<RestResult> result;
    auto done = [&result](const RestResult &r) { result = r; };
    if (method == "GET")
        rest.get(path, {}, nullptr, done);
    else if (method == "DELETE")
        rest.deleteResource(path, nullptr, done);
    else
        rest.post(path, body, {}, nullptr, done);
    if (!QTest::qWaitFor([&] { return result.has_value(); }, timeoutMs))
        return std::nullopt;
    return result;
}

QJsonObject jsonOf(const RestResult &result)
{
    return QJsonDocument::fromJson(result.body).object();
}

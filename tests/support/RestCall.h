#pragma once

#include <sync/RestClient.h>

#include <QJsonObject>
#include <QUrl>

#include <optional>

// One request through the real RestClient, waited for with a bound (nullopt on timeout).
std::optional<RestResult> restCall(const QUrl &server, const QString &token, const QByteArray &method,
                                   const QString &path, const QJsonObject &body = {}, int timeoutMs = 15000);
QJsonObject jsonOf(const RestResult &result);

#pragma once

// The QHttpServer API changed in Qt 6.8 (QHttpHeaders, responder by lvalue reference, context
// objects for handlers). These helpers keep HttpApi readable on Qt 6.4 through 6.8. (WebSocket
// upgrades never reach QHttpServer: TrackingTcpServer takes them first.)

#include <QtGlobal>
#include <QHttpServerRequest>
#include <QHttpServerResponse>

#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
#include <QHttpHeaders>
#endif

namespace HttpCompat {

#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
using Responder = QHttpServerResponder &;
#else
using Responder = QHttpServerResponder &&;
#endif

// Request header by case-insensitive name; empty when absent.
inline QByteArray header(const QHttpServerRequest &request, const char *name)
{
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
    return request.headers().value(QLatin1StringView(name)).toByteArray();
#else
    const auto headers = request.headers();
    for (const auto &h : headers) {
        if (h.first.compare(QByteArrayView(name), Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
#endif
}

inline void setHeader(QHttpServerResponse &response, const QByteArray &name, const QByteArray &value)
{
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
    QHttpHeaders headers = response.headers();
    headers.replaceOrAppend(QAnyStringView(name), QAnyStringView(value));
    response.setHeaders(std::move(headers));
#else
    response.setHeader(name, value);
#endif
}

} // namespace HttpCompat

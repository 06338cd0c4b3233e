#include "LiveClient.h"

#include "Harness.h"

#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTest>

LiveClient::LiveClient()
{
    connect(&m_socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
        frames.append(QJsonDocument::fromJson(text.toUtf8()).object());
    });
    connect(&m_socket, &QWebSocket::disconnected, this, [this] { m_closed = true; });
}

bool LiveClient::open(const QUrl &base, const QByteArray &token)
{
    QUrl url = base;
    url.setScheme(base.scheme() == QLatin1String("https") ? QStringLiteral("wss") : QStringLiteral("ws"));
    url.setPath(QStringLiteral("/api/v1/live"));
    QNetworkRequest request(url);
    if (!token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + token);
    QSignalSpy connectedSpy(&m_socket, &QWebSocket::connected);
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    QSignalSpy errorSpy(&m_socket, &QWebSocket::errorOccurred);
#else
    // Renamed errorOccurred in 6.5; the old name is overloaded with error() the getter.
    QSignalSpy errorSpy(&m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error));
#endif
    m_socket.open(request);
    [[maybe_unused]] const bool settled = QTest::qWaitFor([&] { return connectedSpy.count() > 0 || errorSpy.count() > 0 || m_closed; }, Harness::kTimeoutMs);
    // A refusal before the upgrade (HTTP 401) shows up as a handshake error without `connected`.
    m_refused = connectedSpy.isEmpty();
    return !connectedSpy.isEmpty();
}

void LiveClient::send(const QJsonObject &frame)
{
    sendRaw(QJsonDocument(frame).toJson(QJsonDocument::Compact));
}

void LiveClient::sendRaw(const QByteArray &text)
{
    m_socket.sendTextMessage(QString::fromUtf8(text));
}

qsizetype LiveClient::waitFor(const std::function<bool(const QJsonObject &)> &predicate, qsizetype from)
{
    qsizetype checked = from;
    const QDeadlineTimer deadline(Harness::kTimeoutMs);
    for (;;) {
        for (; checked < frames.size(); ++checked) {
            if (predicate(frames.at(checked)))
                return checked;
        }
        if (deadline.hasExpired() || m_closed)
            return -1;
        QSignalSpy spy(&m_socket, &QWebSocket::textMessageReceived);
        spy.wait(int(qMax<qint64>(1, deadline.remainingTime())));
    }
}

QJsonObject LiveClient::request(const QJsonObject &frame)
{
    const qsizetype from = frames.size();
    const QJsonValue id = frame.value(QLatin1String("id"));
    send(frame);
    const qsizetype i = waitFor([&id](const QJsonObject &f) {
        return f.value(QLatin1String("op")).toString() != QLatin1String("event") && f.value(QLatin1String("id")) == id;
    }, from);
    return i < 0 ? QJsonObject() : frames.at(i);
}

QJsonObject LiveClient::subscribe(const QString &channel, const QJsonValue &id, const QJsonObject &since)
{
    QJsonObject frame{{QLatin1String("op"), QLatin1String("subscribe")}, {QLatin1String("id"), id},
                      {QLatin1String("channel"), channel}};
    if (!since.isEmpty())
        frame.insert(QLatin1String("since"), since);
    return request(frame);
}

QList<QJsonObject> LiveClient::eventsSoFar(const QString &channel) const
{
    QList<QJsonObject> list;
    for (const QJsonObject &f : frames) {
        if (f.value(QLatin1String("op")).toString() == QLatin1String("event")
            && f.value(QLatin1String("channel")).toString() == channel)
            list.append(f);
    }
    return list;
}

QList<QJsonObject> LiveClient::events(const QString &channel, qsizetype count)
{
    waitFor([&](const QJsonObject &) { return eventsSoFar(channel).size() >= count; });
    return eventsSoFar(channel);
}

bool LiveClient::barrier()
{
    const QJsonObject pong = request({{QLatin1String("op"), QLatin1String("ping")}, {QLatin1String("id"), ++m_nextId}});
    return pong.value(QLatin1String("op")).toString() == QLatin1String("pong");
}

bool LiveClient::waitClosed()
{
    return QTest::qWaitFor([this] { return m_closed; }, Harness::kTimeoutMs);
}

#pragma once

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QUrl>
#include <QWebSocket>

#include <functional>

// One live-channel connection for the conformance suite: records every text frame as JSON and
// the close code; every wait is bounded and driven by the socket's signals.
class LiveClient : public QObject
{
    Q_OBJECT
public:
    LiveClient();

    // Opens /api/v1/live with `token` (none when empty). True once the upgrade succeeded.
    bool open(const QUrl &base, const QByteArray &token);
    void send(const QJsonObject &frame);
    void sendRaw(const QByteArray &text);
    // Waits until `predicate` holds for some received frame at index >= `from`; that frame's index or -1.
    qsizetype waitFor(const std::function<bool(const QJsonObject &)> &predicate, qsizetype from = 0);
    // The answer to a request frame with this `id` (subscribed, unsubscribed, pong or error).
    QJsonObject request(const QJsonObject &frame);
    QJsonObject subscribe(const QString &channel, const QJsonValue &id, const QJsonObject &since = {});
    // Waits until at least `count` events of `channel` arrived; returns them (in arrival order).
    QList<QJsonObject> events(const QString &channel, qsizetype count);
    QList<QJsonObject> eventsSoFar(const QString &channel) const;
    // Round-trip barrier: every frame the server sent before answering this ping has arrived.
    bool barrier();
    bool waitClosed();
    bool connected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    int closeCode() const { return int(m_socket.closeCode()); }
    bool handshakeRefused() const { return m_refused; }
    QWebSocket &socket() { return m_socket; }

    QList<QJsonObject> frames;

private:
    QWebSocket m_socket;
    bool m_refused = false;
    bool m_closed = false;
    int m_nextId = 1000;
};

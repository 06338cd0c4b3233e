#include "FaultProxy.h"

#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QTimer>

Q_LOGGING_CATEGORY(lcProxy, "leaguedesk.test.proxy", QtWarningMsg)

FaultProxy::FaultProxy(quint16 targetPort, QObject *parent) : QObject(parent), m_targetPort(targetPort)
{
    connect(&m_server, &QTcpServer::newConnection, this, &FaultProxy::onNewConnection);
}

FaultProxy::~FaultProxy()
{
    cutAll();
}

bool FaultProxy::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

void FaultProxy::onNewConnection()
{
    while (QTcpSocket *client = m_server.nextPendingConnection()) {
        client->setParent(this);
        if (m_refusing) {
            client->abort();
            client->deleteLater();
            continue;
        }
        ++m_accepted;
        qCDebug(lcProxy) << "accepted" << client->peerPort();
        auto *pair = new Pair;
        pair->client = client;
        pair->upstream = new QTcpSocket(this);
        m_pairs.insert(client, pair);
        QTcpSocket *upstream = pair->upstream;
        connect(upstream, &QTcpSocket::connected, this, [this, pair] {
            pair->upstreamConnected = true;
            pump(pair);
        });
        connect(client, &QTcpSocket::readyRead, this, [this, pair] {
            const QByteArray bytes = pair->client->readAll();
            // Clients send one request at a time per connection (Qt does not pipeline), so a
            // chunk that starts with a request line names what the next answer is for.
            if (const int space = bytes.indexOf(' '); space > 0 && space < 8) {
                const int end = bytes.indexOf(' ', space + 1);
                if (end > space)
                    pair->requestTarget = bytes.mid(space + 1, end - space - 1);
            }
            pair->toUpstream += bytes;
            if (!pair->classified) {
                pair->classified = true;
                pair->webSocket = pair->toUpstream.toLower().contains("upgrade: websocket");
                if (pair->webSocket && m_refusingWebSockets) {
                    drop(pair->client);
                    return;
                }
                if (pair->webSocket && !m_webSocketAnswer.isEmpty()) {
                    pair->frozen = true; // nothing of this connection reaches the server
                    pair->toUpstream.clear();
                    pair->client->write(m_webSocketAnswer);
                    return;
                }
                if (!pair->webSocket && m_httpFailurePerMille > 0
                    && int(QRandomGenerator::global()->bounded(1000)) < m_httpFailurePerMille) {
                    pair->client->write("HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\n"
                                        "Content-Length: 0\r\nConnection: close\r\n\r\n");
                    pair->toUpstream.clear();
                    drop(pair->client);
                    return;
                }
            }
            pump(pair);
        });
        connect(upstream, &QTcpSocket::readyRead, this, [this, pair] {
            const QByteArray bytes = pair->upstream->readAll();
            if (m_httpAnswerDelayMs > 0 && !pair->webSocket) {
                QPointer<QTcpSocket> to = pair->client;
                QTimer::singleShot(m_httpAnswerDelayMs, this, [to, bytes] {
                    if (to)
                        to->write(bytes);
                });
                Q_EMIT httpAnswerHeld(QString::fromLatin1(pair->requestTarget));
                return;
            }
            if (pair->webSocket)
                takeFrames(pair, bytes);
            else
                pair->toClient += bytes;
            pump(pair);
        });
        // Either side closing closes the other, once what is buffered has been passed on.
        connect(client, &QTcpSocket::disconnected, this, [this, client] {
            qCDebug(lcProxy) << "client closed" << client->peerPort();
            drop(client);
        });
        connect(upstream, &QTcpSocket::disconnected, this, [this, client] {
            qCDebug(lcProxy) << "upstream closed for" << client->peerPort();
            drop(client);
        });
        connect(upstream, &QTcpSocket::errorOccurred, this, [this, client, upstream](QAbstractSocket::SocketError error) {
            qCDebug(lcProxy) << "upstream error for" << client->peerPort() << error << upstream->errorString();
            drop(client);
        });
        upstream->connectToHost(QHostAddress::LocalHost, m_targetPort);
        Q_EMIT accepted();
    }
}

void FaultProxy::pump(Pair *pair)
{
    if (m_stalled || pair->frozen || !pair->upstreamConnected)
        return;
    auto forward = [this](QPointer<QTcpSocket> to, QByteArray bytes) {
        if (bytes.isEmpty())
            return;
        if (m_delayMs > 0) {
            QTimer::singleShot(m_delayMs, this, [to, bytes] {
                if (to)
                    to->write(bytes);
            });
        } else if (to) {
            to->write(bytes);
        }
    };
    forward(pair->upstream, std::exchange(pair->toUpstream, {}));
    forward(pair->client, std::exchange(pair->toClient, {}));
}

void FaultProxy::drop(QTcpSocket *client)
{
    Pair *pair = m_pairs.take(client);
    if (!pair)
        return;
    if (!m_stalled) {
        // Pass on what is still buffered before closing (a clean close, e.g. a close frame).
        if (pair->upstream && !pair->toUpstream.isEmpty())
            pair->upstream->write(pair->toUpstream);
        if (pair->client && !pair->toClient.isEmpty())
            pair->client->write(pair->toClient);
    }
    for (QTcpSocket *socket : {pair->client.data(), pair->upstream.data()}) {
        if (!socket)
            continue;
        socket->disconnect(this);
        // Deleting a socket that still has bytes to write would lose them: close gracefully and
        // delete once the close is done.
        socket->disconnectFromHost();
        if (socket->state() == QAbstractSocket::UnconnectedState)
            socket->deleteLater();
        else
            connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
    }
    delete pair;
}

void FaultProxy::cut(Pair *pair)
{
    for (QTcpSocket *socket : {pair->client.data(), pair->upstream.data()}) {
        if (socket) {
            socket->disconnect(this);
            socket->abort();
            socket->deleteLater();
        }
    }
    delete pair;
}

void FaultProxy::cutAll()
{
    const auto pairs = std::exchange(m_pairs, {});
    for (Pair *pair : pairs)
        cut(pair);
}

void FaultProxy::cutWebSockets()
{
    for (auto it = m_pairs.begin(); it != m_pairs.end();) {
        if (it.value()->webSocket) {
            cut(it.value());
            it = m_pairs.erase(it);
        } else {
            ++it;
        }
    }
}

void FaultProxy::closeWebSockets()
{
    QList<QTcpSocket *> clients;
    for (auto it = m_pairs.cbegin(); it != m_pairs.cend(); ++it) {
        if (it.value()->webSocket)
            clients.append(it.key());
    }
    for (QTcpSocket *client : std::as_const(clients)) {
        Pair *pair = m_pairs.value(client);
        pair->toClient.clear(); // a FIN without the bytes in transit: no close frame reaches the client
        pair->toUpstream.clear();
        drop(client);
    }
}

void FaultProxy::setStalled(bool stalled)
{
    m_stalled = stalled;
    if (!stalled) {
        for (Pair *pair : std::as_const(m_pairs))
            pump(pair);
    }
}

void FaultProxy::stallExisting()
{
    for (Pair *pair : std::as_const(m_pairs))
        pair->frozen = true;
}

void FaultProxy::setRefusing(bool refusing)
{
    m_refusing = refusing;
}

void FaultProxy::setDelay(int milliseconds)
{
    m_delayMs = milliseconds;
}

namespace {

// Where the WebSocket frame starting at `at` ends, or -1 when it has not fully arrived (RFC 6455
// section 5.2; server frames are not masked, but a mask is skipped if present).
qsizetype frameEnd(const QByteArray &b, qsizetype at)
{
    if (b.size() - at < 2)
        return -1;
    const auto byte = [&](qsizetype i) { return quint64(uchar(b.at(at + i))); };
    quint64 length = byte(1) & 0x7f;
    qsizetype header = 2;
    if (length == 126) {
        if (b.size() - at < 4)
            return -1;
        length = byte(2) << 8 | byte(3);
        header = 4;
    } else if (length == 127) {
        if (b.size() - at < 10)
            return -1;
        length = 0;
        for (int i = 0; i < 8; ++i)
            length = length << 8 | byte(2 + i);
        header = 10;
    }
    if (byte(1) & 0x80)
        header += 4;
    if (quint64(b.size() - at - header) < length)
        return -1;
    return at + header + qsizetype(length);
}

QByteArray textFrame(const QByteArray &payload)
{
    QByteArray frame(1, char(0x81));
    if (payload.size() < 126) {
        frame += char(payload.size());
    } else {
        frame += char(126);
        frame += char((payload.size() >> 8) & 0xff);
        frame += char(payload.size() & 0xff);
    }
    return frame + payload;
}

} // namespace

void FaultProxy::takeFrames(Pair *pair, const QByteArray &bytes)
{
    pair->frames += bytes;
    qsizetype at = 0;
    if (!pair->upgraded) {
        const qsizetype end = pair->frames.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        at = end + 4;
        pair->upgraded = true;
    }
    // Pass on whole frames only, so an injected frame never lands inside one of the server's.
    for (qsizetype next; (next = frameEnd(pair->frames, at)) >= 0;)
        at = next;
    pair->toClient += pair->frames.left(at);
    pair->frames.remove(0, at);
    if (pair->frames.isEmpty() && pair->upgraded)
        pair->toClient += std::exchange(pair->injected, {});
}

void FaultProxy::injectFrame(const QByteArray &payload)
{
    for (Pair *pair : std::as_const(m_pairs)) {
        if (!pair->webSocket || !pair->upgraded)
            continue;
        pair->injected += textFrame(payload);
        takeFrames(pair, {});
        pump(pair);
    }
}

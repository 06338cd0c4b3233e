#include "TrackingTcpServer.h"

#include "Logging.h"

#include <QTcpSocket>

#include <algorithm>

TrackingTcpServer::TrackingTcpServer(Limits limits, QObject *parent) : QTcpServer(parent), m_limits(limits)
{
    // Coarse sweep: an idle connection lives between idleSeconds and idleSeconds + 1 s.
    m_sweep.setInterval(std::clamp(m_limits.idleSeconds * 1000 / 4, 100, 1000));
    connect(&m_sweep, &QTimer::timeout, this, &TrackingTcpServer::sweep);
    if (m_limits.idleSeconds > 0)
        m_sweep.start();
}

void TrackingTcpServer::incomingConnection(qintptr socketDescriptor)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        delete socket;
        return;
    }
    const QString address = socket->peerAddress().toString();
    if (m_limits.maxPerAddress > 0 && m_perAddress.value(address) >= m_limits.maxPerAddress)
        purgeDeleted();
    if (m_limits.maxPerAddress > 0 && m_perAddress.value(address) >= m_limits.maxPerAddress) {
        ++m_refused;
        qCWarning(lcHttp).noquote() << "refused connection from" << address << "- over"
                                    << m_limits.maxPerAddress << "connections";
        socket->abort();
        socket->deleteLater();
        return;
    }
    Tracked tracked{socket, address, socket->peerPort(), {}, false};
    tracked.lastActivity.start();
    m_sockets.insert(socket, tracked);
    ++m_perAddress[address];
    auto touch = [this, socket](bool reading) {
        auto it = m_sockets.find(socket);
        if (it == m_sockets.end())
            return;
        it->lastActivity.restart();
        // An answer counts as flushed only when nothing is left to write.
        it->awaitingAnswer = reading || socket->bytesToWrite() > 0;
    };
    connect(socket, &QTcpSocket::readyRead, this, [touch] { touch(true); });
    connect(socket, &QTcpSocket::bytesWritten, this, [touch] { touch(false); });
    connect(socket, &QTcpSocket::disconnected, this, [this, socket] { forget(socket); });
    connect(socket, &QObject::destroyed, this, [this](QObject *object) { forget(object); });
    addPendingConnection(socket);
}

void TrackingTcpServer::forget(QObject *socket)
{
    const auto it = m_sockets.constFind(socket);
    if (it == m_sockets.cend())
        return;
    const QString address = it->address;
    m_sockets.erase(it);
    if (--m_perAddress[address] <= 0)
        m_perAddress.remove(address);
}

void TrackingTcpServer::purgeDeleted()
{
    for (auto it = m_sockets.begin(); it != m_sockets.end();) {
        if (it->socket.isNull() || it->socket->state() == QAbstractSocket::UnconnectedState) {
            if (--m_perAddress[it->address] <= 0)
                m_perAddress.remove(it->address);
            it = m_sockets.erase(it);
        } else {
            ++it;
        }
    }
}

void TrackingTcpServer::markUpgraded(const QHostAddress &peer, quint16 peerPort)
{
    purgeDeleted();
    for (auto it = m_sockets.begin(); it != m_sockets.end(); ++it) {
        if (it->peerPort == peerPort && QHostAddress(it->address).isEqual(peer)) {
            it->upgraded = true;
            return;
        }
    }
}

void TrackingTcpServer::sweep()
{
    purgeDeleted();
    const qint64 limitMs = qint64(m_limits.idleSeconds) * 1000;
    QList<QTcpSocket *> idle;
    for (auto it = m_sockets.cbegin(); it != m_sockets.cend(); ++it) {
        if (it->socket && !it->upgraded && it->lastActivity.elapsed() > limitMs && it->socket->bytesToWrite() == 0)
            idle.append(it->socket);
    }
    for (QTcpSocket *socket : std::as_const(idle)) {
        ++m_idleClosed;
        forget(socket);
        socket->disconnectFromHost();
    }
    if (!idle.isEmpty())
        qCDebug(lcHttp) << "closed" << idle.size() << "idle connections";
}

int TrackingTcpServer::httpConnections()
{
    purgeDeleted();
    return int(std::count_if(m_sockets.cbegin(), m_sockets.cend(), [](const Tracked &t) { return !t.upgraded; }));
}

int TrackingTcpServer::liveConnections()
{
    return int(m_sockets.size()) - httpConnections();
}

void TrackingTcpServer::drain(int timeoutMs, std::function<void()> done)
{
    m_drained = std::move(done);
    m_drainTimeoutMs = timeoutMs;
    m_drainClock.start();
    m_sweep.stop();
    // Polled rather than signalled: QHttpServer 6.4 disconnects every signal of a socket it
    // upgrades, and a poll every 20 ms costs nothing during a shutdown.
    m_drainTimer.setInterval(20);
    connect(&m_drainTimer, &QTimer::timeout, this, &TrackingTcpServer::drainStep);
    m_drainTimer.start();
    drainStep();
}

void TrackingTcpServer::drainStep()
{
    purgeDeleted();
    const bool late = m_drainClock.elapsed() >= m_drainTimeoutMs;
    int waiting = 0;
    QList<QTcpSocket *> closing;
    for (auto it = m_sockets.cbegin(); it != m_sockets.cend(); ++it) {
        if (!it->socket || it->upgraded)
            continue;
        if (late || (!it->awaitingAnswer && it->socket->bytesToWrite() == 0))
            closing.append(it->socket);
        else
            ++waiting;
    }
    for (QTcpSocket *socket : std::as_const(closing)) {
        forget(socket);
        socket->disconnectFromHost(); // flushes what is buffered, then closes
    }
    if (late && !closing.isEmpty())
        qCWarning(lcHttp) << "shutdown: closed" << closing.size() << "connections with requests still in flight";
    if (waiting == 0 && m_drained) {
        m_drainTimer.stop();
        auto done = std::move(m_drained);
        m_drained = nullptr;
        done();
    }
}

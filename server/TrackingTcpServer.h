#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QPointer>
#include <QTcpServer>
#include <QTimer>

#include <functional>

class QTcpSocket;

// The listening socket handed to QHttpServer. QHttpServer 6.4 never closes an HTTP connection by
// itself (no idle timeout, `Connection: close` ignored), so this server tracks every accepted
// socket: it closes HTTP connections idle for longer than idleSeconds, refuses connections beyond
// maxPerAddress from one client address, and counts them for /healthz. Sockets upgraded to the
// live WebSocket are exempt from the idle rule (the live channel pings them itself).
class TrackingTcpServer : public QTcpServer
{
    Q_OBJECT
public:
    struct Limits
    {
        int idleSeconds = 30;
        int maxPerAddress = 256;
    };

    explicit TrackingTcpServer(Limits limits, QObject *parent = nullptr);

    // The socket with this peer became a WebSocket: no idle timeout from now on.
    void markUpgraded(const QHostAddress &peer, quint16 peerPort);

    // Graceful shutdown: call after close(). Closes idle HTTP connections now and every other
    // one as soon as its request has been answered and the answer flushed, then calls `done`
    // (at the latest after timeoutMs, closing what is left). Upgraded sockets are LiveHub's.
    void drain(int timeoutMs, std::function<void()> done);

    int httpConnections();
    int liveConnections();
    qint64 refusedTotal() const { return m_refused; }
    qint64 idleClosedTotal() const { return m_idleClosed; }
    const Limits &limits() const { return m_limits; }

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    struct Tracked
    {
        // QPointer, not signals: QHttpServer 6.4 calls socket->disconnect() on a WebSocket
        // upgrade, which also drops our destroyed/disconnected connections.
        QPointer<QTcpSocket> socket;
        QString address;
        quint16 peerPort = 0; // kept here so matching never touches a socket being destroyed
        QElapsedTimer lastActivity;
        bool upgraded = false;
        // Bytes came in and no answer went out since: a request is being received or handled.
        // QHttpServer 6.4 keeps its parser private, so this is how a drain tells a request in
        // flight from an idle keep-alive connection.
        bool awaitingAnswer = false;
    };
    void forget(QObject *socket);
    void purgeDeleted();
    void sweep();
    void drainStep();

    Limits m_limits;
    QHash<QObject *, Tracked> m_sockets;
    QHash<QString, int> m_perAddress;
    QTimer m_sweep;
    qint64 m_refused = 0;
    qint64 m_idleClosed = 0;
    std::function<void()> m_drained;
    QTimer m_drainTimer;
    QElapsedTimer m_drainClock;
    int m_drainTimeoutMs = 0;
};

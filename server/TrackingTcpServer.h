#pragma once

#include "HttpIntake.h"
#include "LiveUpgrade.h"
#include "LogLimits.h"

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QJsonObject>
#include <QPointer>
#include <QTcpServer>
#include <QTimer>

#include <functional>
#include <optional>

class QTcpSocket;

// The listening socket handed to QHttpServer, and the connection-level limits QHttpServer lacks.
// QHttpServer 6.4 never closes an HTTP connection by itself and buffers whatever a peer sends
// (headers and bodies of any size), so this server sees every socket's bytes first (its readyRead
// slot is connected before QHttpServer's) and frames them with an HttpIntake:
// - a request line, header block or body over its budget is answered here (414/431/413, or 401
//   when the credentials are bad, PROTOCOL.md's precedence) before QHttpServer buffers it;
// - a request must arrive completely within requestTimeoutMs of its first byte (408), so trickled
//   bytes (slowloris) do not keep a connection; between requests the idle timeout applies;
// - bytes waiting to be written are capped (HTTP and upgraded WebSocket sockets): a peer that
//   does not read its answers is closed as a slow reader, and so is one with more than
//   maxPipelined requests received since its answers last drained;
// - connections are capped per address and in total; beyond the total, a few more are accepted
//   for /healthz only, so monitoring still gets an answer.
// A complete `GET /api/v1/live` WebSocket upgrade is answered here, before QHttpServer sees it:
// a bad handshake gets 400 (426 for a version other than 13), a valid one leaves Qt altogether
// (its descriptor is duplicated, the QTcpSocket aborted) and goes to the live handler (LiveHub,
// whose reactor enforces the write cap on it). Live sockets still count against the caps per
// address and in total until releaseLive() says they are closed.
class TrackingTcpServer : public QTcpServer
{
    Q_OBJECT
public:
    struct Limits
    {
        int idleSeconds = 30;
        int maxPerAddress = 256;
        int maxConnections = 10000; // 0 = no cap
        int healthReserve = 16;     // connections beyond maxConnections that may ask for /healthz
        int requestTimeoutMs = 10000;
        int maxPipelined = 16;
        qint64 maxWriteBufferBytes = 4 * 1024 * 1024;
        // All connections together: beyond it the sweep closes the biggest backlogs first.
        qint64 maxWriteBufferTotalBytes = 64 * 1024 * 1024;
        HttpIntake::Limits intake;
    };
    // Whether an Authorization header value names a valid token (for 401 before 413).
    using CredentialCheck = std::function<bool(const QByteArray &authorization)>;

    explicit TrackingTcpServer(Limits limits, QObject *parent = nullptr);

    void setCredentialCheck(CredentialCheck check) { m_credentialCheck = std::move(check); }

    // Receives every valid live upgrade; without one, upgrades are refused with 503.
    void setLiveHandler(std::function<void(LiveUpgrade)> handler) { m_liveHandler = std::move(handler); }
    // A socket handed to the live handler is closed: it no longer counts against the caps.
    void releaseLive(const QString &address);

    // Graceful shutdown: call after close(). Closes idle HTTP connections now and every other
    // one as soon as its request has been answered and the answer flushed, then calls `done`
    // (at the latest after timeoutMs, closing what is left). Live sockets are LiveHub's.
    void drain(int timeoutMs, std::function<void()> done);

    int httpConnections();
    int liveConnections() const { return m_live; }
    qint64 refusedTotal() const { return m_refused; }
    qint64 idleClosedTotal() const { return m_idleClosed; }
    // Counters for /healthz.
    QJsonObject stats();
    const Limits &limits() const { return m_limits; }

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    enum class Status { BadRequest = 400, Unauthorized = 401, Timeout = 408, TooLarge = 413, UrlTooLong = 414,
                        UpgradeRequired = 426, HeadersTooLarge = 431, NotImplemented = 501, Busy = 503 };
    struct Tracked
    {
        QPointer<QTcpSocket> socket;
        QString address;
        QElapsedTimer lastActivity;
        // Bytes came in and no answer went out since: a request is being received or handled.
        // QHttpServer 6.4 keeps its parser private, so this is how a drain tells a request in
        // flight from an idle keep-alive connection.
        bool awaitingAnswer = false;
        HttpIntake intake{HttpIntake::Limits{}};
        QElapsedTimer requestClock; // valid while a request is arriving
        qint64 seenInBuffer = 0;    // bytes in the socket's read buffer the intake already saw
        qint64 fed = 0;             // stream offset of the read buffer's end (bytes dropped while a refusal waits excluded)
        qint64 unanswered = 0;      // requests received since the write buffer was last empty
        bool afterReadQueued = false;
        bool syncHooked = false;    // syncAfterHttpRead() runs after QHttpServer's readyRead slot
        bool reserveOnly = false;   // accepted over maxConnections: /healthz only
        bool refused = false;       // answered here; the rest of its input is discarded
        QElapsedTimer refusedClock;
        QElapsedTimer lastDiscard;
        qint64 discarded = 0;
        // A refusal that waits for QHttpServer to answer the complete requests before it, which
        // came in the same read (afterRead() sends it).
        struct PendingRefusal
        {
            Status status;
            QString reason;
            QByteArray extraHeaders;
        };
        std::optional<PendingRefusal> pendingRefusal;
    };

    void onReadyRead(QTcpSocket *socket);
    void afterRead(QTcpSocket *socket);
    void queueAfterRead(QTcpSocket *socket, Tracked &t);
    void syncAfterHttpRead(QTcpSocket *socket);
    // The intake saw a complete WebSocket upgrade of the live path: answer or hand it over.
    void takeUpgrade(QTcpSocket *socket, Tracked &t);
    bool checkWriteBacklog(QTcpSocket *socket, Tracked &t);
    void checkTotalBacklog();
    void refuse(QTcpSocket *socket, Tracked &t, Status status, const QString &reason, const QByteArray &extraHeaders = {});
    // refuse(), but the complete requests that came before the refused one get their answers first.
    void refuseAfterEarlier(QTcpSocket *socket, Tracked &t, Status status, const QString &reason,
                            const QByteArray &extraHeaders = {});
    // While a refusal waits: trims the read buffer to the earlier requests' bytes; returns how
    // many are left for QHttpServer, or -1 when the peer sent too much meanwhile and was closed.
    qint64 keepOnlyEarlier(QTcpSocket *socket, Tracked &t);
    // Bytes of the requests before a refused one still in a read buffer of `available` bytes.
    static qint64 earlierBytesLeft(const Tracked &t, qint64 available);
    void sendPendingRefusal(QTcpSocket *socket, Tracked &t);
    void discardInput(QTcpSocket *socket);
    void lingerStep(QTcpSocket *socket);
    void warnThrottled(const QString &line);
    void forget(QObject *socket);
    void purgeDeleted();
    void sweep();
    void drainStep();

    Limits m_limits;
    CredentialCheck m_credentialCheck;
    std::function<void(LiveUpgrade)> m_liveHandler;
    QHash<QObject *, Tracked> m_sockets; // HTTP connections
    int m_live = 0;                      // sockets handed to the live handler, not released yet
    QHash<QString, int> m_perAddress;    // both kinds
    QTimer m_sweep;
    qint64 m_refused = 0;
    qint64 m_idleClosed = 0;
    qint64 m_timedOut = 0;
    qint64 m_slowReaders = 0;
    qint64 m_requestsRefused = 0;
    LogThrottle m_logThrottle;
    std::function<void()> m_drained;
    QTimer m_drainTimer;
    QElapsedTimer m_drainClock;
    int m_drainTimeoutMs = 0;
};

#pragma once

#include "WsFrameCodec.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>

#include <memory>
#include <unordered_map>
#include <vector>

class QSocketNotifier;

// The live channel's transport: WebSocket connections on plain non-blocking sockets, taken over
// from Qt after the handshake (TrackingTcpServer), framed by Ws::Decoder / Ws::frame.
//
// On Linux one epoll set holds every live socket and Qt's event loop watches only the epoll fd
// (one QSocketNotifier), so a wake-up costs O(ready sockets), not O(connections) as Qt's own
// dispatcher does with a notifier per socket. Level-triggered: each ready socket gets one read of
// at most 64 KiB per wake-up (fair among connections, and a connection closed halfway through a
// read loses nothing that matters), and EPOLLOUT is registered only while a connection has
// output queued, so level triggering never spins. Elsewhere (POSIX) each socket gets its own
// notifiers: correct, not fast.
//
// Writes go straight to the socket (::send); only what the kernel does not take is queued, as a
// reference to the caller's (shared) buffer. A connection whose queue would pass the write cap
// is closed as a slow reader. Connections are identified by an Id; a closed one's Id is never
// reused, and Handler::connectionClosed comes later from the event loop, never from inside a
// call the handler made.
class LiveReactor : public QObject
{
    Q_OBJECT
public:
    using Id = quint64;

    class Handler
    {
    public:
        virtual ~Handler() = default;
        // Any inbound frame (data, fragment or control), as soon as it is complete, before it is
        // acted on. Returns false when the handler closed the connection (the frame is dropped).
        virtual bool frameArrived(Id id) = 0;
        // A complete text message (valid UTF-8).
        virtual void textMessage(Id id, const QByteArray &utf8) = 0;
        // The socket is closed and the Id forgotten. Exactly once for every adopted connection.
        virtual void connectionClosed(Id id, const QString &address, quint16 code) = 0;
    };

    // A close the peer does not complete (or whose frame it does not read) ends after this.
    static constexpr int kCloseTimeoutMs = 2000;

    explicit LiveReactor(Handler &handler, QObject *parent = nullptr);
    ~LiveReactor() override;

    // Takes over `fd` (a connected stream socket, closed by the reactor from now on) and sends
    // `firstOutput` (the 101 answer). Returns 0 when the descriptor cannot be watched (closed).
    Id adopt(int fd, const QByteArray &firstOutput, const QString &address);
    // Bytes that arrived after the handshake, before the reactor owned the socket.
    void feed(Id id, const QByteArray &bytes);
    // Sends bytes (usually one frame); false when the connection is closing or gone, or was just
    // closed for passing the write cap.
    bool send(Id id, const QByteArray &bytes);
    // Starts the close handshake with `code`; the socket closes when the peer answers, or after
    // kCloseTimeoutMs. Nothing more is sent or delivered for it meanwhile.
    void close(Id id, quint16 code, const QString &reason);
    bool isOpen(Id id) const;
    // Connections adopted and not yet reported closed (open or closing).
    int connectionCount() const { return int(m_connections.size()); }

    void setMaxPendingBytes(qint64 bytes) { m_maxPendingBytes = bytes; }
    // All connections together (a shared frame counts for each connection holding it, as each
    // QWebSocket's copy did): beyond it the biggest backlogs are closed first, once per event-loop
    // turn. 0 = no cap.
    void setMaxTotalPendingBytes(qint64 bytes) { m_maxTotalPendingBytes = bytes; }
    qint64 slowReaders() const { return m_slowReaders; }
    qint64 protocolErrors() const { return m_protocolErrors; }

private:
    struct Connection;

    void onEpollReady();
    void onReadable(Connection &c);
    void onWritable(Connection &c);
    void process(Connection &c, const char *data, qsizetype size);
    void handleFrame(Connection &c, const Ws::Decoder::Frame &frame);
    bool queue(Connection &c, const QByteArray &bytes);
    void flush(Connection &c);
    void setWantWrite(Connection &c, bool want);
    void startClose(Connection &c, quint16 code, const QString &reason);
    void closeSocket(Connection &c, quint16 code);
    void reap();
    void enforceTotal();
    void sweepClosing();
    Connection *find(Id id) const;

    Handler &m_handler;
    int m_epoll = -1;
    std::unique_ptr<QSocketNotifier> m_epollNotifier;
    std::unordered_map<Id, std::unique_ptr<Connection>> m_connections;
    Id m_nextId = 1;
    std::vector<Id> m_closed; // sockets closed, connectionClosed not called yet
    bool m_reapQueued = false;
    QList<Id> m_closing;      // close frames sent, waiting for the peer
    QTimer m_closingSweep;
    QElapsedTimer m_clock;
    std::unique_ptr<char[]> m_readBuffer;
    qint64 m_maxPendingBytes = 4 * 1024 * 1024;
    qint64 m_maxTotalPendingBytes = 64 * 1024 * 1024;
    qint64 m_totalPending = 0;
    bool m_totalCheckQueued = false;
    qint64 m_slowReaders = 0;
    qint64 m_protocolErrors = 0;
};

#pragma once

#include <QByteArray>
#include <QDeadlineTimer>

#include <functional>

// A loopback TCP client on plain POSIX sockets, for attacks a well-behaved QTcpSocket would not
// make: sending without ever reading (a tiny receive buffer, so the server's answers back up),
// half-closing, hand-made WebSocket frames. Blocking calls are bounded by deadlines.
class RawConnection
{
public:
    // `tinyReceiveBuffer`: SO_RCVBUF set to its minimum before connecting, for "never reads".
    explicit RawConnection(quint16 port, bool tinyReceiveBuffer = false);
    ~RawConnection();
    RawConnection(const RawConnection &) = delete;
    RawConnection &operator=(const RawConnection &) = delete;

    bool isOpen() const { return m_fd >= 0; }
    // The server closed (EOF, reset or broken pipe seen).
    bool closedByPeer() const { return m_closedByPeer; }

    // Sends all of `data` unless the peer closes or the deadline passes; true when all was sent.
    bool send(const QByteArray &data, QDeadlineTimer deadline);
    // Calls `next` for more data and sends it until the peer closes or the deadline passes; `tick`
    // runs now and then (sampling). Returns the bytes sent.
    qint64 sendUntil(const std::function<QByteArray()> &next, QDeadlineTimer deadline,
                     const std::function<void()> &tick = {});
    // Reads what arrives until the peer closes, `stop` says enough, or the deadline passes.
    QByteArray read(QDeadlineTimer deadline, const std::function<bool(const QByteArray &)> &stop = {});
    // Waits for the peer to close the connection without reading more than `maxBytes`.
    bool waitClosed(QDeadlineTimer deadline, qint64 maxBytes = 1 << 30);
    void shutdownWrite();

    // A complete HTTP/1.1 response's status (reads up to its headers); 0 if none came.
    int readStatus(QDeadlineTimer deadline, QByteArray *all = nullptr);

private:
    int m_fd = -1;
    bool m_closedByPeer = false;
};

// Client-to-server WebSocket frames (RFC 6455 5.2), masked unless asked otherwise.
namespace WsFrame {
QByteArray make(int opcode, const QByteArray &payload, bool masked = true);
inline QByteArray text(const QByteArray &payload, bool masked = true) { return make(0x1, payload, masked); }
inline QByteArray ping(bool masked = true) { return make(0x9, {}, masked); }
inline QByteArray pong(bool masked = true) { return make(0xA, {}, masked); }
// The upgrade request for /api/v1/live with a bearer token.
QByteArray upgradeRequest(const QByteArray &token);
// The first server frame in `bytes` after the 101 response: its opcode and payload.
bool firstFrame(const QByteArray &bytes, int *opcode, QByteArray *payload);
} // namespace WsFrame

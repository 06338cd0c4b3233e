#include "RawConnection.h"

#include <QRandomGenerator>

#include <utility>

#include <arpa/inet.h>
#include <cerrno>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

RawConnection::RawConnection(quint16 port, bool tinyReceiveBuffer)
{
    m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (m_fd < 0)
        return;
    if (tinyReceiveBuffer) {
        int size = 1; // the kernel rounds up to its minimum
        ::setsockopt(m_fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
    }
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(m_fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0) {
        ::close(m_fd);
        m_fd = -1;
        return;
    }
    ::fcntl(m_fd, F_SETFL, ::fcntl(m_fd, F_GETFL) | O_NONBLOCK);
}

RawConnection::~RawConnection()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

bool RawConnection::send(const QByteArray &data, QDeadlineTimer deadline)
{
    qsizetype offset = 0;
    while (m_fd >= 0 && !m_closedByPeer && offset < data.size()) {
        const ssize_t n = ::send(m_fd, data.constData() + offset, size_t(data.size() - offset), MSG_NOSIGNAL);
        if (n > 0) {
            offset += n;
            continue;
        }
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            if (deadline.hasExpired())
                return false;
            pollfd p{m_fd, POLLOUT, 0};
            ::poll(&p, 1, int(std::min<qint64>(50, std::max<qint64>(1, deadline.remainingTime()))));
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        m_closedByPeer = true; // EPIPE, ECONNRESET
        return false;
    }
    return offset == data.size();
}

qint64 RawConnection::sendUntil(const std::function<QByteArray()> &next, QDeadlineTimer deadline,
                                const std::function<void()> &tick)
{
    qint64 sent = 0;
    QDeadlineTimer tickTimer(20);
    while (m_fd >= 0 && !m_closedByPeer && !deadline.hasExpired()) {
        const QByteArray chunk = next();
        if (chunk.isEmpty())
            break;
        // Short per-chunk deadline so the tick keeps running while the peer does not read.
        qsizetype offset = 0;
        while (offset < chunk.size() && !m_closedByPeer && !deadline.hasExpired()) {
            const ssize_t n = ::send(m_fd, chunk.constData() + offset, size_t(chunk.size() - offset), MSG_NOSIGNAL);
            if (n > 0) {
                offset += n;
                sent += n;
            } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
                pollfd p{m_fd, POLLOUT, 0};
                ::poll(&p, 1, 20);
            } else {
                m_closedByPeer = true;
            }
            if (tick && tickTimer.hasExpired()) {
                tick();
                tickTimer.setRemainingTime(20);
            }
        }
    }
    return sent;
}

QByteArray RawConnection::read(QDeadlineTimer deadline, const std::function<bool(const QByteArray &)> &stop)
{
    QByteArray all;
    char buffer[65536];
    bool first = true; // an expired deadline still reads what is there
    while (m_fd >= 0 && !m_closedByPeer && (std::exchange(first, false) || !deadline.hasExpired())) {
        pollfd p{m_fd, POLLIN, 0};
        ::poll(&p, 1, int(std::min<qint64>(50, std::max<qint64>(0, deadline.remainingTime()))));
        const ssize_t n = ::recv(m_fd, buffer, sizeof buffer, 0);
        if (n > 0) {
            all.append(buffer, n);
            if (stop && stop(all))
                break;
        } else if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) {
            m_closedByPeer = true;
        }
    }
    return all;
}

bool RawConnection::waitClosed(QDeadlineTimer deadline, qint64 maxBytes)
{
    qint64 total = 0;
    read(deadline, [&](const QByteArray &bytes) {
        total = bytes.size();
        return total > maxBytes;
    });
    return m_closedByPeer;
}

void RawConnection::shutdownWrite()
{
    if (m_fd >= 0)
        ::shutdown(m_fd, SHUT_WR);
}

int RawConnection::readStatus(QDeadlineTimer deadline, QByteArray *all)
{
    const QByteArray bytes = read(deadline, [](const QByteArray &b) {
        const qsizetype end = b.indexOf("\r\n\r\n");
        if (end < 0)
            return false;
        const qsizetype lengthAt = b.toLower().indexOf("content-length:");
        if (lengthAt < 0 || lengthAt > end)
            return true;
        const qsizetype lineEnd = b.indexOf("\r\n", lengthAt);
        const qint64 length = b.mid(lengthAt + 15, lineEnd - lengthAt - 15).trimmed().toLongLong();
        return b.size() >= end + 4 + length;
    });
    if (all)
        *all = bytes;
    if (!bytes.startsWith("HTTP/1.1 ") && !bytes.startsWith("HTTP/1.0 "))
        return 0;
    return bytes.mid(9, 3).toInt();
}

namespace WsFrame {

QByteArray make(int opcode, const QByteArray &payload, bool masked)
{
    QByteArray frame;
    frame.append(char(0x80 | opcode));
    const char maskBit = masked ? char(0x80) : char(0);
    if (payload.size() < 126) {
        frame.append(char(maskBit | char(payload.size())));
    } else {
        frame.append(char(maskBit | 126));
        frame.append(char((payload.size() >> 8) & 0xff));
        frame.append(char(payload.size() & 0xff));
    }
    if (!masked)
        return frame + payload;
    const quint32 key = QRandomGenerator::global()->generate();
    const char mask[4] = {char(key >> 24), char(key >> 16), char(key >> 8), char(key)};
    frame.append(mask, 4);
    for (qsizetype i = 0; i < payload.size(); ++i)
        frame.append(char(payload.at(i) ^ mask[i % 4]));
    return frame;
}

QByteArray upgradeRequest(const QByteArray &token)
{
    return "GET /api/v1/live HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
           "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
           "Authorization: Bearer "
        + token + "\r\n\r\n";
}

bool firstFrame(const QByteArray &bytes, int *opcode, QByteArray *payload)
{
    const qsizetype start = bytes.indexOf("\r\n\r\n");
    if (start < 0 || bytes.size() < start + 6)
        return false;
    const QByteArray f = bytes.mid(start + 4);
    *opcode = f.at(0) & 0x0f;
    qint64 length = f.at(1) & 0x7f;
    qsizetype offset = 2;
    if (length == 126) {
        length = (quint8(f.at(2)) << 8) | quint8(f.at(3));
        offset = 4;
    }
    if (f.size() < offset + length)
        return false;
    *payload = f.mid(offset, length);
    return true;
}

} // namespace WsFrame

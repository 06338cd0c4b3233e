#include "LiveReactor.h"

#include "LogLimits.h"
#include "Logging.h"

#include <QSocketNotifier>

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#ifdef Q_OS_LINUX
#include <sys/epoll.h>
#endif

namespace {
constexpr qsizetype kReadChunk = 64 * 1024;
constexpr int kEventsPerBatch = 256;
constexpr int kBatchesPerWake = 8; // then back to Qt's loop (REST); level triggering re-reports the rest
constexpr int kCloseSweepMs = 250;

#ifdef MSG_NOSIGNAL
constexpr int kSendFlags = MSG_NOSIGNAL;
#else
constexpr int kSendFlags = 0; // SO_NOSIGPIPE is set on the socket instead
#endif

LogThrottle &slowReaderLog()
{
    static LogThrottle throttle(20);
    return throttle;
}
} // namespace

struct LiveReactor::Connection
{
    enum class State : quint8 {
        Open,
        CloseSent, // our close frame is queued; waiting for the peer's
        Finishing, // close frames exchanged; the socket closes once our output is flushed
        Gone,      // socket closed; connectionClosed not called yet
    };
    Id id = 0;
    int fd = -1;
    State state = State::Open;
    bool wantWrite = false;
    quint16 code = 0; // the close code sent or received, for the handler's log
    qsizetype outOffset = 0; // of out.first()
    qint64 pending = 0;      // bytes queued, not yet taken by the kernel
    qint64 closeDeadline = 0;
    QList<QByteArray> out;   // references to (usually shared) frames
    QString address;
    Ws::Decoder decoder;
#ifndef Q_OS_LINUX
    std::unique_ptr<QSocketNotifier> readNotifier;
    std::unique_ptr<QSocketNotifier> writeNotifier;
#endif
};

LiveReactor::LiveReactor(Handler &handler, QObject *parent)
    : QObject(parent), m_handler(handler), m_readBuffer(std::make_unique<char[]>(kReadChunk))
{
    m_clock.start();
    m_closingSweep.setInterval(kCloseSweepMs);
    connect(&m_closingSweep, &QTimer::timeout, this, &LiveReactor::sweepClosing);
#ifdef Q_OS_LINUX
    m_epoll = ::epoll_create1(EPOLL_CLOEXEC);
    if (m_epoll < 0) {
        qCCritical(lcLive) << "epoll_create1 failed:" << qt_error_string(errno);
        return;
    }
    m_epollNotifier = std::make_unique<QSocketNotifier>(m_epoll, QSocketNotifier::Read);
    connect(m_epollNotifier.get(), &QSocketNotifier::activated, this, &LiveReactor::onEpollReady);
#endif
}

LiveReactor::~LiveReactor()
{
    // No callbacks from here on: the handler may be half destroyed.
    for (auto &entry : m_connections) {
        if (entry.second->fd >= 0)
            ::close(entry.second->fd);
    }
    m_epollNotifier.reset();
    if (m_epoll >= 0)
        ::close(m_epoll);
}

LiveReactor::Connection *LiveReactor::find(Id id) const
{
    const auto it = m_connections.find(id);
    return it == m_connections.end() ? nullptr : it->second.get();
}

LiveReactor::Id LiveReactor::adopt(int fd, const QByteArray &firstOutput, const QString &address)
{
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
    ::fcntl(fd, F_SETFD, ::fcntl(fd, F_GETFD) | FD_CLOEXEC);
    // Frames are small and each must leave now; Nagle would hold the next one for an ACK.
    int on = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
#ifdef SO_NOSIGPIPE
    ::setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &on, sizeof on);
#endif
    auto owned = std::make_unique<Connection>();
    Connection &c = *owned;
    c.id = m_nextId++;
    c.fd = fd;
    c.address = address;
#ifdef Q_OS_LINUX
    epoll_event event{};
    event.events = EPOLLIN | EPOLLRDHUP;
    event.data.ptr = &c;
    if (m_epoll < 0 || ::epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &event) != 0) {
        qCWarning(lcLive) << "cannot watch a live socket:" << qt_error_string(errno);
        ::close(fd);
        return 0;
    }
#else
    c.readNotifier = std::make_unique<QSocketNotifier>(fd, QSocketNotifier::Read);
    connect(c.readNotifier.get(), &QSocketNotifier::activated, this, [this, id = c.id] {
        if (Connection *found = find(id))
            onReadable(*found);
    });
    c.writeNotifier = std::make_unique<QSocketNotifier>(fd, QSocketNotifier::Write);
    c.writeNotifier->setEnabled(false);
    connect(c.writeNotifier.get(), &QSocketNotifier::activated, this, [this, id = c.id] {
        if (Connection *found = find(id))
            onWritable(*found);
    });
#endif
    const Id id = c.id;
    m_connections.emplace(id, std::move(owned));
    queue(c, firstOutput);
    return id;
}

void LiveReactor::feed(Id id, const QByteArray &bytes)
{
    if (Connection *c = find(id); c && !bytes.isEmpty())
        process(*c, bytes.constData(), bytes.size());
}

bool LiveReactor::send(Id id, const QByteArray &bytes)
{
    Connection *c = find(id);
    if (!c || c->state != Connection::State::Open)
        return false;
    return queue(*c, bytes);
}

void LiveReactor::close(Id id, quint16 code, const QString &reason)
{
    if (Connection *c = find(id))
        startClose(*c, code, reason);
}

bool LiveReactor::isOpen(Id id) const
{
    const Connection *c = find(id);
    return c && c->state == Connection::State::Open;
}

void LiveReactor::onEpollReady()
{
#ifdef Q_OS_LINUX
    epoll_event events[kEventsPerBatch];
    for (int batch = 0; batch < kBatchesPerWake; ++batch) {
        const int n = ::epoll_wait(m_epoll, events, kEventsPerBatch, 0);
        for (int i = 0; i < n; ++i) {
            // Connections are freed only in reap() (queued), so a pointer from this batch is valid
            // even if an earlier event of the batch closed its socket.
            auto &c = *static_cast<Connection *>(events[i].data.ptr);
            if (c.fd >= 0 && (events[i].events & EPOLLOUT))
                onWritable(c);
            if (c.fd >= 0 && (events[i].events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR)))
                onReadable(c);
        }
        if (n < kEventsPerBatch)
            break;
    }
#endif
}

void LiveReactor::onReadable(Connection &c)
{
    // One read per wake-up (level-triggered): what is left is reported again.
    const ssize_t n = ::recv(c.fd, m_readBuffer.get(), size_t(kReadChunk), 0);
    if (n > 0) {
        if (c.state == Connection::State::Open || c.state == Connection::State::CloseSent)
            process(c, m_readBuffer.get(), n);
        return; // Finishing: what the peer sends after its close frame is dropped
    }
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
        return;
    closeSocket(c, c.code ? c.code : 1006); // end of input or reset: 1006, no close frame
}

void LiveReactor::onWritable(Connection &c)
{
    flush(c);
}

void LiveReactor::process(Connection &c, const char *data, qsizetype size)
{
    qsizetype offset = 0;
    while (offset < size && (c.state == Connection::State::Open || c.state == Connection::State::CloseSent)) {
        qsizetype used = 0;
        Ws::Decoder::Frame frame;
        const Ws::Decoder::Status status = c.decoder.decode(data + offset, size - offset, &used, &frame);
        offset += used;
        if (status == Ws::Decoder::Status::NeedMore)
            break;
        if (status == Ws::Decoder::Status::Failed) {
            if (c.state == Connection::State::Open) {
                ++m_protocolErrors;
                qCDebug(lcLive) << "live connection from" << c.address << "broke RFC 6455:" << c.decoder.failureReason();
                startClose(c, c.decoder.failureCode(), QString::fromLatin1(c.decoder.failureReason()));
            } else {
                closeSocket(c, c.code);
            }
            break;
        }
        handleFrame(c, frame);
    }
}

void LiveReactor::handleFrame(Connection &c, const Ws::Decoder::Frame &frame)
{
    if (c.state == Connection::State::CloseSent) {
        // RFC 6455 5.5.1: after our close, only the peer's close matters.
        if (frame.opcode == Ws::Opcode::Close) {
            c.state = Connection::State::Finishing;
            if (c.pending == 0)
                closeSocket(c, c.code);
        }
        return;
    }
    // Charged before it is acted on, control frames too.
    if (!m_handler.frameArrived(c.id) || c.state != Connection::State::Open)
        return;
    switch (frame.opcode) {
    case Ws::Opcode::Text:
        if (frame.final)
            m_handler.textMessage(c.id, frame.payload);
        break;
    case Ws::Opcode::Ping:
        queue(c, Ws::frame(Ws::Opcode::Pong, frame.payload));
        break;
    case Ws::Opcode::Close:
        // Echo the peer's code (none for none), then close once it is written.
        c.code = frame.closeCode ? frame.closeCode : 1005;
        if (!queue(c, Ws::closeFrame(frame.closeCode)))
            break;
        c.state = Connection::State::Finishing;
        if (c.pending == 0) {
            closeSocket(c, c.code);
        } else {
            c.closeDeadline = m_clock.elapsed() + kCloseTimeoutMs;
            m_closing.append(c.id);
            if (!m_closingSweep.isActive())
                m_closingSweep.start();
        }
        break;
    default:
        break; // Pong; binary and continuation never come out of the decoder as such
    }
}

bool LiveReactor::queue(Connection &c, const QByteArray &bytes)
{
    if (c.fd < 0)
        return false;
    qsizetype offset = 0;
    if (c.out.isEmpty()) {
        while (offset < bytes.size()) {
            const ssize_t n = ::send(c.fd, bytes.constData() + offset, size_t(bytes.size() - offset), kSendFlags);
            if (n > 0) {
                offset += n;
                continue;
            }
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
                break;
            closeSocket(c, 1006); // EPIPE, ECONNRESET: the peer is gone
            return false;
        }
        if (offset == bytes.size())
            return true;
    }
    const qint64 rest = bytes.size() - offset;
    if (m_maxPendingBytes > 0 && c.pending + rest > m_maxPendingBytes) {
        // A client that does not read would make the server hold every frame for it.
        ++m_slowReaders;
        qint64 suppressed = 0;
        if (slowReaderLog().allow(&suppressed))
            qCWarning(lcLive).noquote() << "closed live connection from" << c.address << "- slow reader,"
                                        << c.pending + rest << "bytes waiting to be written"
                                        << (suppressed > 0 ? QStringLiteral("(%1 more not logged)").arg(suppressed) : QString());
        closeSocket(c, 1006);
        return false;
    }
    if (c.out.isEmpty())
        c.outOffset = offset;
    c.out.append(bytes); // a reference: a broadcast frame stays one buffer
    c.pending += rest;
    m_totalPending += rest;
    setWantWrite(c, true);
    if (m_maxTotalPendingBytes > 0 && m_totalPending > m_maxTotalPendingBytes && !m_totalCheckQueued) {
        m_totalCheckQueued = true; // not here: this may be one send of a broadcast loop
        QMetaObject::invokeMethod(this, &LiveReactor::enforceTotal, Qt::QueuedConnection);
    }
    return true;
}

void LiveReactor::flush(Connection &c)
{
    while (c.fd >= 0 && !c.out.isEmpty()) {
        const QByteArray &front = c.out.constFirst();
        const ssize_t n = ::send(c.fd, front.constData() + c.outOffset, size_t(front.size() - c.outOffset), kSendFlags);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                return;
            closeSocket(c, 1006);
            return;
        }
        c.outOffset += n;
        c.pending -= n;
        m_totalPending -= n;
        if (c.outOffset == front.size()) {
            c.out.removeFirst();
            c.outOffset = 0;
        }
    }
    if (c.fd < 0)
        return;
    setWantWrite(c, false);
    if (c.state == Connection::State::Finishing)
        closeSocket(c, c.code);
}

void LiveReactor::setWantWrite(Connection &c, bool want)
{
    if (c.wantWrite == want || c.fd < 0)
        return;
    c.wantWrite = want;
#ifdef Q_OS_LINUX
    epoll_event event{};
    event.events = EPOLLIN | EPOLLRDHUP | (want ? quint32(EPOLLOUT) : 0u);
    event.data.ptr = &c;
    ::epoll_ctl(m_epoll, EPOLL_CTL_MOD, c.fd, &event);
#else
    c.writeNotifier->setEnabled(want);
#endif
}

void LiveReactor::startClose(Connection &c, quint16 code, const QString &reason)
{
    if (c.state != Connection::State::Open)
        return;
    c.code = code;
    if (!queue(c, Ws::closeFrame(code, reason)))
        return; // the socket is already closed
    c.state = Connection::State::CloseSent;
    c.closeDeadline = m_clock.elapsed() + kCloseTimeoutMs;
    m_closing.append(c.id);
    if (!m_closingSweep.isActive())
        m_closingSweep.start();
}

void LiveReactor::closeSocket(Connection &c, quint16 code)
{
    if (c.fd < 0)
        return;
    if (!c.code)
        c.code = code;
#ifdef Q_OS_LINUX
    ::epoll_ctl(m_epoll, EPOLL_CTL_DEL, c.fd, nullptr);
#else
    // Not deleted here: this may run inside one of their activated() signals.
    c.readNotifier->setEnabled(false);
    c.writeNotifier->setEnabled(false);
    c.readNotifier.release()->deleteLater();
    c.writeNotifier.release()->deleteLater();
#endif
    ::close(c.fd);
    c.fd = -1;
    c.state = Connection::State::Gone;
    c.out.clear();
    m_totalPending -= c.pending;
    c.pending = 0;
    m_closed.push_back(c.id);
    if (!m_reapQueued) {
        m_reapQueued = true;
        QMetaObject::invokeMethod(this, &LiveReactor::reap, Qt::QueuedConnection);
    }
}

void LiveReactor::reap()
{
    m_reapQueued = false;
    const std::vector<Id> closed = std::exchange(m_closed, {});
    for (const Id id : closed) {
        auto it = m_connections.find(id);
        if (it == m_connections.end())
            continue;
        const QString address = it->second->address;
        const quint16 code = it->second->code;
        m_connections.erase(it);
        m_handler.connectionClosed(id, address, code);
    }
}

void LiveReactor::enforceTotal()
{
    m_totalCheckQueued = false;
    if (m_maxTotalPendingBytes <= 0 || m_totalPending <= m_maxTotalPendingBytes)
        return;
    // Many slow readers, each under its own cap: the ones holding the most go first.
    std::vector<std::pair<qint64, Connection *>> backlogs;
    for (auto &entry : m_connections) {
        if (entry.second->fd >= 0 && entry.second->pending > 0)
            backlogs.emplace_back(entry.second->pending, entry.second.get());
    }
    std::sort(backlogs.begin(), backlogs.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
    for (const auto &[pending, c] : backlogs) {
        if (m_totalPending <= m_maxTotalPendingBytes)
            break;
        ++m_slowReaders;
        qint64 suppressed = 0;
        if (slowReaderLog().allow(&suppressed))
            qCWarning(lcLive).noquote() << "closed live connection from" << c->address << "-" << pending
                                        << "bytes waiting to be written while all live connections together hold over"
                                        << m_maxTotalPendingBytes
                                        << (suppressed > 0 ? QStringLiteral("(%1 more not logged)").arg(suppressed) : QString());
        closeSocket(*c, 1006);
    }
}

void LiveReactor::sweepClosing()
{
    const qint64 now = m_clock.elapsed();
    QList<Id> still;
    for (const Id id : std::as_const(m_closing)) {
        Connection *c = find(id);
        if (!c || c->state == Connection::State::Gone)
            continue;
        if (now >= c->closeDeadline)
            closeSocket(*c, c->code); // the peer did not complete the close (or does not read)
        else
            still.append(id);
    }
    m_closing = still;
    if (m_closing.isEmpty())
        m_closingSweep.stop();
}

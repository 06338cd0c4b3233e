#include "TrackingTcpServer.h"

#include "Logging.h"
#include "WsHandshake.h"

#include <QJsonDocument>
#include <QTcpSocket>

#include <algorithm>
#include <utility>

#include <fcntl.h>
#include <unistd.h>

namespace {

// After answering a refused request the server keeps reading (and dropping) what the client still
// sends for a moment: closing a socket with unread input makes the kernel send a reset, and the
// client would lose the answer. Bounded in bytes and time, so a peer cannot keep it up.
constexpr int kLingerQuietMs = 150;
constexpr int kLingerMaxMs = 2000;
constexpr qint64 kMaxDiscardBytes = 1024 * 1024;
constexpr int kLingerPollMs = 25;

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 408: return "Request Timeout";
    case 413: return "Content Too Large";
    case 414: return "URI Too Long";
    case 426: return "Upgrade Required";
    case 431: return "Request Header Fields Too Large";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    }
    return "Error";
}

// The error shape of PROTOCOL.md; codes for statuses the protocol does not name are new ones,
// which clients treat as generic errors of that status.
QByteArray errorCode(int status)
{
    switch (status) {
    case 401: return "unauthorized";
    case 408: return "request_timeout";
    case 413:
    case 414:
    case 431: return "too_large";
    case 503: return "server_busy";
    }
    return "bad_request";
}

QByteArray errorResponse(int status, const QString &message, const QByteArray &extraHeaders)
{
    const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("error"),
                                                       QJsonObject{{QStringLiteral("code"), QString::fromLatin1(errorCode(status))},
                                                                   {QStringLiteral("message"), message}}}})
                                .toJson(QJsonDocument::Compact);
    return "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status)
        + "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size())
        + "\r\n" + extraHeaders + "Connection: close\r\n\r\n" + body;
}

} // namespace

TrackingTcpServer::TrackingTcpServer(Limits limits, QObject *parent) : QTcpServer(parent), m_limits(limits)
{
    // Qt listens with a backlog of 50: thousands of clients (re)connecting at once overflowed it
    // and waited for SYN retransmits (1 s, 3 s, ...). The kernel caps it at net.core.somaxconn.
    setListenBacklogSize(4096);
    // Coarse sweep: a connection outlives its idle or request deadline by at most a quarter of it
    // (at most 1 s). It also catches live sockets whose peer stopped reading.
    int shortestMs = 4000;
    if (m_limits.idleSeconds > 0)
        shortestMs = std::min(shortestMs, m_limits.idleSeconds * 1000);
    if (m_limits.requestTimeoutMs > 0)
        shortestMs = std::min(shortestMs, m_limits.requestTimeoutMs);
    m_sweep.setInterval(std::clamp(shortestMs / 4, 25, 1000));
    connect(&m_sweep, &QTimer::timeout, this, &TrackingTcpServer::sweep);
    m_sweep.start();
}

void TrackingTcpServer::warnThrottled(const QString &line)
{
    qint64 suppressed = 0;
    if (!m_logThrottle.allow(&suppressed))
        return;
    if (suppressed > 0)
        qCWarning(lcHttp).noquote() << line << QStringLiteral("(%1 similar lines left out)").arg(suppressed);
    else
        qCWarning(lcHttp).noquote() << line;
}

void TrackingTcpServer::incomingConnection(qintptr socketDescriptor)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        delete socket;
        return;
    }
    const QString address = socket->peerAddress().toString();
    // Live sockets count too: they left Qt, not the server.
    const bool overTotal = m_limits.maxConnections > 0 && m_sockets.size() + m_live >= m_limits.maxConnections;
    const bool overAddress = m_limits.maxPerAddress > 0 && m_perAddress.value(address) >= m_limits.maxPerAddress;
    if (overTotal || overAddress)
        purgeDeleted();
    const qsizetype total = m_sockets.size() + m_live;
    const bool reserveOnly = m_limits.maxConnections > 0 && total >= m_limits.maxConnections;
    QString refusal;
    if (m_limits.maxPerAddress > 0 && m_perAddress.value(address) >= m_limits.maxPerAddress)
        refusal = QStringLiteral("over %1 connections from this address").arg(m_limits.maxPerAddress);
    else if (reserveOnly && total >= qsizetype(m_limits.maxConnections) + m_limits.healthReserve)
        refusal = QStringLiteral("over %1 connections in total").arg(m_limits.maxConnections);
    if (!refusal.isEmpty()) {
        ++m_refused;
        warnThrottled(QStringLiteral("refused connection from %1 - %2").arg(address, refusal));
        socket->abort();
        socket->deleteLater();
        return;
    }
    // Belt and braces: whatever the parsers keep, the socket itself never buffers more than a
    // maximal request (QHttpServer 6.4 keeps a request's bytes until it is complete).
    socket->setReadBufferSize(m_limits.intake.maxHeaderBytes + 2 * m_limits.intake.maxBodyBytes + 64 * 1024);
    Tracked tracked;
    tracked.socket = socket;
    tracked.address = address;
    tracked.lastActivity.start();
    tracked.intake = HttpIntake(m_limits.intake);
    // No request clock yet: a connection that has sent nothing is idle (clients open connections
    // ahead of their requests), and idle connections fall under the idle timeout.
    tracked.reserveOnly = reserveOnly;
    m_sockets.insert(socket, tracked);
    ++m_perAddress[address];
    // Connected before QHttpServer sees the socket, so this slot runs before its parser.
    connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
    connect(socket, &QTcpSocket::bytesWritten, this, [this, socket] {
        auto it = m_sockets.find(socket);
        if (it == m_sockets.end())
            return;
        it->lastActivity.restart();
        // An answer counts as flushed only when nothing is left to write.
        it->awaitingAnswer = socket->bytesToWrite() > 0;
        if (socket->bytesToWrite() == 0)
            it->unanswered = 0;
    });
    connect(socket, &QTcpSocket::disconnected, this, [this, socket] { forget(socket); });
    connect(socket, &QObject::destroyed, this, [this](QObject *object) { forget(object); });
    addPendingConnection(socket);
}

void TrackingTcpServer::onReadyRead(QTcpSocket *socket)
{
    auto it = m_sockets.find(socket);
    if (it == m_sockets.end())
        return;
    Tracked &t = *it;
    t.lastActivity.restart();
    t.awaitingAnswer = true;
    if (!t.syncHooked) {
        // QHttpServer connected its slot after ours when it took the connection; this one comes
        // after both (from the next emission on; this emission's afterRead covers the first).
        t.syncHooked = true;
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { syncAfterHttpRead(socket); });
    }
    if (t.refused) {
        discardInput(socket);
        return;
    }
    if (t.pendingRefusal) {
        // Requests ahead of a refused one are still being answered (QHttpServer takes one per
        // readyRead): nothing that came after them may reach it.
        const qint64 available = socket->bytesAvailable();
        t.fed += std::max<qint64>(0, available - t.seenInBuffer);
        const qint64 kept = keepOnlyEarlier(socket, t);
        if (kept > 0)
            queueAfterRead(socket, t);
        else if (kept == 0)
            sendPendingRefusal(socket, t);
        return; // kept < 0: closed, `t` is gone
    }
    if (t.intake.upgraded())
        return; // answered or handed over already

    // QHttpServer reads what it is given (6.4: all of it), so the bytes the intake has not seen
    // are at the end of the read buffer.
    const qint64 available = socket->bytesAvailable();
    const qint64 fresh = available - std::min(t.seenInBuffer, available);
    if (fresh > 0) {
        const QByteArray bytes = socket->peek(available).right(fresh);
        const qint64 before = t.intake.completedRequests();
        t.intake.feed(bytes.constData(), bytes.size());
        t.fed += bytes.size();
        t.seenInBuffer = available;
        const qint64 done = t.intake.completedRequests() - before;
        t.unanswered += done;
        // The deadline runs from a request's first byte to its last; trickling does not reset it.
        if (!t.intake.inRequest())
            t.requestClock.invalidate();
        else if (done > 0 || !t.requestClock.isValid())
            t.requestClock.start();
    }

    switch (t.intake.refusal()) {
    case HttpIntake::Refusal::None:
        break;
    case HttpIntake::Refusal::BadRequest:
        refuseAfterEarlier(socket, t, Status::BadRequest, QString::fromLatin1(t.intake.refusalReason()));
        return;
    case HttpIntake::Refusal::UrlTooLong:
        refuseAfterEarlier(socket, t, Status::UrlTooLong, QStringLiteral("request target over %1 bytes").arg(m_limits.intake.maxUrlBytes));
        return;
    case HttpIntake::Refusal::HeadersTooLarge:
        refuseAfterEarlier(socket, t, Status::HeadersTooLarge,
               QStringLiteral("request headers over %1 bytes").arg(m_limits.intake.maxHeaderBytes));
        return;
    case HttpIntake::Refusal::NotImplemented:
        refuseAfterEarlier(socket, t, Status::NotImplemented, QString::fromLatin1(t.intake.refusalReason()));
        return;
    case HttpIntake::Refusal::BodyTooLarge: {
        // PROTOCOL.md: 401 comes before 413, and the server never reads a stranger's body.
        const bool api = t.intake.path() != "/healthz";
        if (api && m_credentialCheck && !m_credentialCheck(t.intake.authorization()))
            refuseAfterEarlier(socket, t, Status::Unauthorized, QStringLiteral("missing or unknown bearer token"));
        else
            refuseAfterEarlier(socket, t, Status::TooLarge, QStringLiteral("request bodies are limited to %1 KiB")
                                                      .arg(m_limits.intake.maxBodyBytes / 1024));
        return;
    }
    }
    if (t.reserveOnly && !t.intake.path().isEmpty() && t.intake.path() != "/healthz") {
        refuse(socket, t, Status::Busy, QStringLiteral("too many connections; only /healthz is answered"));
        return;
    }
    if (t.intake.upgraded()) {
        // Only the live channel is a WebSocket. Elsewhere QHttpServer (6.4) would run the route
        // and then answer again as a missing WebSocket handler; one clear answer instead.
        if (t.intake.path() == "/api/v1/live")
            takeUpgrade(socket, t);
        else
            refuse(socket, t, Status::BadRequest, QStringLiteral("WebSocket upgrades are served only on /api/v1/live"));
        return;
    }
    if (m_limits.maxPipelined > 0 && t.unanswered > m_limits.maxPipelined) {
        ++m_slowReaders;
        warnThrottled(QStringLiteral("closed connection from %1: over %2 requests waiting for their answers to be read")
                          .arg(t.address)
                          .arg(m_limits.maxPipelined));
        socket->abort();
        return;
    }
    queueAfterRead(socket, t);
}

void TrackingTcpServer::syncAfterHttpRead(QTcpSocket *socket)
{
    // QHttpServer reads inside a transaction that hides what it read from bytesAvailable(). Its
    // queued re-emission of readyRead (after an answer, when bytes are left) can read the rest
    // and leave the next network read to arrive before our queued afterRead(); by then
    // seenInBuffer would still count the bytes it took, and the intake would skip that many new
    // ones. Synchronously after its slot, the buffer holds only bytes the intake already saw.
    auto it = m_sockets.find(socket);
    if (it != m_sockets.end())
        it->seenInBuffer = std::min(it->seenInBuffer, socket->bytesAvailable());
}

void TrackingTcpServer::queueAfterRead(QTcpSocket *socket, Tracked &t)
{
    if (t.afterReadQueued)
        return;
    t.afterReadQueued = true;
    // Runs once QHttpServer has handled these bytes (its slot comes after this one).
    QMetaObject::invokeMethod(this, [this, guard = QPointer<QTcpSocket>(socket)] {
        if (guard)
            afterRead(guard);
    }, Qt::QueuedConnection);
}

void TrackingTcpServer::afterRead(QTcpSocket *socket)
{
    auto it = m_sockets.find(socket);
    if (it == m_sockets.end())
        return;
    Tracked &t = *it;
    t.afterReadQueued = false;
    t.seenInBuffer = std::min(t.seenInBuffer, socket->bytesAvailable());
    // Hand the answer to the kernel now: a client that half-closed (shutdown(SHUT_WR)) after its
    // request makes the next read see end-of-file, and QAbstractSocket then drops unsent data.
    if (socket->bytesToWrite() > 0)
        socket->flush();
    if (checkWriteBacklog(socket, t))
        return; // closed; `t` is gone
    if (t.pendingRefusal) {
        // Once QHttpServer has answered every request before the refused one (its answers are
        // queued ahead), the refusal comes last, as it would have in order. Until then its next
        // readyRead brings us back here.
        if (earlierBytesLeft(t, socket->bytesAvailable()) <= 0)
            sendPendingRefusal(socket, t);
        return;
    }
    if (socket->bytesToWrite() == 0)
        t.unanswered = 0;
}

void TrackingTcpServer::takeUpgrade(QTcpSocket *socket, Tracked &t)
{
    // The handshake's bytes are still in the socket (QHttpServer has not run yet for them); what
    // follows its empty line are the client's first frames.
    const QByteArray buffered = socket->peek(socket->bytesAvailable());
    const qsizetype end = buffered.indexOf("\r\n\r\n");
    const qsizetype start = buffered.startsWith("GET /api/v1/live") ? 0 : -1;
    if (end < 0 || start < 0) {
        // The upgrade came pipelined behind another request QHttpServer has not answered yet.
        refuseAfterEarlier(socket, t, Status::BadRequest, QStringLiteral("a WebSocket upgrade must not be pipelined"));
        return;
    }
    const WsHandshake::Answer answer = WsHandshake::answer(QByteArrayView(buffered.constData(), end));
    if (answer.status == 426) {
        refuse(socket, t, Status::UpgradeRequired, QString::fromLatin1(answer.reason), "Sec-WebSocket-Version: 13\r\n");
        return;
    }
    if (answer.status != 101) {
        refuse(socket, t, Status::BadRequest, QString::fromLatin1(answer.reason));
        return;
    }
    if (!m_liveHandler) {
        refuse(socket, t, Status::Busy, QStringLiteral("the live channel is not available"));
        return;
    }
    // The socket leaves Qt: a duplicate of its descriptor keeps the connection (closing Qt's copy
    // only drops a reference; Qt never calls shutdown() on it), and QHttpServer must not read
    // another byte: its readyRead slot (later in this very emission) is disconnected.
    const int fd = ::fcntl(int(socket->socketDescriptor()), F_DUPFD_CLOEXEC, 0);
    if (fd < 0) {
        refuse(socket, t, Status::Busy, QStringLiteral("out of file descriptors"));
        return;
    }
    LiveUpgrade upgrade;
    upgrade.fd = fd;
    upgrade.response = answer.response;
    upgrade.authorization = answer.authorization;
    upgrade.leftover = buffered.mid(end + 4);
    upgrade.address = t.address;
    // Still counted per address (and in total) until releaseLive().
    m_sockets.remove(socket);
    ++m_live;
    // Our slots and QHttpServer's readyRead go; its disconnected/destroyed slots stay, so it
    // frees what it keeps per connection.
    disconnect(socket, nullptr, this, nullptr);
    socket->disconnect(SIGNAL(readyRead()));
    socket->skip(socket->bytesAvailable());
    socket->abort();
    socket->deleteLater();
    m_liveHandler(std::move(upgrade));
}

void TrackingTcpServer::releaseLive(const QString &address)
{
    --m_live;
    if (--m_perAddress[address] <= 0)
        m_perAddress.remove(address);
}

bool TrackingTcpServer::checkWriteBacklog(QTcpSocket *socket, Tracked &t)
{
    if (m_limits.maxWriteBufferBytes <= 0 || socket->bytesToWrite() <= m_limits.maxWriteBufferBytes)
        return false;
    ++m_slowReaders;
    warnThrottled(QStringLiteral("closed HTTP connection from %1: slow reader, %2 bytes waiting to be written")
                      .arg(t.address)
                      .arg(socket->bytesToWrite()));
    forget(socket);
    socket->abort();
    return true;
}

void TrackingTcpServer::checkTotalBacklog()
{
    if (m_limits.maxWriteBufferTotalBytes <= 0)
        return;
    QList<std::pair<qint64, QPointer<QTcpSocket>>> backlogs;
    qint64 total = 0;
    for (auto it = m_sockets.cbegin(); it != m_sockets.cend(); ++it) {
        if (!it->socket)
            continue;
        const qint64 pending = it->socket->bytesToWrite();
        total += pending;
        if (pending > 0)
            backlogs.append({pending, it->socket});
    }
    if (total <= m_limits.maxWriteBufferTotalBytes)
        return;
    // Many slow readers, each under its own cap: the ones holding the most go first.
    std::sort(backlogs.begin(), backlogs.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
    for (const auto &[pending, socket] : std::as_const(backlogs)) {
        if (total <= m_limits.maxWriteBufferTotalBytes)
            break;
        auto it = socket ? m_sockets.find(socket) : m_sockets.end();
        if (it == m_sockets.end())
            continue;
        ++m_slowReaders;
        warnThrottled(QStringLiteral("closed connection from %1: %2 bytes waiting to be written while all "
                                     "connections together hold over %3")
                          .arg(it->address)
                          .arg(pending)
                          .arg(m_limits.maxWriteBufferTotalBytes));
        total -= pending;
        forget(socket);
        socket->abort();
    }
}

void TrackingTcpServer::refuse(QTcpSocket *socket, Tracked &t, Status status, const QString &reason,
                               const QByteArray &extraHeaders)
{
    if (status == Status::Timeout)
        ++m_timedOut;
    else
        ++m_requestsRefused;
    warnThrottled(QStringLiteral("refused request from %1 (%2, path %3): %4")
                      .arg(t.address)
                      .arg(int(status))
                      .arg(LogLimits::clientText(t.intake.path()), reason));
    t.refused = true;
    t.pendingRefusal.reset(); // this answer replaces one that waited (a deadline ran out meanwhile)
    t.refusedClock.start();
    t.lastDiscard.start();
    t.requestClock.invalidate();
    // QHttpServer must never see the rest of this connection's input: drop its readyRead slot
    // (during this emission too) and keep only ours, which discards.
    socket->disconnect(SIGNAL(readyRead()));
    connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
    if (socket->isTransactionStarted())
        socket->commitTransaction();
    socket->setReadBufferSize(64 * 1024);
    discardInput(socket);
    socket->write(errorResponse(int(status), reason, extraHeaders));
    socket->flush();
    QTimer::singleShot(kLingerPollMs, this, [this, guard = QPointer<QTcpSocket>(socket)] {
        if (guard)
            lingerStep(guard);
    });
}

void TrackingTcpServer::refuseAfterEarlier(QTcpSocket *socket, Tracked &t, Status status, const QString &reason,
                                           const QByteArray &extraHeaders)
{
    const qint64 available = socket->bytesAvailable();
    const qint64 keep = earlierBytesLeft(t, available);
    // Waiting is bounded like any pipelining: over the cap, the refusal goes out at once.
    const bool overCap = m_limits.maxPipelined > 0 && t.unanswered > m_limits.maxPipelined;
    if (keep <= 0 || keep > available || overCap) {
        refuse(socket, t, status, reason, extraHeaders);
        return;
    }
    t.pendingRefusal = Tracked::PendingRefusal{status, reason, extraHeaders};
    // The deadline now covers answering the earlier requests, not the refused one's arrival
    // (which would turn the answer into a 408).
    t.requestClock.start();
    if (keepOnlyEarlier(socket, t) >= 0)
        queueAfterRead(socket, t);
}

qint64 TrackingTcpServer::earlierBytesLeft(const Tracked &t, qint64 available)
{
    // The read buffer holds the stream's bytes [fed - available, fed); the complete requests
    // before the refused one end at lastRequestEnd().
    return t.intake.lastRequestEnd() - (t.fed - available);
}

qint64 TrackingTcpServer::keepOnlyEarlier(QTcpSocket *socket, Tracked &t)
{
    const qint64 available = socket->bytesAvailable();
    const qint64 keep = std::max<qint64>(0, earlierBytesLeft(t, available));
    if (keep < available) {
        // A sequential QIODevice cannot drop its buffer's tail: take everything and put the
        // requests' bytes back. keep <= what the intake accepted, so its limits bound this.
        // QHttpServer may hold a transaction open over a request that spans reads; inside one,
        // read() only moves the transaction's position and ungetChar() does nothing. Its HTTP
        // parser keeps its own state (it only rolls back for upgrades, which never reach it),
        // so committing loses nothing.
        if (socket->isTransactionStarted())
            socket->commitTransaction();
        const QByteArray buffered = socket->read(available);
        for (qint64 i = keep - 1; i >= 0; --i)
            socket->ungetChar(buffered.at(i));
        t.discarded += available - keep;
        t.fed -= available - keep; // the stream as QHttpServer sees it: without what was dropped
        if (t.discarded > kMaxDiscardBytes) {
            forget(socket);
            socket->abort();
            return -1;
        }
    }
    t.seenInBuffer = keep;
    return keep;
}

void TrackingTcpServer::sendPendingRefusal(QTcpSocket *socket, Tracked &t)
{
    const Tracked::PendingRefusal pending = *std::exchange(t.pendingRefusal, std::nullopt);
    refuse(socket, t, pending.status, pending.reason, pending.extraHeaders);
}

void TrackingTcpServer::discardInput(QTcpSocket *socket)
{
    auto it = m_sockets.find(socket);
    if (it == m_sockets.end())
        return;
    const qint64 available = socket->bytesAvailable();
    if (available <= 0)
        return;
    socket->skip(available);
    it->discarded += available;
    it->lastDiscard.restart();
    if (it->discarded > kMaxDiscardBytes) {
        forget(socket);
        socket->abort();
    }
}

void TrackingTcpServer::lingerStep(QTcpSocket *socket)
{
    auto it = m_sockets.find(socket);
    if (it == m_sockets.end() || !it->refused)
        return;
    discardInput(socket);
    it = m_sockets.find(socket);
    if (it == m_sockets.end())
        return;
    const bool flushed = socket->bytesToWrite() == 0;
    if (flushed && (it->lastDiscard.elapsed() >= kLingerQuietMs || it->refusedClock.elapsed() >= kLingerMaxMs)) {
        socket->disconnectFromHost();
        return;
    }
    if (it->refusedClock.elapsed() >= 2 * kLingerMaxMs) {
        forget(socket);
        socket->abort();
        return;
    }
    QTimer::singleShot(kLingerPollMs, this, [this, guard = QPointer<QTcpSocket>(socket)] {
        if (guard)
            lingerStep(guard);
    });
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

void TrackingTcpServer::sweep()
{
    purgeDeleted();
    const qint64 idleMs = qint64(m_limits.idleSeconds) * 1000;
    QList<QPointer<QTcpSocket>> idle, late, backlogged, stalledUpgrades;
    for (auto it = m_sockets.begin(); it != m_sockets.end(); ++it) {
        if (!it->socket || it->refused)
            continue;
        if (m_limits.maxWriteBufferBytes > 0 && it->socket->bytesToWrite() > m_limits.maxWriteBufferBytes)
            backlogged.append(it->socket);
        else if (m_limits.requestTimeoutMs > 0 && it->requestClock.isValid()
                 && it->requestClock.elapsed() > m_limits.requestTimeoutMs)
            (it->intake.upgraded() && !it->pendingRefusal ? stalledUpgrades : late).append(it->socket);
        else if (idleMs > 0 && it->lastActivity.elapsed() > idleMs && it->socket->bytesToWrite() == 0)
            idle.append(it->socket);
    }
    for (const QPointer<QTcpSocket> &socket : std::as_const(backlogged)) {
        auto it = socket ? m_sockets.find(socket) : m_sockets.end();
        if (it != m_sockets.end())
            checkWriteBacklog(socket, *it);
    }
    checkTotalBacklog();
    for (const QPointer<QTcpSocket> &socket : std::as_const(late)) {
        auto it = socket ? m_sockets.find(socket) : m_sockets.end();
        if (it == m_sockets.end())
            continue;
        if (it->pendingRefusal) // the earlier requests took too long: their refusal goes out now
            sendPendingRefusal(socket, *it);
        else
            refuse(socket, *it, Status::Timeout,
                   QStringLiteral("request not complete within %1 ms").arg(m_limits.requestTimeoutMs));
    }
    // Asked for a WebSocket but never became one (no route, failed handshake): it gets no more
    // time than any request.
    for (const QPointer<QTcpSocket> &socket : std::as_const(stalledUpgrades)) {
        if (!socket)
            continue;
        ++m_timedOut;
        forget(socket);
        socket->abort();
    }
    for (const QPointer<QTcpSocket> &socket : std::as_const(idle)) {
        if (!socket)
            continue;
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
    return int(m_sockets.size());
}

QJsonObject TrackingTcpServer::stats()
{
    return QJsonObject{{QStringLiteral("http"), httpConnections()},
                       {QStringLiteral("tcp_live"), liveConnections()},
                       {QStringLiteral("refused"), m_refused},
                       {QStringLiteral("idle_closed"), m_idleClosed},
                       {QStringLiteral("timed_out"), m_timedOut},
                       {QStringLiteral("requests_refused"), m_requestsRefused},
                       {QStringLiteral("slow_readers"), m_slowReaders}};
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
        if (!it->socket)
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

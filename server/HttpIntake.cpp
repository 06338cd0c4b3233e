#include "HttpIntake.h"

#include <QList>

#include <algorithm>
#include <cstring>

namespace {
// A chunk-size line is a few hex digits and perhaps an extension; nothing legitimate is longer.
constexpr qsizetype kMaxChunkLine = 1024;
// Method and " HTTP/1.1" around the target.
constexpr qsizetype kRequestLineSlack = 64;
} // namespace

void HttpIntake::refuse(Refusal refusal, const char *reason)
{
    m_refusal = refusal;
    m_reason = reason;
}

// Appends to m_line up to and including a LF; true when a whole line (CR/LF stripped) is there.
bool HttpIntake::takeLine(const char *&p, const char *end, qsizetype limit, Refusal overLimit)
{
    const char *newline = static_cast<const char *>(std::memchr(p, '\n', size_t(end - p)));
    const qsizetype take = newline ? qsizetype(newline - p) : qsizetype(end - p);
    const bool countsAsHeader = m_state == State::RequestLine || m_state == State::Headers || m_state == State::Trailers;
    if (countsAsHeader) {
        m_headerBytes += take + (newline ? 1 : 0);
        if (m_headerBytes > m_limits.maxHeaderBytes) {
            refuse(m_state == State::RequestLine ? Refusal::UrlTooLong : Refusal::HeadersTooLarge,
                   m_state == State::RequestLine ? "request line too long" : "request headers too large");
            return false;
        }
    }
    if (m_line.size() + take > limit) {
        refuse(overLimit, overLimit == Refusal::UrlTooLong ? "request line too long" : "line too long");
        return false;
    }
    m_line.append(p, take);
    p += take;
    if (!newline)
        return false;
    ++p; // the LF
    if (m_line.endsWith('\r'))
        m_line.chop(1);
    return true;
}

void HttpIntake::feed(const char *data, qsizetype size)
{
    const char *p = data;
    const char *end = data + size;
    qint64 completedBefore = m_completed;
    while (p < end && m_refusal == Refusal::None && !m_upgraded) {
        switch (m_state) {
        case State::RequestLine:
            if (takeLine(p, end, m_limits.maxUrlBytes + kRequestLineSlack, Refusal::UrlTooLong)) {
                requestLine();
                m_line.clear();
            }
            break;
        case State::Headers:
            if (takeLine(p, end, m_limits.maxHeaderBytes, Refusal::HeadersTooLarge)) {
                headerLine();
                m_line.clear();
            }
            break;
        case State::Trailers:
            if (takeLine(p, end, m_limits.maxHeaderBytes, Refusal::HeadersTooLarge)) {
                // Qt's parser ends a chunked request two bytes after the last chunk and would read
                // whatever trailer follows as a new request the intake never framed: smuggling.
                if (m_line.isEmpty())
                    requestDone();
                else
                    refuse(Refusal::BadRequest, "chunked trailers are not accepted");
                m_line.clear();
            }
            break;
        case State::ChunkSize:
            if (takeLine(p, end, kMaxChunkLine, Refusal::BadRequest)) {
                chunkSizeLine();
                m_line.clear();
            }
            break;
        case State::ChunkDataEnd:
            if (takeLine(p, end, 2, Refusal::BadRequest)) {
                if (!m_line.isEmpty())
                    refuse(Refusal::BadRequest, "chunk data longer than its size");
                m_state = State::ChunkSize;
                m_line.clear();
            }
            break;
        case State::Body:
        case State::ChunkData: {
            const qint64 take = std::min<qint64>(m_bodyRemaining, end - p);
            p += take;
            m_bodyRemaining -= take;
            if (m_bodyRemaining == 0) {
                if (m_state == State::Body)
                    requestDone();
                else
                    m_state = State::ChunkDataEnd;
            }
            break;
        }
        }
        if (m_completed != completedBefore) {
            completedBefore = m_completed;
            m_lastRequestEnd = m_fed + (p - data);
        }
    }
    m_fed += p - data;
}

void HttpIntake::requestLine()
{
    if (m_line.isEmpty())
        return; // RFC 9112 2.2: empty lines before a request line are ignored (they still count)
    const QList<QByteArray> parts = m_line.split(' ');
    if (parts.size() != 3 || parts.at(0).isEmpty() || parts.at(1).isEmpty() || !parts.at(2).startsWith("HTTP/1.")) {
        refuse(Refusal::BadRequest, "malformed request line");
        return;
    }
    if (parts.at(1).size() > m_limits.maxUrlBytes) {
        refuse(Refusal::UrlTooLong, "request target too long");
        return;
    }
    const qsizetype query = parts.at(1).indexOf('?');
    m_path = query < 0 ? parts.at(1) : parts.at(1).left(query);
    m_state = State::Headers;
}

void HttpIntake::headerLine()
{
    if (m_line.isEmpty()) {
        headersDone();
        return;
    }
    // RFC 9112 5.2: obsolete line folding must be refused (or replaced) by a server; a proxy
    // in front might join the lines differently.
    if (m_line.startsWith(' ') || m_line.startsWith('\t')) {
        refuse(Refusal::BadRequest, "folded header lines are not accepted");
        return;
    }
    const qsizetype colon = m_line.indexOf(':');
    if (colon <= 0 || m_line.at(colon - 1) == ' ' || m_line.at(colon - 1) == '\t') {
        refuse(Refusal::BadRequest, "malformed header line");
        return;
    }
    const QByteArray name = m_line.left(colon).toLower();
    const QByteArray value = m_line.mid(colon + 1).trimmed();
    if (name == "content-length") {
        bool ok = !value.isEmpty() && value.size() <= 18
            && std::all_of(value.cbegin(), value.cend(), [](char c) { return c >= '0' && c <= '9'; });
        const qint64 length = ok ? value.toLongLong(&ok) : -1;
        if (!ok || (m_contentLength >= 0 && m_contentLength != length)) {
            refuse(Refusal::BadRequest, "invalid Content-Length");
            return;
        }
        m_contentLength = length;
    } else if (name == "transfer-encoding") {
        if (m_hasTransferEncoding || value.toLower() != "chunked") {
            refuse(Refusal::NotImplemented, "only Transfer-Encoding: chunked is supported");
            return;
        }
        m_hasTransferEncoding = true;
        m_chunked = true;
    } else if (name == "authorization") {
        m_authorization = value;
    } else if (name == "upgrade" || name == "connection") {
        // One of each: the intake and Qt's parser might pick different copies, and a socket the
        // intake thinks upgraded is no longer checked.
        QByteArray &field = name == "upgrade" ? m_upgrade : m_connection;
        bool &seen = name == "upgrade" ? m_upgradeSeen : m_connectionSeen;
        if (seen) {
            refuse(Refusal::BadRequest, "repeated Upgrade or Connection header");
            return;
        }
        seen = true;
        field = value.toLower();
    }
}

void HttpIntake::headersDone()
{
    // RFC 9112 6.3: both framings at once is how requests are smuggled past a proxy.
    if (m_hasTransferEncoding && m_contentLength >= 0) {
        refuse(Refusal::BadRequest, "Content-Length together with Transfer-Encoding");
        return;
    }
    if (m_upgrade == "websocket" && m_connection.contains("upgrade")) {
        m_upgraded = true; // QHttpServer hands the socket to the WebSocket server; frames follow
        return;
    }
    if (m_chunked) {
        m_state = State::ChunkSize;
        return;
    }
    if (m_contentLength > m_limits.maxBodyBytes) {
        m_state = State::Body;
        refuse(Refusal::BodyTooLarge, "request body too large");
        return;
    }
    if (m_contentLength > 0) {
        m_state = State::Body;
        m_bodyRemaining = m_contentLength;
        return;
    }
    requestDone();
}

void HttpIntake::chunkSizeLine()
{
    QByteArray digits = m_line;
    const qsizetype extension = digits.indexOf(';');
    if (extension >= 0)
        digits.truncate(extension);
    digits = digits.trimmed();
    bool ok = !digits.isEmpty() && digits.size() <= 15;
    const qint64 size = ok ? digits.toLongLong(&ok, 16) : -1;
    if (!ok || size < 0) {
        refuse(Refusal::BadRequest, "invalid chunk size");
        return;
    }
    if (size > m_limits.maxBodyBytes - m_bodyTotal) {
        refuse(Refusal::BodyTooLarge, "request body too large");
        return;
    }
    m_bodyTotal += size;
    if (size == 0) {
        m_state = State::Trailers;
        return;
    }
    m_bodyRemaining = size;
    m_state = State::ChunkData;
}

void HttpIntake::requestDone()
{
    ++m_completed;
    m_state = State::RequestLine;
    m_headerBytes = 0;
    m_authorization.clear();
    m_upgrade.clear();
    m_connection.clear();
    m_upgradeSeen = m_connectionSeen = false;
    m_contentLength = -1;
    m_chunked = false;
    m_hasTransferEncoding = false;
    m_bodyRemaining = 0;
    m_bodyTotal = 0;
}

#pragma once

#include <QByteArray>
#include <QtGlobal>

// Frames one connection's inbound HTTP/1.1 byte stream as it arrives, before QHttpServer buffers
// it, and says as early as possible when a request breaks a limit: a request line or header block
// too long, a body too large (declared or, when chunked, as it arrives), or framing a proxy could
// read differently (Content-Length with Transfer-Encoding, obsolete folded headers). It keeps only
// the current line and the few header values it needs, so what a peer can make it hold is bounded
// by the limits themselves. It never builds the request: QHttpServer still parses what passes.
class HttpIntake
{
public:
    struct Limits
    {
        qsizetype maxHeaderBytes = 16 * 1024; // request line + headers (+ chunked trailers)
        qsizetype maxUrlBytes = 8 * 1024;     // the request target
        qsizetype maxBodyBytes = 64 * 1024;   // declared or decoded (chunked) body
    };

    enum class Refusal {
        None,
        BadRequest,      // 400: malformed or ambiguous framing
        UrlTooLong,      // 414
        HeadersTooLarge, // 431
        BodyTooLarge,    // 413 (or 401 first when the credentials are bad, PROTOCOL.md precedence)
        NotImplemented,  // 501: a transfer coding other than chunked
    };

    explicit HttpIntake(Limits limits) : m_limits(limits) { }

    // Consumes bytes in stream order. Stops at the first refusal (refusal() says which) or when a
    // request asks for a WebSocket upgrade (upgraded(): what follows are frames, not HTTP).
    void feed(const char *data, qsizetype size);

    Refusal refusal() const { return m_refusal; }
    QByteArray refusalReason() const { return m_reason; }
    bool upgraded() const { return m_upgraded; }
    // A request has started (first byte seen) and is not complete yet.
    bool inRequest() const { return m_state != State::RequestLine || m_headerBytes > 0; }
    qint64 completedRequests() const { return m_completed; }
    // Stream offset (bytes fed so far) just after the last complete request: what a refusal
    // leaves for the requests before it.
    qint64 lastRequestEnd() const { return m_lastRequestEnd; }
    // Of the request being received (valid once its line/headers were read).
    QByteArray path() const { return m_path; }
    QByteArray authorization() const { return m_authorization; }
    bool headersComplete() const { return m_state == State::Body || m_state >= State::ChunkSize; }

private:
    enum class State { RequestLine, Headers, Body, ChunkSize, ChunkData, ChunkDataEnd, Trailers };

    void refuse(Refusal refusal, const char *reason);
    bool takeLine(const char *&p, const char *end, qsizetype limit, Refusal overLimit);
    void requestLine();
    void headerLine();
    void headersDone();
    void chunkSizeLine();
    void requestDone();

    Limits m_limits;
    State m_state = State::RequestLine;
    Refusal m_refusal = Refusal::None;
    QByteArray m_reason;
    bool m_upgraded = false;
    qint64 m_completed = 0;
    qint64 m_fed = 0;            // bytes consumed by feed() so far
    qint64 m_lastRequestEnd = 0;

    QByteArray m_line;           // the line being read, without its CRLF once complete
    qsizetype m_headerBytes = 0; // of the current request so far
    QByteArray m_path;
    QByteArray m_authorization;
    QByteArray m_upgrade;
    QByteArray m_connection;
    bool m_upgradeSeen = false;
    bool m_connectionSeen = false;
    qint64 m_contentLength = -1;
    bool m_chunked = false;
    bool m_hasTransferEncoding = false;
    qint64 m_bodyRemaining = 0; // of the declared body or the current chunk
    qint64 m_bodyTotal = 0;     // decoded body bytes so far (chunked)
};

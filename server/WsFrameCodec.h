#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QtGlobal>

// RFC 6455 framing, server side: decoding what clients send, encoding what the server sends.
// No sockets here (LiveReactor moves the bytes), so every rule is unit-tested on its own
// (tests/server/tst_ws_frame_codec.cpp) and fuzzed (tests/fuzz/ws_frame.cpp).
namespace Ws {

enum class Opcode : quint8 { Continuation = 0x0, Text = 0x1, Binary = 0x2, Close = 0x8, Ping = 0x9, Pong = 0xA };

// RFC 6455 7.4.1.
namespace CloseCode {
constexpr quint16 Normal = 1000;
constexpr quint16 GoingAway = 1001;
constexpr quint16 ProtocolError = 1002;
constexpr quint16 UnsupportedData = 1003;
constexpr quint16 InvalidPayload = 1007;
constexpr quint16 PolicyViolation = 1008;
constexpr quint16 TooBig = 1009;
} // namespace CloseCode

// A server frame (RFC 6455 5.1: never masked), FIN set. The bytes are the same for every
// receiver, so one broadcast is framed once and the buffer shared (QByteArray is implicitly shared).
QByteArray frame(Opcode opcode, QByteArrayView payload);
// A close frame; `code` 0 sends none (the answer to a close that carried none). The reason is cut
// to what fits a control frame (123 bytes) at a UTF-8 character boundary.
QByteArray closeFrame(quint16 code, const QString &reason = {});
// Well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF).
bool isValidUtf8(const char *data, qsizetype size);
// A close code a peer may send (RFC 6455 7.4: 1004-1006, 1015 and unassigned ranges are not).
bool isValidCloseCode(quint16 code);

// Decodes one connection's inbound byte stream, frame by frame, as it arrives. Every decision
// that needs only the header (masking, reserved bits and opcodes, control frame rules, binary,
// size) is made as soon as the header is complete, before any of the payload is held: what a
// peer can make it buffer is bounded by maxMessageBytes (plus 125 bytes of a control frame).
class Decoder
{
public:
    enum class Status { NeedMore, Frame, Failed };
    struct Frame
    {
        Opcode opcode = Opcode::Text;
        // Data frames: true when this frame ended a message (payload is the whole message, valid
        // UTF-8); false for a fragment that did not (payload empty, the message is kept here).
        bool final = true;
        QByteArray payload;     // the message, or a control frame's payload (Close: the reason)
        quint16 closeCode = 0;  // Close: the code the peer sent, 0 when none
    };

    explicit Decoder(qsizetype maxMessageBytes = 64 * 1024) : m_maxMessageBytes(maxMessageBytes) { }

    // Consumes bytes from `data` up to the end of the next complete frame (*consumed says how
    // many). Frame: *frame holds it (call again with the rest). NeedMore: all was consumed.
    // Failed: failureCode()/failureReason() say why; all later input is ignored.
    Status decode(const char *data, qsizetype size, qsizetype *consumed, Frame *frame);

    bool failed() const { return m_failureCode != 0; }
    quint16 failureCode() const { return m_failureCode; }
    const char *failureReason() const { return m_failureReason; }
    // Payload bytes held: of an unfinished message and of the frame being received.
    qsizetype bufferedBytes() const { return m_message.size() + m_control.size(); }

private:
    Status fail(quint16 code, const char *reason);
    Status headerComplete();
    Status frameComplete(Frame *frame);

    qsizetype m_maxMessageBytes;
    // The header being read: at most 2 + 8 (length) + 4 (mask) bytes.
    unsigned char m_header[14] = {};
    quint8 m_headerSize = 0;
    quint8 m_headerNeeded = 2;
    bool m_inPayload = false;
    bool m_fin = false;
    Opcode m_opcode = Opcode::Text;
    unsigned char m_mask[4] = {};
    quint64 m_remaining = 0;  // payload bytes of this frame still to come
    quint64 m_maskOffset = 0; // payload bytes of this frame seen so far
    bool m_inMessage = false; // a fragmented data message has started
    QByteArray m_message;     // data payload of the message so far
    QByteArray m_control;     // payload of the control frame being received
    quint16 m_failureCode = 0;
    const char *m_failureReason = "";
};

} // namespace Ws

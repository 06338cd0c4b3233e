#include "WsFrameCodec.h"

#include <algorithm>
#include <cstring>

namespace Ws {

namespace {
constexpr qsizetype kMaxControlPayload = 125;

bool isControl(Opcode opcode)
{
    return (quint8(opcode) & 0x8) != 0;
}
} // namespace

QByteArray frame(Opcode opcode, QByteArrayView payload)
{
    const qsizetype size = payload.size();
    const qsizetype header = size < 126 ? 2 : size < 65536 ? 4 : 10;
    QByteArray out(header + size, Qt::Uninitialized);
    auto *p = reinterpret_cast<unsigned char *>(out.data());
    p[0] = 0x80 | quint8(opcode);
    if (size < 126) {
        p[1] = quint8(size);
    } else if (size < 65536) {
        p[1] = 126;
        p[2] = quint8(size >> 8);
        p[3] = quint8(size);
    } else {
        p[1] = 127;
        for (int i = 0; i < 8; ++i)
            p[2 + i] = quint8(quint64(size) >> (56 - 8 * i));
    }
    if (size > 0)
        std::memcpy(p + header, payload.data(), size_t(size));
    return out;
}

QByteArray closeFrame(quint16 code, const QString &reason)
{
    if (code == 0)
        return frame(Opcode::Close, {});
    QByteArray text = reason.toUtf8();
    if (text.size() > kMaxControlPayload - 2) {
        qsizetype cut = kMaxControlPayload - 2;
        while (cut > 0 && (quint8(text.at(cut)) & 0xC0) == 0x80)
            --cut; // never split a character: the peer checks the reason's UTF-8 too
        text.truncate(cut);
    }
    QByteArray payload(2, Qt::Uninitialized);
    payload[0] = char(code >> 8);
    payload[1] = char(code & 0xFF);
    return frame(Opcode::Close, payload + text);
}

bool isValidUtf8(const char *data, qsizetype size)
{
    const auto *s = reinterpret_cast<const unsigned char *>(data);
    qsizetype i = 0;
    while (i < size) {
        const unsigned char c = s[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        int more = 0;
        unsigned char low = 0x80, high = 0xBF; // allowed range of the second byte (RFC 3629 4)
        if (c >= 0xC2 && c <= 0xDF) {
            more = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            more = 2;
            if (c == 0xE0)
                low = 0xA0; // overlong
            else if (c == 0xED)
                high = 0x9F; // surrogates
        } else if (c >= 0xF0 && c <= 0xF4) {
            more = 3;
            if (c == 0xF0)
                low = 0x90; // overlong
            else if (c == 0xF4)
                high = 0x8F; // above U+10FFFF
        } else {
            return false;
        }
        if (size - i <= more)
            return false;
        if (s[i + 1] < low || s[i + 1] > high)
            return false;
        for (int k = 2; k <= more; ++k) {
            if ((s[i + k] & 0xC0) != 0x80)
                return false;
        }
        i += more + 1;
    }
    return true;
}

bool isValidCloseCode(quint16 code)
{
    return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
}

Decoder::Status Decoder::fail(quint16 code, const char *reason)
{
    m_failureCode = code;
    m_failureReason = reason;
    m_message = QByteArray();
    m_control = QByteArray();
    return Status::Failed;
}

Decoder::Status Decoder::decode(const char *data, qsizetype size, qsizetype *consumed, Frame *frame)
{
    *consumed = 0;
    if (failed()) {
        *consumed = size;
        return Status::Failed;
    }
    const char *p = data;
    const char *end = data + size;
    while (true) {
        if (!m_inPayload) {
            while (p < end && m_headerSize < m_headerNeeded) {
                m_header[m_headerSize++] = static_cast<unsigned char>(*p++);
                if (m_headerSize == 2) {
                    // RFC 6455 5.1: a server MUST close on an unmasked client frame; decided
                    // before anything else of the frame is read.
                    if (!(m_header[1] & 0x80)) {
                        *consumed = size;
                        return fail(CloseCode::ProtocolError, "client frames must be masked");
                    }
                    const quint8 length7 = m_header[1] & 0x7F;
                    m_headerNeeded = quint8(2 + (length7 == 126 ? 2 : length7 == 127 ? 8 : 0) + 4);
                }
            }
            if (m_headerSize < m_headerNeeded) {
                *consumed = p - data;
                return Status::NeedMore;
            }
            if (headerComplete() == Status::Failed) {
                *consumed = size;
                return Status::Failed;
            }
        }
        // Payload: unmasked straight into the message (or control) buffer.
        const qsizetype take = qsizetype(std::min<quint64>(m_remaining, quint64(end - p)));
        if (take > 0) {
            QByteArray &target = isControl(m_opcode) ? m_control : m_message;
            const qsizetype at = target.size();
            target.resize(at + take);
            auto *out = reinterpret_cast<unsigned char *>(target.data()) + at;
            const auto *in = reinterpret_cast<const unsigned char *>(p);
            for (qsizetype i = 0; i < take; ++i)
                out[i] = in[i] ^ m_mask[(m_maskOffset + quint64(i)) & 3];
            m_maskOffset += quint64(take);
            m_remaining -= quint64(take);
            p += take;
        }
        if (m_remaining > 0) {
            *consumed = p - data;
            return Status::NeedMore;
        }
        const Status status = frameComplete(frame);
        *consumed = status == Status::Failed ? size : p - data;
        return status;
    }
}

Decoder::Status Decoder::headerComplete()
{
    const quint8 b0 = m_header[0];
    const quint8 length7 = m_header[1] & 0x7F;
    m_fin = (b0 & 0x80) != 0;
    if (b0 & 0x70)
        return fail(CloseCode::ProtocolError, "reserved bits set"); // no extension was negotiated
    const quint8 opcode = b0 & 0x0F;
    switch (opcode) {
    case 0x0: case 0x1: case 0x2: case 0x8: case 0x9: case 0xA:
        break;
    default:
        return fail(CloseCode::ProtocolError, "reserved opcode");
    }
    m_opcode = Opcode(opcode);
    quint64 length = length7;
    int at = 2;
    if (length7 == 126) {
        length = (quint64(m_header[2]) << 8) | m_header[3];
        at = 4;
    } else if (length7 == 127) {
        length = 0;
        for (int i = 0; i < 8; ++i)
            length = (length << 8) | m_header[2 + i];
        at = 10;
        if (length >> 63)
            return fail(CloseCode::ProtocolError, "frame length has its most significant bit set");
    }
    std::memcpy(m_mask, m_header + at, 4);

    if (isControl(m_opcode)) {
        if (!m_fin)
            return fail(CloseCode::ProtocolError, "fragmented control frame");
        if (length > quint64(kMaxControlPayload))
            return fail(CloseCode::ProtocolError, "control frame over 125 bytes");
    } else {
        if (m_opcode == Opcode::Continuation && !m_inMessage)
            return fail(CloseCode::ProtocolError, "continuation frame without a message");
        if (m_opcode != Opcode::Continuation && m_inMessage)
            return fail(CloseCode::ProtocolError, "new message before the last one ended");
        // Every frame of the protocol is JSON text (PROTOCOL.md).
        if (m_opcode == Opcode::Binary)
            return fail(CloseCode::UnsupportedData, "binary frames are not supported");
        // Decided from the header: the payload is never buffered.
        if (length > quint64(m_maxMessageBytes - m_message.size()))
            return fail(CloseCode::TooBig, "message too big");
        m_inMessage = true;
    }
    m_remaining = length;
    m_maskOffset = 0;
    m_inPayload = true;
    return Status::Frame;
}

Decoder::Status Decoder::frameComplete(Frame *frame)
{
    m_inPayload = false;
    m_headerSize = 0;
    m_headerNeeded = 2;
    *frame = Frame{};
    if (isControl(m_opcode)) {
        frame->opcode = m_opcode;
        QByteArray payload = std::exchange(m_control, QByteArray());
        if (m_opcode == Opcode::Close && !payload.isEmpty()) {
            if (payload.size() < 2)
                return fail(CloseCode::ProtocolError, "close frame with a one-byte payload");
            frame->closeCode = quint16((quint8(payload.at(0)) << 8) | quint8(payload.at(1)));
            if (!isValidCloseCode(frame->closeCode))
                return fail(CloseCode::ProtocolError, "invalid close code");
            payload.remove(0, 2);
            if (!isValidUtf8(payload.constData(), payload.size()))
                return fail(CloseCode::InvalidPayload, "close reason is not UTF-8");
        }
        frame->payload = std::move(payload);
        return Status::Frame;
    }
    frame->opcode = Opcode::Text;
    frame->final = m_fin;
    if (!m_fin)
        return Status::Frame; // a fragment: counted by the caller, the message is kept here
    m_inMessage = false;
    QByteArray message = std::exchange(m_message, QByteArray());
    if (!isValidUtf8(message.constData(), message.size()))
        return fail(CloseCode::InvalidPayload, "text message is not UTF-8");
    frame->payload = std::move(message);
    return Status::Frame;
}

} // namespace Ws

// Server side of the live channel: raw bytes as a client's WebSocket stream into the server's own
// RFC 6455 decoder (server/WsFrameCodec), fed in pieces whose sizes the input's first byte picks
// (frames split anywhere, as TCP does). Checks what the server relies on: progress on every call,
// never more held than the limits allow, and only well-formed results (UTF-8 text within the
// size limit, control payloads of at most 125 bytes, valid close codes).
#include "FuzzTarget.h"

#include "WsFrameCodec.h"

#include <algorithm>

namespace {
constexpr qsizetype kMaxMessage = 4096; // small, so the fuzzer reaches the limit
}

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const qsizetype step = 1 + data[0] % 64;
    const char *bytes = reinterpret_cast<const char *>(data) + 1;
    const qsizetype total = qsizetype(size) - 1;
    Ws::Decoder decoder(kMaxMessage);
    qsizetype offset = 0;
    while (offset < total) {
        const qsizetype piece = std::min(step, total - offset);
        qsizetype used = 0;
        for (qsizetype done = 0; done < piece; done += used) {
            Ws::Decoder::Frame frame;
            const Ws::Decoder::Status status = decoder.decode(bytes + offset + done, piece - done, &used, &frame);
            FUZZ_CHECK(used >= 0 && used <= piece - done);
            FUZZ_CHECK(decoder.bufferedBytes() <= kMaxMessage + 125);
            if (status == Ws::Decoder::Status::Failed) {
                FUZZ_CHECK(decoder.failureCode() >= 1002 && decoder.failureCode() <= 1009);
                FUZZ_CHECK(used == piece - done);
                return 0;
            }
            if (status == Ws::Decoder::Status::NeedMore) {
                FUZZ_CHECK(used == piece - done);
                break;
            }
            FUZZ_CHECK(used > 0); // a frame ends at a byte of this call
            switch (frame.opcode) {
            case Ws::Opcode::Text:
                FUZZ_CHECK(frame.payload.size() <= kMaxMessage);
                FUZZ_CHECK(Ws::isValidUtf8(frame.payload.constData(), frame.payload.size()));
                FUZZ_CHECK(frame.final || frame.payload.isEmpty());
                break;
            case Ws::Opcode::Close:
                FUZZ_CHECK(frame.closeCode == 0 || Ws::isValidCloseCode(frame.closeCode));
                FUZZ_CHECK(frame.payload.size() <= 123);
                break;
            case Ws::Opcode::Ping:
            case Ws::Opcode::Pong:
                FUZZ_CHECK(frame.payload.size() <= 125);
                break;
            default:
                FUZZ_CHECK(!"binary or continuation frames never come out of the decoder");
            }
        }
        offset += piece;
    }
    return 0;
}

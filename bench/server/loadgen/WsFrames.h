#pragma once
// The client side of RFC 6455 framing: masked client frames out (§5.3 requires the mask), server
// frames in (never masked, §5.1), no extensions (so RSV bits must be 0).

#include <cstddef>
#include <cstdint>
#include <string>

enum WsOpcode : uint8_t { WsContinuation = 0, WsText = 1, WsBinary = 2, WsClose = 8, WsPing = 9, WsPong = 10 };

// Appends one final frame with the given opcode and payload, masked with `mask`.
void appendClientFrame(std::string *out, uint8_t opcode, const char *payload, size_t size, uint32_t mask);

struct WsFrame
{
    uint8_t opcode = 0;
    bool fin = false;
    const char *payload = nullptr;
    size_t size = 0;
};

// Reads one server frame from data[0, size). Returns the bytes it takes, 0 if the frame is not
// complete yet, or -1 with *error set for a frame a server must not send.
long parseServerFrame(const char *data, size_t size, WsFrame *frame, const char **error);

// The Sec-WebSocket-Accept a server must answer for this Sec-WebSocket-Key (§4.2.2).
std::string webSocketAccept(const std::string &key);

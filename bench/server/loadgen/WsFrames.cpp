#include "WsFrames.h"

#include "Sha1.h"

void appendClientFrame(std::string *out, uint8_t opcode, const char *payload, size_t size, uint32_t mask)
{
    out->push_back(char(0x80 | opcode));
    if (size < 126) {
        out->push_back(char(0x80 | size));
    } else if (size < 65536) {
        out->push_back(char(0x80 | 126));
        out->push_back(char(size >> 8));
        out->push_back(char(size & 0xff));
    } else {
        out->push_back(char(0x80 | 127));
        for (int i = 7; i >= 0; --i)
            out->push_back(char((uint64_t(size) >> (8 * i)) & 0xff));
    }
    const char key[4] = {char(mask >> 24), char(mask >> 16), char(mask >> 8), char(mask)};
    out->append(key, 4);
    const size_t start = out->size();
    out->append(payload, size);
    for (size_t i = 0; i < size; ++i)
        (*out)[start + i] = char((*out)[start + i] ^ key[i & 3]);
}

long parseServerFrame(const char *data, size_t size, WsFrame *frame, const char **error)
{
    if (size < 2)
        return 0;
    const auto b0 = uint8_t(data[0]);
    const auto b1 = uint8_t(data[1]);
    if (b0 & 0x70) {
        *error = "server frame with RSV bits set (no extension was negotiated)";
        return -1;
    }
    if (b1 & 0x80) {
        *error = "masked server frame (RFC 6455 5.1)";
        return -1;
    }
    frame->fin = b0 & 0x80;
    frame->opcode = b0 & 0x0f;
    size_t header = 2;
    uint64_t length = b1 & 0x7f;
    if (length == 126) {
        if (size < 4)
            return 0;
        length = uint64_t(uint8_t(data[2])) << 8 | uint8_t(data[3]);
        header = 4;
    } else if (length == 127) {
        if (size < 10)
            return 0;
        length = 0;
        for (int i = 2; i < 10; ++i)
            length = length << 8 | uint8_t(data[i]);
        header = 10;
    }
    if (length > (uint64_t(1) << 26)) {
        *error = "server frame larger than 64 MiB";
        return -1;
    }
    if ((frame->opcode & 0x08) && (length > 125 || !frame->fin)) {
        *error = "control frame longer than 125 bytes or fragmented";
        return -1;
    }
    if (size < header + length)
        return 0;
    frame->payload = data + header;
    frame->size = size_t(length);
    return long(header + length);
}

std::string webSocketAccept(const std::string &key)
{
    return base64(sha1(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"));
}

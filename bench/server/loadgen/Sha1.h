#pragma once
// SHA-1 and base64, only for the WebSocket handshake's Sec-WebSocket-Accept (RFC 6455 §4.1).

#include <cstddef>
#include <cstdint>
#include <string>

std::string sha1(const std::string &data); // 20 raw bytes
std::string base64(const std::string &bytes);

#include "Http.h"

#include <arpa/inet.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

bool parseEndpoint(const std::string &text, Endpoint *out, std::string *error)
{
    const size_t colon = text.rfind(':');
    const std::string host = colon == std::string::npos ? std::string() : text.substr(0, colon);
    const int port = colon == std::string::npos ? 0 : std::atoi(text.c_str() + colon + 1);
    out->text = text;
    out->address = {};
    out->address.sin_family = AF_INET;
    out->address.sin_port = htons(uint16_t(port));
    if (port <= 0 || port > 65535 || inet_pton(AF_INET, host == "localhost" ? "127.0.0.1" : host.c_str(),
                                               &out->address.sin_addr) != 1) {
        *error = "not an IPv4 HOST:PORT: " + text;
        return false;
    }
    return true;
}

HttpConnection::~HttpConnection()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

bool HttpConnection::open(const Endpoint &endpoint, int timeoutMs, std::string *error)
{
    m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (m_fd < 0) {
        *error = std::string("socket: ") + std::strerror(errno);
        return false;
    }
    timeval tv{timeoutMs / 1000, (timeoutMs % 1000) * 1000};
    setsockopt(m_fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(m_fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv); // also bounds connect()
    const int one = 1;
    setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (::connect(m_fd, reinterpret_cast<const sockaddr *>(&endpoint.address), sizeof endpoint.address) != 0) {
        *error = "connect " + endpoint.text + ": " + std::strerror(errno);
        return false;
    }
    m_host = endpoint.text;
    return true;
}

HttpReply HttpConnection::request(const std::string &method, const std::string &path, const std::string &token,
                                  const std::string &jsonBody)
{
    HttpReply reply;
    std::string out = method + " " + path + " HTTP/1.1\r\nHost: " + m_host + "\r\nAuthorization: Bearer " + token +
                      "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(jsonBody.size()) +
                      "\r\n\r\n" + jsonBody;
    for (size_t sent = 0; sent < out.size();) {
        const ssize_t n = ::send(m_fd, out.data() + sent, out.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) {
            reply.error = std::string("send: ") + std::strerror(errno);
            return reply;
        }
        sent += size_t(n);
    }
    std::string in;
    size_t headerEnd = std::string::npos;
    size_t length = 0;
    char buffer[16384];
    for (;;) {
        if (headerEnd == std::string::npos && (headerEnd = in.find("\r\n\r\n")) != std::string::npos) {
            headerEnd += 4;
            std::string lower = in.substr(0, headerEnd);
            for (char &c : lower)
                c = char(std::tolower(uint8_t(c)));
            const size_t cl = lower.find("\r\ncontent-length:");
            length = cl == std::string::npos ? 0 : size_t(std::strtoul(lower.c_str() + cl + 17, nullptr, 10));
            reply.status = in.size() > 12 ? std::atoi(in.c_str() + 9) : 0;
        }
        if (headerEnd != std::string::npos && in.size() >= headerEnd + length) {
            reply.body = in.substr(headerEnd, length);
            return reply;
        }
        const ssize_t n = ::recv(m_fd, buffer, sizeof buffer, 0);
        if (n <= 0) {
            reply.status = 0;
            reply.error = n == 0 ? "connection closed before the answer" : std::string("recv: ") + std::strerror(errno);
            return reply;
        }
        in.append(buffer, size_t(n));
    }
}

HttpReply httpCall(const Endpoint &endpoint, int timeoutMs, const std::string &method, const std::string &path,
                   const std::string &token, const std::string &jsonBody)
{
    HttpConnection connection;
    HttpReply reply;
    if (!connection.open(endpoint, timeoutMs, &reply.error))
        return reply;
    return connection.request(method, path, token, jsonBody);
}

std::string jsonString(const std::string &json, const std::string &key)
{
    const std::string quoted = "\"" + key + "\"";
    size_t at = json.find(quoted);
    if (at == std::string::npos)
        return {};
    at += quoted.size();
    while (at < json.size() && (json[at] == ' ' || json[at] == ':'))
        ++at;
    if (at >= json.size() || json[at] != '"')
        return {};
    const size_t end = json.find('"', at + 1);
    return end == std::string::npos ? std::string() : json.substr(at + 1, end - at - 1);
}

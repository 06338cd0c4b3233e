#pragma once
// The coordinator's REST calls: blocking HTTP/1.1 over one fresh loopback connection per call,
// every step bounded by a timeout. Only what the fan-out triggers need (Content-Length bodies).

#include <netinet/in.h>

#include <string>

struct Endpoint
{
    std::string text; // host:port as given
    sockaddr_in address{};
};

bool parseEndpoint(const std::string &text, Endpoint *out, std::string *error);

struct HttpReply
{
    int status = 0; // 0: no answer (see error)
    std::string body;
    std::string error;
};

class HttpConnection
{
public:
    HttpConnection() = default;
    HttpConnection(const HttpConnection &) = delete;
    HttpConnection &operator=(const HttpConnection &) = delete;
    ~HttpConnection();

    // Connects now, so that a timed request pays no TCP handshake.
    bool open(const Endpoint &endpoint, int timeoutMs, std::string *error);
    HttpReply request(const std::string &method, const std::string &path, const std::string &token,
                      const std::string &jsonBody = {});

private:
    int m_fd = -1;
    std::string m_host;
};

// open + request + close.
HttpReply httpCall(const Endpoint &endpoint, int timeoutMs, const std::string &method, const std::string &path,
                   const std::string &token, const std::string &jsonBody = {});

// The string value of "key" in a JSON text, or empty (enough for ids in the servers' answers).
std::string jsonString(const std::string &json, const std::string &key);

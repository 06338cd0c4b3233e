#include "WsHandshake.h"

#include <QCryptographicHash>
#include <QList>

namespace WsHandshake {

namespace {
// Whether a comma-separated header value lists `token` (case-insensitive), as Connection does.
bool listsToken(const QByteArray &value, QByteArrayView token)
{
    const QList<QByteArray> items = value.split(',');
    for (const QByteArray &item : items) {
        if (item.trimmed().compare(token, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}
} // namespace

QByteArray acceptKey(QByteArrayView key)
{
    QCryptographicHash sha1(QCryptographicHash::Sha1);
    sha1.addData(key);
    sha1.addData(QByteArrayView("258EAFA5-E914-47DA-95CA-C5AB0DC85B11"));
    return sha1.result().toBase64();
}

Answer answer(QByteArrayView head)
{
    Answer a;
    const QList<QByteArray> lines = head.toByteArray().split('\n');
    if (lines.isEmpty()) {
        a.reason = "empty request";
        return a;
    }
    const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
    if (requestLine.size() != 3 || requestLine.at(0) != "GET" || requestLine.at(2) != "HTTP/1.1") {
        a.reason = "a WebSocket upgrade is a GET over HTTP/1.1";
        return a;
    }
    QByteArray upgrade, connection, key, version, host;
    bool repeated = false;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &line = lines.at(i);
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue; // HttpIntake already refused malformed lines; an empty trailing one is fine
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        QByteArray *field = name == "upgrade" ? &upgrade
            : name == "connection"            ? &connection
            : name == "sec-websocket-key"     ? &key
            : name == "sec-websocket-version" ? &version
            : name == "host"                  ? &host
            : name == "authorization"         ? &a.authorization
                                              : nullptr;
        if (!field)
            continue;
        if (!field->isNull())
            repeated = true; // two copies could be read differently by a proxy in front
        *field = value.isNull() ? QByteArray("") : value;
    }
    if (repeated) {
        a.reason = "repeated handshake header";
        return a;
    }
    if (host.isEmpty()) {
        a.reason = "missing Host header";
        return a;
    }
    if (!listsToken(upgrade, "websocket") || !listsToken(connection, "upgrade")) {
        a.reason = "missing Upgrade: websocket or Connection: Upgrade";
        return a;
    }
    if (version != "13") {
        a.status = 426;
        a.reason = "only WebSocket version 13 is supported";
        return a;
    }
    const auto decoded = QByteArray::fromBase64Encoding(key, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.size() != 16) {
        a.reason = "Sec-WebSocket-Key must be 16 bytes in base64";
        return a;
    }
    a.status = 101;
    a.response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: "
        + acceptKey(key) + "\r\n\r\n";
    return a;
}

} // namespace WsHandshake

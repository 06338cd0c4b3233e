#pragma once

#include <QByteArray>
#include <QByteArrayView>

// The server's half of the RFC 6455 opening handshake (4.2.1 and 4.2.2), for a request whose
// header block HttpIntake has already bounded: checks it and builds the 101 answer or the error.
namespace WsHandshake {

struct Answer
{
    // 101 when the upgrade may go ahead; otherwise 400, or 426 (with Sec-WebSocket-Version: 13)
    // for a version other than 13.
    int status = 400;
    QByteArray reason;        // why not, for the error body and the log
    QByteArray response;      // the complete 101 response
    QByteArray authorization; // the Authorization header, for the token check
};

// `head`: the request line and header lines, without the final empty line.
Answer answer(QByteArrayView head);
// Sec-WebSocket-Accept for a Sec-WebSocket-Key (RFC 6455 4.2.2, step 5.4).
QByteArray acceptKey(QByteArrayView key);

} // namespace WsHandshake

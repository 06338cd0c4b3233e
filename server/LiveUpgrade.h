#pragma once

#include <QByteArray>
#include <QString>

// A socket TrackingTcpServer took away from Qt after a valid WebSocket handshake of
// /api/v1/live, on its way to LiveHub. The 101 is not written yet: it is the connection's first
// output, so it goes out through the same queue as every frame after it.
struct LiveUpgrade
{
    int fd = -1;              // owned: whoever receives it closes it
    QByteArray response;      // the 101 answer
    QByteArray authorization; // the request's Authorization header
    QByteArray leftover;      // bytes the client sent after the handshake, before the hand-over
    QString address;          // the peer, as TrackingTcpServer counts it per address
};

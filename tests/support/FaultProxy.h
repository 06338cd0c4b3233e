#pragma once

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>

// A TCP proxy on loopback that a test puts between client and server to make network faults
// real: cut every connection (as a network switch does), stall traffic (a dead link that sends no
// close), refuse new connections (server unreachable), or delay each chunk.
class FaultProxy : public QObject
{
    Q_OBJECT

public:
    FaultProxy(quint16 targetPort, QObject *parent = nullptr);
    ~FaultProxy() override;

    bool listen(); // on 127.0.0.1, port 0
    quint16 port() const { return m_server.serverPort(); }
    void setTargetPort(quint16 port) { m_targetPort = port; }

    void cutAll();                       // abort every proxied connection (RST, no close frame)
    void cutWebSockets();                // abort the WebSocket connections only (RST)
    void closeWebSockets();              // close the WebSocket connections only (FIN, no close frame)
    void setStalled(bool stalled);       // hold all bytes in both directions while set
    void setRefusing(bool refusing);     // close new connections at once
    // Hold the bytes of the connections open now, forever, without closing them: a link that died
    // silently (laptop sleep, VPN switch). New connections work.
    void stallExisting();
    // Close WebSocket upgrade requests at once while plain HTTP still works.
    void setRefusingWebSockets(bool refusing) { m_refusingWebSockets = refusing; }
    // Answer WebSocket upgrade requests with these bytes (e.g. an HTTP 401 status line) and keep
    // the connection open, as a refusing server or reverse proxy may; the server never sees them.
    // Empty: pass them on.
    void setAnsweringWebSockets(const QByteArray &answer) { m_webSocketAnswer = answer; }
    void setDelay(int milliseconds);     // forward each chunk after this delay
    // Hold answers on plain HTTP connections (not WebSocket ones) for this long, so a test can
    // make a REST answer arrive after a live event that was published later.
    void setHttpAnswerDelay(int milliseconds) { m_httpAnswerDelayMs = milliseconds; }
    // Answer this share (0..1000 per mille) of new plain HTTP connections with 503 at once.
    void setHttpFailurePerMille(int perMille) { m_httpFailurePerMille = perMille; }
    // Send this text frame to every WebSocket client, between two of the server's frames, as if
    // the server had sent it (malformed or unknown frames).
    void injectFrame(const QByteArray &payload);
    int connectionCount() const { return int(m_pairs.size()); }
    int acceptedCount() const { return m_accepted; }

Q_SIGNALS:
    void accepted();
    // The server answered on a plain HTTP connection; the answer is held. `target` is the
    // request target (path and query) of the request it answers.
    void httpAnswerHeld(const QString &target);

private:
    struct Pair
    {
        QPointer<QTcpSocket> client;
        QPointer<QTcpSocket> upstream;
        QByteArray toUpstream;   // held while stalled or not yet connected
        QByteArray toClient;
        bool upstreamConnected = false;
        bool classified = false;
        bool webSocket = false;
        bool frozen = false;
        bool upgraded = false;   // the server's 101 answer has passed; frames follow
        QByteArray frames;       // server bytes of a WebSocket pair not yet known to end a frame
        QByteArray injected;     // frames to slip in at the next frame boundary
        QByteArray requestTarget; // of the last request line the client sent
    };

    void onNewConnection();
    void pump(Pair *pair);
    void drop(QTcpSocket *client);
    void cut(Pair *pair);

    QTcpServer m_server;
    quint16 m_targetPort;
    QHash<QTcpSocket *, Pair *> m_pairs; // by client socket; owned
    bool m_stalled = false;
    bool m_refusing = false;
    bool m_refusingWebSockets = false;
    QByteArray m_webSocketAnswer;
    int m_delayMs = 0;
    int m_httpAnswerDelayMs = 0;
    int m_httpFailurePerMille = 0;
    void takeFrames(Pair *pair, const QByteArray &bytes);
    int m_accepted = 0;
};

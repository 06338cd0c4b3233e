#pragma once

// A bare live-channel client for the multi-instance tests: one QWebSocket, every frame it got,
// subscribe (optionally with `since`) and bounded waits on the socket's signals. The tests that
// check what a real client does use sync/LiveClient; this one shows the frames themselves (seq,
// recovered, close codes).

#include <protocol/LiveMessage.h>

#include <QDeadlineTimer>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QUrl>
#include <QWebSocket>

#include <functional>
#include <optional>

class RawLiveClient
{
public:
    static constexpr int kTimeoutMs = 30000;

    RawLiveClient()
    {
        QObject::connect(&socket, &QWebSocket::textMessageReceived, [this](const QString &text) {
            const auto parsed = Protocol::parseServerMessage(text.toUtf8());
            frames.append(parsed ? parsed.value() : Protocol::ServerMessage{});
        });
    }

    bool open(const QUrl &base, const QString &token)
    {
        QUrl url = base;
        url.setScheme(QStringLiteral("ws"));
        url.setPath(QStringLiteral("/api/v1/live"));
        QNetworkRequest request(url);
        request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
        QSignalSpy connected(&socket, &QWebSocket::connected);
        socket.open(request);
        return connected.wait(kTimeoutMs);
    }

    // Subscribes and waits for the answer; the `subscribed` frame, or Op::Unknown on timeout.
    Protocol::ServerMessage subscribe(const QString &channel, std::optional<Protocol::StreamPosition> since = {})
    {
        const qsizetype from = frames.size();
        socket.sendTextMessage(QString::fromUtf8(Protocol::ClientMessage::subscribe(++m_id, channel, since).toJson()));
        qsizetype at = -1;
        waitUntil([&] {
            for (qsizetype i = from; i < frames.size(); ++i) {
                if (frames.at(i).op == Protocol::ServerMessage::Op::Subscribed && frames.at(i).channel == channel) {
                    at = i;
                    return true;
                }
            }
            return false;
        });
        return at >= 0 ? frames.at(at) : Protocol::ServerMessage{};
    }

    // Waits on the socket's signal (bounded) until `done` holds.
    bool waitUntil(const std::function<bool()> &done)
    {
        const QDeadlineTimer deadline(kTimeoutMs);
        while (!done()) {
            if (deadline.hasExpired())
                return false;
            QSignalSpy spy(&socket, &QWebSocket::textMessageReceived);
            spy.wait(int(qMax<qint64>(1, deadline.remainingTime())));
        }
        return true;
    }

    QList<Protocol::ServerMessage> events(const QString &channel) const
    {
        QList<Protocol::ServerMessage> out;
        for (const auto &f : frames) {
            if (f.op == Protocol::ServerMessage::Op::Event && f.channel == channel)
                out.append(f);
        }
        return out;
    }

    QWebSocket socket;
    QList<Protocol::ServerMessage> frames;

private:
    int m_id = 0;
};


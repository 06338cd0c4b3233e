// The protocol 1.1 queries in the sync core: the catalogue, the rounds list and a round's own
// sealed bids, kept fresh by the `rounds` channel and round_bid, with revision skips; and a 1.0
// server (no `protocol` in /me), against which they are never fetched and a log line says why.
#include "support/RestCall.h"
#include "support/ServerProcess.h"

#include <protocol/Player.h>
#include <protocol/Round.h>

#include <sync/Query.h>
#include <sync/QueryCache.h>
#include <sync/RestClient.h>
#include <sync/SyncClient.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

namespace {
constexpr int timeoutMs = 15000;
const QString team1 = QStringLiteral("SSPSLT0001");
const QString demoRound = QStringLiteral("R0005"); // open, no bids from SSPSLT0001

// A minimal HTTP/1.1 server that speaks protocol 1.0: GET /me without `protocol`, GET /rounds
// without a revision, 404 for everything else. Records the paths asked for.
class OldServer : public QObject
{
public:
    QStringList paths;

    bool listen()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                socket->setParent(this);
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { serve(socket); });
            }
        });
        return m_server.listen(QHostAddress::LocalHost);
    }
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort())); }

private:
    void serve(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        qsizetype end;
        while ((end = buffer.indexOf("\r\n\r\n")) >= 0) {
            const QByteArray head = buffer.left(end);
            buffer.remove(0, end + 4); // GETs only: no bodies to skip
            const QList<QByteArray> requestLine = head.left(head.indexOf("\r\n")).split(' ');
            const QString path = QString::fromLatin1(requestLine.value(1));
            paths.append(path);
            int status = 404;
            QByteArray body = R"({"error":{"code":"not_found","message":"no such route"}})";
            if (path == QLatin1String("/api/v1/me")) {
                status = 200;
                body = R"({"role":"manager","team_id":"SSPSLT0001","name":"Alex"})";
            } else if (path == QLatin1String("/api/v1/rounds")) {
                status = 200;
                body = R"({"rounds":[]})";
            }
            socket->write("HTTP/1.1 " + QByteArray::number(status) + (status == 200 ? " OK" : " Not Found")
                          + "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size())
                          + "\r\n\r\n" + body);
        }
    }

    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

int countPath(const QStringList &paths, const QString &path)
{
    return int(paths.count(path));
}

} // namespace

class TestSyncAuction : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void liveAuctionQueries()
    {
        ServerProcess server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        SyncClient client(server.baseUrl(), server.managerToken(team1));
        Query *players = client.observe(QueryKey::players());
        Query *rounds = client.observe(QueryKey::rounds());
        Query *bids = client.observe(QueryKey::roundBids(demoRound));
        client.start();
        QTRY_VERIFY_WITH_TIMEOUT(players->hasData() && rounds->hasData() && bids->hasData(), timeoutMs);
        QVERIFY(client.supportsProtocol11());
        QCOMPARE(client.channelFor(QueryKey::players()), QStringLiteral("rounds"));
        QCOMPARE(client.channelFor(QueryKey::roundBids(demoRound)), QStringLiteral("team:") + team1);
        QVERIFY(Protocol::parseCatalogue(players->data()));
        QVERIFY(Protocol::parseRoundBids(bids->data())->bids.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(!players->isFetching() && !rounds->isFetching() && !bids->isFetching(), timeoutMs);

        // A bid from another dashboard of the same team appears through round_bid.
        const QJsonObject bid{{QLatin1String("player_id"), QStringLiteral("P0093")}, {QLatin1String("amount"), 40}};
        const auto placed = restCall(server.baseUrl(), server.managerToken(team1), "POST",
                                     QStringLiteral("/rounds/%1/bids").arg(demoRound), bid);
        QVERIFY(placed && placed->status == 201);
        QTRY_COMPARE_WITH_TIMEOUT(Protocol::parseRoundBids(bids->data())->bids.size(), 1, timeoutMs);

        // An admin opens a round: the list and the catalogue follow, each at the server's revision.
        const QJsonObject round{{QLatin1String("position"), QStringLiteral("GK")},
                                {QLatin1String("currency_type"), QStringLiteral("football")},
                                {QLatin1String("player_ids"), QJsonArray{QStringLiteral("P0015")}},
                                {QLatin1String("closes_at"), QStringLiteral("2030-01-01T00:00:00Z")}};
        const auto created = restCall(server.baseUrl(), server.adminToken(), "POST", QStringLiteral("/admin/rounds"), round);
        QVERIFY(created && created->status == 201);
        const auto truth = restCall(server.baseUrl(), server.adminToken(), "GET", QStringLiteral("/players"));
        QVERIFY(truth);
        const qint64 catalogueRevision = jsonOf(*truth).value(QLatin1String("revision")).toInteger();
        QTRY_COMPARE_WITH_TIMEOUT(players->revision(), catalogueRevision, timeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(Protocol::parseRoundList(rounds->data())->rounds.size(), 6, timeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(!players->isFetching() && !rounds->isFetching(), timeoutMs);

        // Revision skip: the cache already holds these revisions, so the same events again cost
        // no request (invalidate starts a needed fetch at once, so "not fetching" is the proof);
        // a newer revision does.
        client.cache()->invalidate(QueryKey::players(), catalogueRevision);
        client.cache()->invalidate(QueryKey::rounds(), rounds->revision());
        QVERIFY(!players->isFetching() && !rounds->isFetching());
        client.cache()->invalidate(QueryKey::players(), catalogueRevision + 1);
        QVERIFY(players->isFetching());
        client.release(QueryKey::players());
        client.release(QueryKey::rounds());
        client.release(QueryKey::roundBids(demoRound));
    }

    void oldServerHidesTheAuction()
    {
        OldServer old;
        QVERIFY(old.listen());
        SyncClient client(old.url(), QStringLiteral("ld_token"));
        Query *players = client.observe(QueryKey::players());
        Query *bids = client.observe(QueryKey::roundBids(demoRound));
        Query *rounds = client.observe(QueryKey::rounds());
        QTest::ignoreMessage(QtInfoMsg, QRegularExpression(QStringLiteral("protocol 1.0 .* need 1.1 and stay hidden")));
        QSignalSpy meChanged(&client, &SyncClient::meChanged);
        client.start();
        QVERIFY(meChanged.wait(timeoutMs));
        QVERIFY(!client.supportsProtocol11());
        QVERIFY(client.channelFor(QueryKey::players()).isEmpty());
        // The 1.0 rounds list still loads (polled, no channel); the 1.1 routes are never asked for.
        QTRY_VERIFY_WITH_TIMEOUT(rounds->hasData(), timeoutMs);
        QCOMPARE(countPath(old.paths, QStringLiteral("/api/v1/players")), 0);
        QCOMPARE(countPath(old.paths, QStringLiteral("/api/v1/rounds/%1/bids").arg(demoRound)), 0);
        QVERIFY(!players->hasData() && !bids->hasData());
        client.stop();
    }
};

QTEST_GUILESS_MAIN(TestSyncAuction)
#include "tst_sync_auction.moc"

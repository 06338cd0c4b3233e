// Drives the real leaguedesk-server (demo league, port 0) through REST and the live channel and
// checks the behaviour PROTOCOL.md promises. Tests run in declaration order and share one
// server: the finalize test changes the league, so later tests see the finalized round.

#include "TestDatabase.h"
#include "support/ServerProcess.h"

#include <protocol/ErrorCode.h>
#include <protocol/Events.h>
#include <protocol/LiveMessage.h>
#include <protocol/Squad.h>

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QWebSocket>

namespace {

constexpr int kTimeoutMs = 10000;
const QString kOwnTeam = QStringLiteral("SSPSLT0001");
const QString kOtherTeam = QStringLiteral("SSPSLT0002");
const QString kOpenRound = QStringLiteral("R0004");

struct Answer
{
    int status = 0;
    QByteArray body;
    QJsonObject json;
    QByteArray etag;
    QByteArray retryAfter;
    QString errorCode() const { return Protocol::parseErrorBody(body).code; }
};

// A live-channel client that records every frame it receives.
class LiveClient
{
public:
    LiveClient() { QObject::connect(&socket, &QWebSocket::textMessageReceived, [this](const QString &t) { frames.append(t); }); }

    bool open(const QUrl &base, const QString &token)
    {
        QUrl url = base;
        url.setScheme(QStringLiteral("ws"));
        url.setPath(QStringLiteral("/api/v1/live"));
        QNetworkRequest request(url);
        if (!token.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
        QSignalSpy connected(&socket, &QWebSocket::connected);
        socket.open(request);
        return connected.wait(kTimeoutMs);
    }

    void send(const QByteArray &frame) { socket.sendTextMessage(QString::fromUtf8(frame)); }

    // Waits (bounded, on the socket's signal) until at least `count` frames arrived.
    bool waitFrames(qsizetype count)
    {
        const QDeadlineTimer deadline(kTimeoutMs);
        while (frames.size() < count && !deadline.hasExpired()) {
            QSignalSpy spy(&socket, &QWebSocket::textMessageReceived);
            spy.wait(int(qMax<qint64>(1, deadline.remainingTime())));
        }
        return frames.size() >= count;
    }

    Protocol::ServerMessage frame(qsizetype i) const
    {
        const auto parsed = Protocol::parseServerMessage(frames.at(i).toUtf8());
        return parsed ? parsed.value() : Protocol::ServerMessage{};
    }

    QWebSocket socket;
    QStringList frames;
};

} // namespace

class tst_ServerApi : public QObject
{
    Q_OBJECT

private:
    Answer request(const QByteArray &verb, const QString &path, const QString &token, const QByteArray &body = {},
                   const QList<std::pair<QByteArray, QByteArray>> &headers = {})
    {
        return requestAt(m_server.baseUrl(), verb, QStringLiteral("/api/v1") + path, token, body, headers);
    }
    Answer requestAt(const QUrl &base, const QByteArray &verb, const QString &path, const QString &token,
                     const QByteArray &body = {}, const QList<std::pair<QByteArray, QByteArray>> &headers = {})
    {
        // resolved() keeps a "?query" in `path` as the query, not as part of the path.
        QNetworkRequest req(base.resolved(QUrl(path)));
        if (!token.isEmpty())
            req.setRawHeader("Authorization", "Bearer " + token.toUtf8());
        if (!body.isEmpty())
            req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        for (const auto &[name, value] : headers)
            req.setRawHeader(name, value);
        QNetworkReply *reply = m_nam.sendCustomRequest(req, verb, body);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        Answer a;
        if (!reply->isFinished() && !finished.wait(kTimeoutMs)) {
            reply->deleteLater();
            return a;
        }
        a.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        a.body = reply->readAll();
        a.json = QJsonDocument::fromJson(a.body).object();
        a.etag = reply->rawHeader("ETag");
        a.retryAfter = reply->rawHeader("Retry-After");
        reply->deleteLater();
        return a;
    }
    Answer get(const QString &path, const QString &token, const QList<std::pair<QByteArray, QByteArray>> &headers = {})
    {
        return request("GET", path, token, {}, headers);
    }
    QString manager(const QString &team = kOwnTeam) const { return m_server.managerToken(team); }

    ServerProcess m_server;
    QNetworkAccessManager m_nam;
    // Where team:SSPSLT0001 stood before finalize, for the `since` test.
    QString m_epoch;
    qint64 m_seqBeforeFinalize = -1;
    QString m_databaseUrl;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_server.start(TestDatabase::freshDatabaseArgs(&m_databaseUrl)), qPrintable(m_server.errorString()));
        if (m_databaseUrl.isEmpty())
            m_databaseUrl = QStringLiteral("sqlite:") + m_server.databasePath();
        QCOMPARE(m_server.teamIds().size(), 8);
    }

    void unauthorized()
    {
        const Answer none = get(QStringLiteral("/me"), {});
        QCOMPARE(none.status, 401);
        QCOMPARE(none.errorCode(), QStringLiteral("unauthorized"));
        QVERIFY(none.etag.isEmpty());
        const Answer bad = get(QStringLiteral("/me"), QStringLiteral("not-a-token"));
        QCOMPARE(bad.status, 401);
        QCOMPARE(bad.errorCode(), QStringLiteral("unauthorized"));
        // 401 comes before 404 for unknown routes.
        QCOMPARE(get(QStringLiteral("/nowhere"), {}).status, 401);
        const Answer missing = get(QStringLiteral("/nowhere"), manager());
        QCOMPARE(missing.status, 404);
        QCOMPARE(missing.errorCode(), QStringLiteral("not_found"));
        QCOMPARE(request("DELETE", QStringLiteral("/me"), manager()).errorCode(), QStringLiteral("method_not_allowed"));
    }

    void me()
    {
        const Answer admin = get(QStringLiteral("/me"), m_server.adminToken());
        QCOMPARE(admin.status, 200);
        QCOMPARE(admin.json.value(QLatin1String("role")).toString(), QStringLiteral("admin"));
        QVERIFY(!admin.json.contains(QLatin1String("team_id")));
        const Answer mgr = get(QStringLiteral("/me"), manager());
        QCOMPARE(mgr.status, 200);
        QCOMPARE(mgr.json.value(QLatin1String("role")).toString(), QStringLiteral("manager"));
        QCOMPARE(mgr.json.value(QLatin1String("team_id")).toString(), kOwnTeam);
        QVERIFY(!mgr.json.value(QLatin1String("name")).toString().isEmpty());
    }

    void squadEtag()
    {
        const QString path = QStringLiteral("/teams/%1/squad").arg(kOwnTeam);
        const Answer first = get(path, manager());
        QCOMPARE(first.status, 200);
        QVERIFY(!first.etag.isEmpty());
        const auto squad = Protocol::parseSquad(first.json);
        QVERIFY2(squad, qPrintable(squad.error()));
        QCOMPARE(squad->teamId, kOwnTeam);
        QVERIFY(!squad->players.isEmpty());

        const Answer again = get(path, manager(), {{"If-None-Match", first.etag}});
        QCOMPARE(again.status, 304);
        QVERIFY(again.body.isEmpty());
        QCOMPARE(again.etag, first.etag);
        QCOMPARE(get(path, manager(), {{"If-None-Match", "\"other\""}}).status, 200);
    }

    // A squad or wallet 200 is answered from the server's body cache while its revision stands
    // (RevisionBodyCache): the same bytes, counted in /healthz. finalizeOpenRound checks that a
    // change is never answered from the cache.
    void revisionBodyCache()
    {
        const auto cache = [this] {
            return requestAt(m_server.baseUrl(), "GET", QStringLiteral("/healthz"), {})
                .json[QLatin1String("body_cache")].toObject();
        };
        for (const QString &resource : {QStringLiteral("squad"), QStringLiteral("wallet")}) {
            const QString path = QStringLiteral("/teams/%1/%2").arg(kOwnTeam, resource);
            const Answer first = get(path, manager());
            QCOMPARE(first.status, 200);
            const qint64 hitsBefore = cache()[QLatin1String("hits")].toInteger(-1);
            QVERIFY(hitsBefore >= 0);
            const Answer second = get(path, m_server.adminToken()); // the same for every allowed caller
            QCOMPARE(second.status, 200);
            QCOMPARE(second.body, first.body);
            QCOMPARE(second.etag, first.etag);
            QCOMPARE(cache()[QLatin1String("hits")].toInteger(), hitsBefore + 1);
            // A manager of another team gets 403, never the cached body.
            QCOMPARE(get(QStringLiteral("/teams/%1/%2").arg(kOtherTeam, resource), manager()).status, 403);
        }
        QVERIFY(cache()[QLatin1String("entries")].toInteger() >= 2);
    }

    // Squad and wallet 304s are decided from the revision alone (HttpApi::RevisionTag): never for
    // a caller who would not get the 200, and the tag is the same for everyone who would.
    void revisionEtagOnlyForAllowedCallers()
    {
        for (const QString &resource : {QStringLiteral("squad"), QStringLiteral("wallet")}) {
            const QString other = QStringLiteral("/teams/%1/%2").arg(kOtherTeam, resource);
            const Answer adminView = get(other, m_server.adminToken());
            QCOMPARE(adminView.status, 200);
            QVERIFY(!adminView.etag.isEmpty());
            QCOMPARE(get(other, manager(), {{"If-None-Match", adminView.etag}}).status, 403);
            QCOMPARE(get(other, manager(), {{"If-None-Match", "*"}}).status, 403);
            QCOMPARE(get(QStringLiteral("/teams/NOPE/%1").arg(resource), m_server.adminToken(),
                         {{"If-None-Match", "*"}}).status, 404);
            const QString own = QStringLiteral("/teams/%1/%2").arg(kOwnTeam, resource);
            const QByteArray managerTag = get(own, manager()).etag;
            QCOMPARE(get(own, m_server.adminToken()).etag, managerTag);
            QCOMPARE(get(own, m_server.adminToken(), {{"If-None-Match", managerTag}}).status, 304);
        }
    }

    void forbiddenAndNotFound()
    {
        const Answer other = get(QStringLiteral("/teams/%1/squad").arg(kOtherTeam), manager());
        QCOMPARE(other.status, 403);
        QCOMPARE(other.errorCode(), QStringLiteral("forbidden"));
        QVERIFY(other.etag.isEmpty());
        // A manager asking for an unknown team learns nothing: 403, not 404.
        QCOMPARE(get(QStringLiteral("/teams/NOPE/squad"), manager()).status, 403);
        QCOMPARE(get(QStringLiteral("/teams/NOPE/squad"), m_server.adminToken()).status, 404);
        QCOMPARE(get(QStringLiteral("/teams/%1/wallet").arg(kOtherTeam), manager()).status, 403);
        QCOMPARE(get(QStringLiteral("/teams/%1/squad").arg(kOtherTeam), m_server.adminToken()).status, 200);
    }

    void listings()
    {
        const Answer teams = get(QStringLiteral("/teams"), manager());
        QCOMPARE(teams.status, 200);
        QCOMPARE(teams.json.value(QLatin1String("teams")).toArray().size(), 8);
        const Answer rounds = get(QStringLiteral("/rounds"), manager());
        QCOMPARE(rounds.status, 200);
        bool open = false;
        for (const QJsonValue &r : rounds.json.value(QLatin1String("rounds")).toArray()) {
            if (r[QLatin1String("round_id")].toString() == kOpenRound)
                open = r[QLatin1String("status")].toString() == QLatin1String("open");
        }
        QVERIFY(open);
        const Answer tiebreakers = get(QStringLiteral("/tiebreakers"), m_server.adminToken());
        QCOMPARE(tiebreakers.status, 200);
        QVERIFY(!tiebreakers.json.value(QLatin1String("tiebreakers")).toArray().isEmpty());
        QCOMPARE(get(QStringLiteral("/tiebreakers?status=bogus"), m_server.adminToken()).status, 400);
    }

    void badBodies()
    {
        const Answer malformed = request("POST", QStringLiteral("/rounds/%1/bids").arg(kOpenRound), manager(), "{oops");
        QCOMPARE(malformed.status, 400);
        QCOMPARE(malformed.errorCode(), QStringLiteral("bad_request"));
        const Answer huge = request("POST", QStringLiteral("/admin/rounds/%1/finalize").arg(kOpenRound),
                                    m_server.adminToken(), QByteArray(70 * 1024, ' '));
        QCOMPARE(huge.status, 413);
        QCOMPARE(huge.errorCode(), QStringLiteral("too_large"));
        // An id that cannot exist is answered after 405 and 400, as PROTOCOL.md orders them.
        QCOMPARE(request("PUT", QStringLiteral("/rounds/R!/bids"), manager(), "{}").status, 405);
        QCOMPARE(request("POST", QStringLiteral("/rounds/R!/bids"), manager(), "{oops").status, 400);
        QCOMPARE(request("POST", QStringLiteral("/rounds/R!/bids"), manager(), "{}").status, 404);
    }

    void sealedBids()
    {
        const QString path = QStringLiteral("/rounds/%1/bids").arg(kOpenRound);
        const QString team8 = QStringLiteral("SSPSLT0008");
        const Answer placed = request("POST", path, manager(team8), R"({"player_id": "P0146", "amount": 1500})");
        QCOMPARE(placed.status, 201);
        QCOMPARE(placed.json[QLatin1String("bid")][QLatin1String("team_id")].toString(), team8);
        QCOMPARE(placed.json[QLatin1String("bid")][QLatin1String("amount")].toInteger(), 1500);
        QCOMPARE(request("POST", path, manager(team8), R"({"player_id": "P0146", "amount": 99999999})").errorCode(),
                 QStringLiteral("insufficient_funds"));
        QCOMPARE(request("POST", path, manager(team8), R"({"player_id": "P0001", "amount": 10})").status, 404);
        QCOMPARE(request("POST", path, manager(team8), R"({"player_id": "P0146", "amount": "10"})").status, 400);
        QCOMPARE(request("POST", path, m_server.adminToken(), R"({"player_id": "P0146", "amount": 10})").status, 403);
    }

    void finalizeAsManagerIsForbidden()
    {
        const Answer a = request("POST", QStringLiteral("/admin/rounds/%1/finalize").arg(kOpenRound), manager());
        QCOMPARE(a.status, 403);
        QCOMPARE(a.errorCode(), QStringLiteral("forbidden"));
        QCOMPARE(request("POST", QStringLiteral("/admin/rounds/NOPE/finalize"), m_server.adminToken()).status, 404);
    }

    void liveSubscribeRules()
    {
        LiveClient live;
        QVERIFY(live.open(m_server.baseUrl(), manager()));
        live.send(Protocol::ClientMessage::subscribe(1, QStringLiteral("team:") + kOwnTeam).toJson());
        QVERIFY(live.waitFrames(1));
        const Protocol::ServerMessage subscribed = live.frame(0);
        QCOMPARE(subscribed.op, Protocol::ServerMessage::Op::Subscribed);
        QCOMPARE(subscribed.id, QJsonValue(1));
        QVERIFY(!subscribed.epoch.isEmpty());
        QVERIFY(!subscribed.recovered);

        live.send(Protocol::ClientMessage::subscribe(QStringLiteral("b"), QStringLiteral("team:") + kOtherTeam).toJson());
        QVERIFY(live.waitFrames(2));
        QCOMPARE(live.frame(1).op, Protocol::ServerMessage::Op::Error);
        QCOMPARE(live.frame(1).code, QStringLiteral("forbidden"));
        QCOMPARE(live.frame(1).channel, QStringLiteral("team:") + kOtherTeam);
        QCOMPARE(live.frame(1).id, QJsonValue(QStringLiteral("b")));

        live.send(Protocol::ClientMessage::subscribe(3, QStringLiteral("nonsense")).toJson());
        QVERIFY(live.waitFrames(3));
        QCOMPARE(live.frame(2).code, QStringLiteral("bad_channel"));

        live.send(Protocol::ClientMessage::subscribe(4, QStringLiteral("tiebreakers")).toJson());
        QVERIFY(live.waitFrames(4));
        QCOMPARE(live.frame(3).code, QStringLiteral("forbidden"));

        // Not a JSON object: an error, and the connection stays usable.
        live.send("[1, 2");
        QVERIFY(live.waitFrames(5));
        QCOMPARE(live.frame(4).op, Protocol::ServerMessage::Op::Error);
        QCOMPARE(live.frame(4).code, QStringLiteral("bad_request"));
        live.send(R"({"op": "no_such_op", "id": 5})"); // ignored
        live.send(Protocol::ClientMessage::ping(6).toJson());
        QVERIFY(live.waitFrames(6));
        QCOMPARE(live.frame(5).op, Protocol::ServerMessage::Op::Pong);
        QCOMPARE(live.frame(5).id, QJsonValue(6));
        QCOMPARE(live.socket.state(), QAbstractSocket::ConnectedState);
    }

    void liveBadTokenCloses4401()
    {
        LiveClient live;
        QSignalSpy disconnected(&live.socket, &QWebSocket::disconnected);
        live.open(m_server.baseUrl(), QStringLiteral("wrong"));
        QVERIFY(disconnected.count() > 0 || disconnected.wait(kTimeoutMs));
        QCOMPARE(int(live.socket.closeCode()), 4401);
    }

    void liveBinaryFrameCloses1003()
    {
        LiveClient live;
        QVERIFY(live.open(m_server.baseUrl(), manager()));
        QSignalSpy disconnected(&live.socket, &QWebSocket::disconnected);
        live.socket.sendBinaryMessage("\x01\x02");
        QVERIFY(disconnected.wait(kTimeoutMs));
        QCOMPARE(int(live.socket.closeCode()), 1003);
    }

    void liveOversizedFrameCloses1009()
    {
        LiveClient live;
        QVERIFY(live.open(m_server.baseUrl(), manager()));
        QSignalSpy disconnected(&live.socket, &QWebSocket::disconnected);
        live.send(R"({"op": "ping", "pad": ")" + QByteArray(70 * 1024, 'x') + R"("})");
        QVERIFY(disconnected.wait(kTimeoutMs));
        QCOMPARE(int(live.socket.closeCode()), 1009);
    }

    void finalizeOpenRound()
    {
        const QString squadPath = QStringLiteral("/teams/%1/squad").arg(kOwnTeam);
        const qint64 revisionBefore = Protocol::parseSquad(get(squadPath, manager()).json)->revision;

        LiveClient live;
        QVERIFY(live.open(m_server.baseUrl(), manager()));
        live.send(Protocol::ClientMessage::subscribe(1, QStringLiteral("team:") + kOwnTeam).toJson());
        QVERIFY(live.waitFrames(1));
        m_epoch = live.frame(0).epoch;
        m_seqBeforeFinalize = live.frame(0).seq;

        const Answer done = request("POST", QStringLiteral("/admin/rounds/%1/finalize").arg(kOpenRound),
                                    m_server.adminToken());
        QCOMPARE(done.status, 200);
        QCOMPARE(done.json[QLatin1String("round")][QLatin1String("status")].toString(), QStringLiteral("finalized"));
        QHash<QString, std::pair<QString, qint64>> acquired;
        for (const QJsonValue &a : done.json.value(QLatin1String("acquired")).toArray())
            acquired.insert(a[QLatin1String("player_id")].toString(),
                            {a[QLatin1String("team_id")].toString(), a[QLatin1String("price")].toInteger()});
        QCOMPARE(acquired.value(QStringLiteral("P0141")), std::make_pair(kOwnTeam, qint64(12000)));
        QCOMPARE(acquired.value(QStringLiteral("P0147")), std::make_pair(kOwnTeam, qint64(2000)));
        QCOMPARE(acquired.value(QStringLiteral("P0142")), std::make_pair(QStringLiteral("SSPSLT0003"), qint64(7500)));
        QVERIFY(!acquired.contains(QStringLiteral("P0145")));
        const QJsonArray tiebreakers = done.json.value(QLatin1String("tiebreakers")).toArray();
        QCOMPARE(tiebreakers.size(), 1);
        QCOMPARE(tiebreakers.at(0)[QLatin1String("player_id")].toString(), QStringLiteral("P0145"));
        QCOMPARE(tiebreakers.at(0)[QLatin1String("starting_amount")].toInteger(), 5000);

        // Two players won: squad_update + wallet_update each, numbered without gaps.
        QVERIFY(live.waitFrames(5));
        int squadUpdates = 0;
        for (qsizetype i = 1; i < 5; ++i) {
            const Protocol::ServerMessage e = live.frame(i);
            QCOMPARE(e.op, Protocol::ServerMessage::Op::Event);
            QCOMPARE(e.epoch, m_epoch);
            QCOMPARE(e.seq, m_seqBeforeFinalize + i);
            if (e.type == QLatin1String("squad_update")) {
                const auto update = Protocol::parseSquadUpdate(e.data);
                QVERIFY2(update, qPrintable(update.error()));
                QCOMPARE(update->revision, revisionBefore + 1);
                ++squadUpdates;
            }
        }
        QCOMPARE(squadUpdates, 2);

        const auto squad = Protocol::parseSquad(get(squadPath, manager()).json);
        QVERIFY(squad);
        QCOMPARE(squad->revision, revisionBefore + 1);
        QStringList ids;
        for (const Protocol::SquadPlayer &p : squad->players)
            ids.append(p.playerId);
        QVERIFY(ids.contains(QStringLiteral("P0141")));
        QVERIFY(ids.contains(QStringLiteral("P0147")));

        const Answer again = request("POST", QStringLiteral("/admin/rounds/%1/finalize").arg(kOpenRound),
                                     m_server.adminToken());
        QCOMPARE(again.status, 409);
        QCOMPARE(again.errorCode(), QStringLiteral("round_closed"));
    }

    void moneyIsConserved()
    {
        const QHash<QString, qint64> budgets{{QStringLiteral("football"), 100000}, {QStringLiteral("real"), 1000}};
        for (const QString &team : m_server.teamIds()) {
            const Answer wallet = get(QStringLiteral("/teams/%1/wallet").arg(team), m_server.adminToken());
            QCOMPARE(wallet.status, 200);
            const QJsonArray balances = wallet.json.value(QLatin1String("balances")).toArray();
            QCOMPARE(balances.size(), 2);
            for (const QJsonValue &b : balances) {
                const qint64 sum = b[QLatin1String("balance")].toInteger() + b[QLatin1String("spent")].toInteger();
                QCOMPARE(sum, budgets.value(b[QLatin1String("currency_type")].toString()));
            }
        }
    }

    void sinceRecoversMissedEvents()
    {
        QVERIFY(m_seqBeforeFinalize >= 0);
        LiveClient live;
        QVERIFY(live.open(m_server.baseUrl(), manager()));
        live.send(Protocol::ClientMessage::subscribe(1, QStringLiteral("team:") + kOwnTeam,
                                                     Protocol::StreamPosition{m_epoch, m_seqBeforeFinalize})
                      .toJson());
        QVERIFY(live.waitFrames(5));
        const Protocol::ServerMessage subscribed = live.frame(0);
        QCOMPARE(subscribed.op, Protocol::ServerMessage::Op::Subscribed);
        QVERIFY(subscribed.recovered);
        QCOMPARE(subscribed.seq, m_seqBeforeFinalize + 4);
        for (qsizetype i = 1; i < 5; ++i) {
            QCOMPARE(live.frame(i).op, Protocol::ServerMessage::Op::Event);
            QCOMPARE(live.frame(i).seq, m_seqBeforeFinalize + i);
        }

        // Another epoch: not recovered, and nothing replayed.
        live.send(Protocol::ClientMessage::subscribe(2, QStringLiteral("team:") + kOwnTeam,
                                                     Protocol::StreamPosition{QStringLiteral("other"), 0})
                      .toJson());
        QVERIFY(live.waitFrames(6));
        QCOMPARE(live.frame(5).op, Protocol::ServerMessage::Op::Subscribed);
        QVERIFY(!live.frame(5).recovered);
    }

    void tiebreakerBidsOverRest()
    {
        const QString tb = QStringLiteral("TB0001"); // SSPSLT0001 vs SSPSLT0002, real money, starting 60
        const QString path = QStringLiteral("/tiebreakers/%1/bids").arg(tb);
        LiveClient live;
        QVERIFY(live.open(m_server.baseUrl(), manager()));
        live.send(Protocol::ClientMessage::subscribe(1, QStringLiteral("tiebreaker:") + tb).toJson());
        live.send(Protocol::ClientMessage::subscribe(2, QStringLiteral("team:") + kOwnTeam).toJson());
        QVERIFY(live.waitFrames(2));
        const qint64 seq0 = live.frame(0).seq;

        const QList<std::pair<QByteArray, QByteArray>> key1{{"Idempotency-Key", "bid-one"}};
        const Answer first = request("POST", path, manager(), R"({"amount": 60})", key1);
        QCOMPARE(first.status, 201);
        QCOMPARE(first.json[QLatin1String("bid")][QLatin1String("amount")].toInteger(), 60);
        QCOMPARE(first.json[QLatin1String("bid")][QLatin1String("team_id")].toString(), kOwnTeam);
        QCOMPARE(first.json[QLatin1String("tiebreaker")][QLatin1String("highest_bid")][QLatin1String("amount")].toInteger(), 60);
        // Same key, same body: the same answer and still one bid.
        const Answer again = request("POST", path, manager(), R"({ "amount" : 60 })", key1);
        QCOMPARE(again.status, 201);
        QCOMPARE(again.body, first.body);
        QCOMPARE(get(QStringLiteral("/tiebreakers/") + tb, manager()).json[QLatin1String("bids")].toArray().size(), 1);
        // Same key, other body: 422. Over-long key: 400.
        const Answer mismatch = request("POST", path, manager(), R"({"amount": 500})", key1);
        QCOMPARE(mismatch.status, 422);
        QCOMPARE(mismatch.errorCode(), QStringLiteral("idempotency_mismatch"));
        QCOMPARE(request("POST", path, manager(), R"({"amount": 500})", {{"Idempotency-Key", QByteArray(129, 'k')}}).status,
                 400);
        // The key is scoped to the token: another team's token with the same key is a new request.
        // Error answers are kept too.
        const QList<std::pair<QByteArray, QByteArray>> key2{{"Idempotency-Key", "bid-two"}};
        const Answer low = request("POST", path, manager(), R"({"amount": 100})", key2);
        QCOMPARE(low.status, 409);
        QCOMPARE(low.errorCode(), QStringLiteral("bid_too_low"));
        QCOMPARE(request("POST", path, manager(), R"({"amount": 100})", key2).body, low.body);

        QCOMPARE(request("POST", path, manager(QStringLiteral("SSPSLT0003")), R"({"amount": 500})").status, 403);
        QCOMPARE(request("POST", path, m_server.adminToken(), R"({"amount": 500})").status, 403);
        QCOMPARE(request("POST", QStringLiteral("/tiebreakers/TB9999/bids"), manager(), R"({"amount": 500})").status, 403);
        QCOMPARE(request("POST", path, manager(), R"({"amount": "500"})").status, 400);
        QCOMPARE(request("POST", path, manager(), R"({"amount": 5000})").errorCode(), QStringLiteral("insufficient_funds"));
        const Answer second = request("POST", path, manager(kOtherTeam), R"({"amount": 160})", key1);
        QCOMPARE(second.status, 201);

        // Two tiebreaker_bid events on tiebreaker:TB0001, numbered without gaps, ts = the bid's ts.
        QVERIFY(live.waitFrames(4));
        QCOMPARE(live.frame(2).type, QStringLiteral("tiebreaker_bid"));
        QCOMPARE(live.frame(2).seq, seq0 + 1);
        QCOMPARE(live.frame(2).data.value(QLatin1String("ts")).toString(),
                 first.json[QLatin1String("bid")][QLatin1String("ts")].toString());
        QCOMPARE(live.frame(3).seq, seq0 + 2);
        QCOMPARE(live.frame(3).data.value(QLatin1String("bid_amount")).toInteger(), 160);

        // Admin resolution: SSPSLT0002 wins at 160.
        QCOMPARE(request("POST", QStringLiteral("/admin/tiebreakers/%1/resolve").arg(tb), manager()).status, 403);
        QCOMPARE(request("POST", QStringLiteral("/admin/tiebreakers/TB9999/resolve"), m_server.adminToken()).status, 404);
        const Answer resolved = request("POST", QStringLiteral("/admin/tiebreakers/%1/resolve").arg(tb), m_server.adminToken());
        QCOMPARE(resolved.status, 200);
        QCOMPARE(resolved.json[QLatin1String("tiebreaker")][QLatin1String("status")].toString(), QStringLiteral("resolved"));
        QCOMPARE(resolved.json[QLatin1String("tiebreaker")][QLatin1String("winner_team_id")].toString(), kOtherTeam);
        // tiebreaker_resolved on both the tiebreaker and the (losing) participant's team channel.
        QVERIFY(live.waitFrames(6));
        QStringList channels{live.frame(4).channel, live.frame(5).channel};
        channels.sort();
        QCOMPARE(channels, (QStringList{QStringLiteral("team:") + kOwnTeam, QStringLiteral("tiebreaker:") + tb}));
        QCOMPARE(live.frame(4).type, QStringLiteral("tiebreaker_resolved"));
        QCOMPARE(live.frame(4).data.value(QLatin1String("amount")).toInteger(), 160);
        const Answer closed = request("POST", QStringLiteral("/admin/tiebreakers/%1/resolve").arg(tb), m_server.adminToken());
        QCOMPARE(closed.errorCode(), QStringLiteral("tiebreaker_closed"));
        QCOMPARE(request("POST", path, manager(), R"({"amount": 300})").errorCode(), QStringLiteral("tiebreaker_closed"));
        bool owned = false;
        for (const QJsonValue &p : get(QStringLiteral("/teams/%1/squad").arg(kOtherTeam), m_server.adminToken())
                                       .json[QLatin1String("players")].toArray())
            owned = owned || p[QLatin1String("player_id")].toString() == QLatin1String("P0021");
        QVERIFY(owned);
    }

    // On its own league: the highest bidder can no longer pay at resolution, so the next
    // affordable bid wins (issue 12: on PostgreSQL the tiebreaker ended cancelled). On the way,
    // every tiebreaker_bid event's envelope ts is its bid's ts (issue 12: 1 ms later).
    void unaffordableHighestBidLosesToTheNext()
    {
        ServerProcess league;
        QVERIFY2(league.start(TestDatabase::freshDatabaseArgs()), qPrintable(league.errorString()));
        const QString admin = league.adminToken();
        const QString team5 = QStringLiteral("SSPSLT0005"), team6 = QStringLiteral("SSPSLT0006");
        auto call = [&](const QByteArray &verb, const QString &path, const QString &token, const QByteArray &body = {}) {
            return requestAt(league.baseUrl(), verb, QStringLiteral("/api/v1") + path, token, body);
        };
        const Answer finalized = call("POST", QStringLiteral("/admin/rounds/%1/finalize").arg(kOpenRound), admin);
        QCOMPARE(finalized.status, 200);
        const QJsonArray created = finalized.json[QLatin1String("tiebreakers")].toArray();
        QCOMPARE(created.size(), 1); // P0145: SSPSLT0005 vs SSPSLT0006 at 5000, football
        const QString tb = created.at(0)[QLatin1String("tiebreaker_id")].toString();

        LiveClient live;
        QVERIFY(live.open(league.baseUrl(), admin));
        live.send(Protocol::ClientMessage::subscribe(1, QStringLiteral("tiebreaker:") + tb).toJson());
        QVERIFY(live.waitFrames(1));

        qint64 balance6 = -1;
        for (const QJsonValue &b : call("GET", QStringLiteral("/teams/%1/wallet").arg(team6), admin)
                                       .json[QLatin1String("balances")].toArray()) {
            if (b[QLatin1String("currency_type")].toString() == QLatin1String("football"))
                balance6 = b[QLatin1String("balance")].toInteger();
        }
        QVERIFY(balance6 > 6000);
        // Alternating bids, the last one all of team 6's money.
        QStringList bidTimes;
        const QList<std::pair<QString, qint64>> bids{{team5, 5000}, {team6, 5100}, {team5, 5200}, {team6, 5300},
                                                     {team5, 5400}, {team6, balance6}};
        for (const auto &[team, amount] : bids) {
            const Answer placed = call("POST", QStringLiteral("/tiebreakers/%1/bids").arg(tb), league.managerToken(team),
                                       QByteArray("{\"amount\": ") + QByteArray::number(amount) + "}");
            QCOMPARE(placed.status, 201);
            bidTimes.append(placed.json[QLatin1String("bid")][QLatin1String("ts")].toString());
        }
        QVERIFY(live.waitFrames(1 + bids.size()));
        for (qsizetype i = 0; i < bids.size(); ++i) {
            const Protocol::ServerMessage e = live.frame(1 + i);
            QCOMPARE(e.type, QStringLiteral("tiebreaker_bid"));
            QCOMPARE(e.data.value(QLatin1String("ts")).toString(), bidTimes.at(i));
            QCOMPARE(e.ts, bidTimes.at(i));
        }

        // Team 6 spends 1 elsewhere: it can no longer pay its highest bid.
        const Answer round = call("POST", QStringLiteral("/admin/rounds"), admin,
                                  R"({"position": "FWD", "currency_type": "football", "player_ids": ["P0146"],
                                      "closes_at": "2030-01-01T12:00:00Z"})");
        QCOMPARE(round.status, 201);
        const QString roundId = round.json[QLatin1String("round")][QLatin1String("round_id")].toString();
        QCOMPARE(call("POST", QStringLiteral("/rounds/%1/bids").arg(roundId), league.managerToken(team6),
                      R"({"player_id": "P0146", "amount": 1})").status, 201);
        QCOMPARE(call("POST", QStringLiteral("/admin/rounds/%1/finalize").arg(roundId), admin).status, 200);

        const Answer resolved = call("POST", QStringLiteral("/admin/tiebreakers/%1/resolve").arg(tb), admin);
        QCOMPARE(resolved.status, 200);
        const QJsonObject t = resolved.json[QLatin1String("tiebreaker")].toObject();
        QCOMPARE(t[QLatin1String("status")].toString(), QStringLiteral("resolved"));
        QCOMPARE(t[QLatin1String("winner_team_id")].toString(), team5);
        bool owned = false;
        for (const QJsonValue &p : call("GET", QStringLiteral("/teams/%1/squad").arg(team5), admin)
                                       .json[QLatin1String("players")].toArray()) {
            if (p[QLatin1String("player_id")].toString() == QLatin1String("P0145")) {
                owned = true;
                QCOMPARE(p[QLatin1String("price")].toInteger(), 5400);
            }
        }
        QVERIFY(owned);
    }

    void deleteRoundOverRest()
    {
        LiveClient live;
        QVERIFY(live.open(m_server.baseUrl(), manager()));
        live.send(Protocol::ClientMessage::subscribe(1, QStringLiteral("team:") + kOwnTeam).toJson());
        QVERIFY(live.waitFrames(1));

        QCOMPARE(request("DELETE", QStringLiteral("/admin/rounds/%1").arg(kOpenRound), manager()).status, 403);
        QCOMPARE(request("DELETE", QStringLiteral("/admin/rounds/%1/finalize").arg(kOpenRound), m_server.adminToken()).status,
                 405);
        const Answer deleted = request("DELETE", QStringLiteral("/admin/rounds/%1").arg(kOpenRound), m_server.adminToken());
        QCOMPARE(deleted.status, 200);
        QHash<QString, qint64> removed;
        for (const QJsonValue &r : deleted.json[QLatin1String("removed")].toArray()) {
            if (r[QLatin1String("team_id")].toString() == kOwnTeam)
                removed.insert(r[QLatin1String("player_id")].toString(), r[QLatin1String("price")].toInteger());
        }
        QCOMPARE(removed.value(QStringLiteral("P0141")), 12000);
        QCOMPARE(removed.value(QStringLiteral("P0147")), 2000);
        bool refunded = false;
        for (const QJsonValue &r : deleted.json[QLatin1String("refunded")].toArray()) {
            if (r[QLatin1String("team_id")].toString() == kOwnTeam) {
                QCOMPARE(r[QLatin1String("currency_type")].toString(), QStringLiteral("football"));
                QCOMPARE(r[QLatin1String("amount")].toInteger(), 14000);
                refunded = true;
            }
        }
        QVERIFY(refunded);

        // squad_update removed + wallet_update amount_refunded, revisions matching a GET.
        QVERIFY(live.waitFrames(5));
        const Answer squad = get(QStringLiteral("/teams/%1/squad").arg(kOwnTeam), manager());
        const Answer wallet = get(QStringLiteral("/teams/%1/wallet").arg(kOwnTeam), manager());
        for (qsizetype i = 1; i < 5; ++i) {
            const Protocol::ServerMessage e = live.frame(i);
            if (e.type == QLatin1String("squad_update")) {
                QCOMPARE(e.data.value(QLatin1String("action")).toString(), QStringLiteral("removed"));
                QCOMPARE(e.data.value(QLatin1String("revision")).toInteger(), squad.json[QLatin1String("revision")].toInteger());
            } else {
                QCOMPARE(e.type, QStringLiteral("wallet_update"));
                QVERIFY(e.data.contains(QLatin1String("amount_refunded")));
                QCOMPARE(e.data.value(QLatin1String("revision")).toInteger(), wallet.json[QLatin1String("revision")].toInteger());
            }
        }
        // TB0002 (from R0004) is cancelled; the round is gone.
        QCOMPARE(get(QStringLiteral("/tiebreakers/TB0002"), m_server.adminToken()).json[QLatin1String("status")].toString(),
                 QStringLiteral("cancelled"));
        QCOMPARE(request("DELETE", QStringLiteral("/admin/rounds/%1").arg(kOpenRound), m_server.adminToken()).status, 404);
        for (const QJsonValue &r : get(QStringLiteral("/rounds"), manager()).json[QLatin1String("rounds")].toArray())
            QVERIFY(r[QLatin1String("round_id")].toString() != kOpenRound);

        // Its players are available again; sold ones are not.
        const QByteArray round = R"({"position": "FWD", "currency_type": "football", "player_ids": ["P0141"],
                                     "closes_at": "2030-01-01T12:00:00+01:00"})";
        QCOMPARE(request("POST", QStringLiteral("/admin/rounds"), m_server.adminToken(), round).status, 201);
        const Answer sold = request("POST", QStringLiteral("/admin/rounds"), m_server.adminToken(),
                                    R"({"position": "GK", "currency_type": "football", "player_ids": ["P0001"],
                                        "closes_at": "2030-01-01T12:00:00Z"})");
        QCOMPARE(sold.status, 409);
        QCOMPARE(sold.errorCode(), QStringLiteral("player_unavailable"));
        QCOMPARE(request("POST", QStringLiteral("/admin/rounds"), m_server.adminToken(), round).errorCode(),
                 QStringLiteral("player_unavailable")); // now in another open round
        QCOMPARE(request("POST", QStringLiteral("/admin/rounds"), m_server.adminToken(),
                         R"({"position": "FWD", "player_ids": ["P0146"], "closes_at": "2030-01-01T12:00:00Z"})").status,
                 400);
    }

    void healthz()
    {
        const Answer health = requestAt(m_server.baseUrl(), "GET", QStringLiteral("/healthz"), {});
        QCOMPARE(health.status, 200);
        QCOMPARE(health.json[QLatin1String("status")].toString(), QStringLiteral("ok"));
        QCOMPARE(health.json[QLatin1String("db")].toString(), QStringLiteral("ok"));
        QVERIFY(health.json[QLatin1String("connections")][QLatin1String("http")].toInt() >= 1);
    }

    void rateLimit()
    {
        ServerProcess limited;
        QVERIFY2(limited.start(QStringList{QStringLiteral("--rate-limit"), QStringLiteral("0.5:3")}
                                               + TestDatabase::freshDatabaseArgs()), qPrintable(limited.errorString()));
        const QString token = limited.managerToken(kOwnTeam);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(requestAt(limited.baseUrl(), "GET", QStringLiteral("/api/v1/me"), token).status, 200);
        const Answer refused = requestAt(limited.baseUrl(), "GET", QStringLiteral("/api/v1/me"), token);
        QCOMPARE(refused.status, 429);
        QCOMPARE(refused.errorCode(), QStringLiteral("rate_limited"));
        QVERIFY(refused.retryAfter.toInt() >= 1);
        // A limited request's own errors come first (PROTOCOL.md precedence), and change nothing.
        QCOMPARE(requestAt(limited.baseUrl(), "POST", QStringLiteral("/api/v1/rounds/R0004/bids"), token,
                           R"({"player_id": "P0001", "amount": 10})").status, 404);
        QCOMPARE(requestAt(limited.baseUrl(), "POST", QStringLiteral("/api/v1/rounds/R0004/bids"), token,
                           R"({"player_id": "P0146", "amount": 10})").status, 429);
        // Other tokens have their own bucket.
        QCOMPARE(requestAt(limited.baseUrl(), "GET", QStringLiteral("/api/v1/me"), limited.adminToken()).status, 200);
    }

    void connectionCapPerAddress()
    {
        ServerProcess server;
        QVERIFY2(server.start(QStringList{QStringLiteral("--idle-timeout"), QStringLiteral("0"),
                                           QStringLiteral("--max-connections-per-address"), QStringLiteral("2")}
                              + TestDatabase::freshDatabaseArgs()),
                 qPrintable(server.errorString()));
        QTcpSocket a, b, c;
        for (QTcpSocket *s : {&a, &b, &c}) {
            s->connectToHost(server.baseUrl().host(), quint16(server.baseUrl().port()));
            QVERIFY(s->waitForConnected(kTimeoutMs));
        }
        // The third connection from this address is closed at once; the first two stay.
        QTRY_COMPARE_WITH_TIMEOUT(c.state(), QAbstractSocket::UnconnectedState, kTimeoutMs);
        QCOMPARE(a.state(), QAbstractSocket::ConnectedState);
        QCOMPARE(b.state(), QAbstractSocket::ConnectedState);
    }

    void idleConnectionsAreClosed()
    {
        ServerProcess server;
        QVERIFY2(server.start(QStringList{QStringLiteral("--idle-timeout"), QStringLiteral("1")}
                              + TestDatabase::freshDatabaseArgs()), qPrintable(server.errorString()));
        QTcpSocket idle;
        idle.connectToHost(server.baseUrl().host(), quint16(server.baseUrl().port()));
        QVERIFY(idle.waitForConnected(kTimeoutMs));
        QTRY_COMPARE_WITH_TIMEOUT(idle.state(), QAbstractSocket::UnconnectedState, kTimeoutMs);
        const Answer health = requestAt(server.baseUrl(), "GET", QStringLiteral("/healthz"), {});
        QVERIFY(health.json[QLatin1String("connections")][QLatin1String("idle_closed")].toInt() >= 1);
    }

    void revokedTokenClosesLiveWith4401()
    {
        QProcess create;
        create.start(ServerProcess::executablePath(),
                     {QStringLiteral("token"), QStringLiteral("create"), QStringLiteral("--team"), QStringLiteral("SSPSLT0003"),
                      QStringLiteral("--database"), m_databaseUrl});
        QVERIFY(create.waitForFinished(kTimeoutMs));
        QVERIFY2(create.exitCode() == 0, create.readAllStandardError().constData());
        const QString token = QString::fromUtf8(create.readAllStandardOutput()).trimmed();
        QVERIFY(!token.isEmpty());
        // Never taken for an option by `token revoke TOKEN` (a bare base64url token can start with '-').
        QVERIFY(token.startsWith(QLatin1String("ld_")));
        QCOMPARE(get(QStringLiteral("/me"), token).json[QLatin1String("team_id")].toString(), QStringLiteral("SSPSLT0003"));

        LiveClient live;
        QVERIFY(live.open(m_server.baseUrl(), token));
        live.send(Protocol::ClientMessage::ping(1).toJson());
        QVERIFY(live.waitFrames(1));
        QSignalSpy disconnected(&live.socket, &QWebSocket::disconnected);
        QProcess revoke;
        revoke.start(ServerProcess::executablePath(),
                     {QStringLiteral("token"), QStringLiteral("revoke"), token, QStringLiteral("--database"),
                      m_databaseUrl});
        QVERIFY(revoke.waitForFinished(kTimeoutMs));
        QVERIFY2(revoke.exitCode() == 0, revoke.readAllStandardError().constData());
        QVERIFY(disconnected.wait(kTimeoutMs));
        QCOMPARE(int(live.socket.closeCode()), 4401);
        QCOMPARE(get(QStringLiteral("/me"), token).status, 401);
    }

    void sigtermClosesLiveWith1001()
    {
        // A request in flight (half its body sent) when SIGTERM arrives still gets its answer.
        QTcpSocket http;
        http.connectToHost(m_server.baseUrl().host(), quint16(m_server.baseUrl().port()));
        QVERIFY(http.waitForConnected(kTimeoutMs));
        const QByteArray body = R"({"player_id": "P0141", "amount": 5})";
        http.write("POST /api/v1/rounds/" + kOpenRound.toUtf8() + "/bids HTTP/1.1\r\nHost: test\r\nAuthorization: Bearer "
                   + manager().toUtf8() + "\r\nContent-Type: application/json\r\nContent-Length: "
                   + QByteArray::number(body.size()) + "\r\n\r\n" + body.left(10));
        QVERIFY(http.waitForBytesWritten(kTimeoutMs));

        LiveClient live;
        QVERIFY(live.open(m_server.baseUrl(), manager()));
        // The ping's round trip: the server has read the partial request by now.
        live.send(Protocol::ClientMessage::ping(1).toJson());
        QVERIFY(live.waitFrames(1));
        QSignalSpy disconnected(&live.socket, &QWebSocket::disconnected);
        QSignalSpy finished(m_server.process(), &QProcess::finished);
        m_server.process()->terminate();
        QVERIFY(disconnected.wait(kTimeoutMs));
        QCOMPARE(int(live.socket.closeCode()), 1001);
        QCOMPARE(m_server.process()->state(), QProcess::Running); // still waiting for the request
        http.write(body.mid(10));
        QByteArray answer;
        QVERIFY(QTest::qWaitFor([&] {
            answer += http.readAll();
            return answer.contains("\r\n\r\n") || http.state() != QAbstractSocket::ConnectedState;
        }, kTimeoutMs));
        // Any answer will do (R0004 is gone by now, so 404): what matters is that it came.
        QVERIFY2(answer.startsWith("HTTP/1.1 4"), answer.constData());
        QVERIFY(http.state() == QAbstractSocket::UnconnectedState || http.waitForDisconnected(kTimeoutMs));
        QVERIFY(finished.count() > 0 || finished.wait(kTimeoutMs));
        QCOMPARE(m_server.process()->exitStatus(), QProcess::NormalExit);
        QCOMPARE(m_server.process()->exitCode(), 0);
    }
};

QTEST_MAIN(tst_ServerApi)
#include "tst_server_api.moc"

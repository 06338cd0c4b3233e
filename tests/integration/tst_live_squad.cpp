// The walking skeleton end to end, with real processes: the real leaguedesk-server, the real sync
// client and SquadModel. An admin finalizes a round over REST; the manager's model shows the new
// players after exactly one refetch triggered by the live events.
#include "support/RestCall.h"
#include "support/ServerProcess.h"

#include <models/SquadModel.h>
#include <sync/LiveClient.h>
#include <sync/Query.h>
#include <sync/QueryCache.h>
#include <sync/RestClient.h>
#include <sync/SyncClient.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

#include <optional>

namespace {
constexpr int timeoutMs = 15000;
const QString team1 = QStringLiteral("SSPSLT0001");
const QString team2 = QStringLiteral("SSPSLT0002");
} // namespace

class TestLiveSquad : public QObject
{
    Q_OBJECT

private:
    ServerProcess m_server;

    std::optional<RestResult> request(const QString &token, const QByteArray &method, const QString &path)
    {
        return restCall(m_server.baseUrl(), token, method, path);
    }

    QJsonObject json(const RestResult &result) { return jsonOf(result); }

    QStringList playerIds(const SquadModel &model)
    {
        QStringList ids;
        for (int row = 0; row < model.rowCount(); ++row)
            ids << model.data(model.index(row), SquadModel::PlayerIdRole).toString();
        return ids;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
        QVERIFY(!m_server.managerToken(team1).isEmpty());
    }

    void finalizeShowsNewPlayersAfterOneRefetch()
    {
        SyncClient client(m_server.baseUrl(), m_server.managerToken(team1));
        const QString squadPath = QStringLiteral("/teams/%1/squad").arg(team1);
        int squadGets = 0;
        connect(client.rest(), &RestClient::requestFinished, this,
                [&](const QString &method, const QString &path, int) { squadGets += method == QLatin1String("GET") && path == squadPath; });
        QSignalSpy events(&client, &SyncClient::eventReceived);

        SquadModel model;
        model.setClient(&client);
        model.setTeamId(team1);
        client.start();

        QTRY_COMPARE_WITH_TIMEOUT(client.state(), SyncClient::State::Live, timeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(model.hasData(), timeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(!client.cache()->find(QueryKey::squad(team1))->isFetching(), timeoutMs);
        QCOMPARE(squadGets, 1); // subscribe, then one fetch
        QCOMPARE(client.me().teamId, team1);
        const qint64 revisionBefore = model.revision();
        const QStringList before = playerIds(model);

        // The admin finalizes the demo's open round over REST.
        const auto rounds = request(m_server.adminToken(), "GET", QStringLiteral("/rounds"));
        QVERIFY(rounds && rounds->status == 200);
        QString openRound;
        // The first open one (R0004): the demo's other open round has no bids from this team.
        for (const QJsonValue &round : json(*rounds).value(QLatin1String("rounds")).toArray()) {
            if (openRound.isEmpty() && round[QLatin1String("status")].toString() == QLatin1String("open"))
                openRound = round[QLatin1String("round_id")].toString();
        }
        QVERIFY2(!openRound.isEmpty(), "the demo league has an open round");
        const auto finalized = request(m_server.adminToken(), "POST", QStringLiteral("/admin/rounds/%1/finalize").arg(openRound));
        QVERIFY(finalized);
        QCOMPARE(finalized->status, 200);
        QStringList won;
        for (const QJsonValue &acquired : json(*finalized).value(QLatin1String("acquired")).toArray()) {
            if (acquired[QLatin1String("team_id")].toString() == team1)
                won << acquired[QLatin1String("player_id")].toString();
        }
        QVERIFY2(!won.isEmpty(), "the demo's open round gives SSPSLT0001 a player");

        // Every squad_update for the team arrives (one per player won), and the model shows them.
        auto squadEvents = [&] {
            int n = 0;
            for (const QList<QVariant> &event : std::as_const(events))
                n += event.at(1).toString() == QLatin1String("squad_update") && event.at(0).toString() == QLatin1String("team:") + team1;
            return n;
        };
        QTRY_COMPARE_WITH_TIMEOUT(squadEvents(), won.size(), timeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(model.revision() > revisionBefore, timeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(!client.cache()->find(QueryKey::squad(team1))->isFetching(), timeoutMs);
        const QStringList after = playerIds(model);
        for (const QString &player : std::as_const(won))
            QVERIFY2(after.contains(player), qPrintable(player));
        for (const QString &player : before)
            QVERIFY(after.contains(player));
        QCOMPARE(model.count(), before.size() + won.size());

        // The model equals what the server answers now.
        const auto truth = request(m_server.adminToken(), "GET", squadPath);
        QVERIFY(truth && truth->status == 200);
        QCOMPARE(model.revision(), json(*truth).value(QLatin1String("revision")).toInteger());
        QCOMPARE(model.count(), json(*truth).value(QLatin1String("players")).toArray().size());

        // A burst of events with one new revision cost exactly one refetch.
        QCOMPARE(squadGets, 2);
    }

    void managerCannotReadAnotherTeam()
    {
        const auto answer = request(m_server.managerToken(team1), "GET", QStringLiteral("/teams/%1/squad").arg(team2));
        QVERIFY(answer);
        QCOMPARE(answer->status, 403);
        QCOMPARE(answer->errorCode, QStringLiteral("forbidden"));
    }

    void managerCannotSubscribeToAnotherTeam()
    {
        LiveClient live(m_server.baseUrl(), m_server.managerToken(team1));
        QSignalSpy errors(&live, &LiveClient::channelError);
        QSignalSpy subscribed(&live, &LiveClient::channelSubscribed);
        live.subscribe(QStringLiteral("team:") + team2);
        live.subscribe(QStringLiteral("team:") + team1);
        live.start();
        QTRY_COMPARE_WITH_TIMEOUT(errors.count(), 1, timeoutMs);
        QCOMPARE(errors.first().at(0).toString(), QStringLiteral("team:") + team2);
        QCOMPARE(errors.first().at(1).toString(), QStringLiteral("forbidden"));
        QTRY_COMPARE_WITH_TIMEOUT(subscribed.count(), 1, timeoutMs);
        QCOMPARE(subscribed.first().at(0).toString(), QStringLiteral("team:") + team1);
        QVERIFY(!live.isSubscribed(QStringLiteral("team:") + team2));
    }

    void badTokenEndsUnauthorizedWithoutRetrying()
    {
        SyncClient client(m_server.baseUrl(), QStringLiteral("not-a-token"));
        client.start();
        QTRY_COMPARE_WITH_TIMEOUT(client.state(), SyncClient::State::Unauthorized, timeoutMs);
        QVERIFY(!client.hasMe());
        QCOMPARE(client.live()->state() == LiveClient::State::Reconnecting, false);
    }

    void cleanupTestCase()
    {
        QCOMPARE(m_server.stop(), 0); // SIGTERM: a clean exit
    }
};

QTEST_GUILESS_MAIN(TestLiveSquad)
#include "tst_live_squad.moc"

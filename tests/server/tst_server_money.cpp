// Money conservation under random, concurrent use of the real server over HTTP.
//
// A seeded generator fires batches of mixed operations (sealed bids, round creation, finalize,
// round deletion, tiebreaker bids with and without Idempotency-Key, admin resolution), many of
// them failing on purpose, several in flight at once. After every batch it checks, for every team
// and currency: balance + spent == initial budget, balance >= 0, spent == the sum of the squad's
// prices; and that the live events caught up with what a GET returns right after: the last
// squad_update / wallet_update revision equals the GET revision, the last wallet_update's
// new_balance equals the GET balance, and every channel's seq grew by exactly 1.
//
// LEAGUEDESK_MONEY_OPS (default 3000) and LEAGUEDESK_MONEY_SEED (default 20261126) control it;
// LEAGUEDESK_TEST_DATABASE runs it on PostgreSQL (see TestDatabase.h).

#include "TestDatabase.h"
#include "support/ServerProcess.h"

#include <protocol/LiveMessage.h>

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>

#include <map>

namespace {
constexpr int kTimeoutMs = 15000;
const QHash<QString, qint64> kBudgets{{QStringLiteral("football"), 100000}, {QStringLiteral("real"), 1000}};
} // namespace

class tst_ServerMoney : public QObject
{
    Q_OBJECT

    struct Answer
    {
        int status = 0;
        QJsonObject json;
    };

    ServerProcess m_server;
    QNetworkAccessManager m_nam;
    QWebSocket m_live;
    QStringList m_teams;
    QRandomGenerator m_rng;

    // Event-derived state per team.
    QHash<QString, qint64> m_squadRev, m_walletRev;
    QHash<QString, qint64> m_lastBalance; // "team\ncurrency"
    QHash<QString, qint64> m_channelSeq;
    int m_events = 0;
    QString m_failure;

    QNetworkReply *send(const QByteArray &verb, const QString &path, const QString &token, const QByteArray &body = {},
                        const QByteArray &idempotencyKey = {})
    {
        QNetworkRequest req(m_server.baseUrl().resolved(QUrl(QStringLiteral("/api/v1") + path)));
        req.setRawHeader("Authorization", "Bearer " + token.toUtf8());
        if (!body.isEmpty())
            req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        if (!idempotencyKey.isEmpty())
            req.setRawHeader("Idempotency-Key", idempotencyKey);
        return m_nam.sendCustomRequest(req, verb, body);
    }

    // Waits for all replies (bounded) and returns their answers in order.
    QList<Answer> collect(const QList<QNetworkReply *> &replies)
    {
        QList<Answer> answers;
        const QDeadlineTimer deadline(kTimeoutMs);
        for (QNetworkReply *reply : replies) {
            if (!reply->isFinished()) {
                QSignalSpy finished(reply, &QNetworkReply::finished);
                finished.wait(int(qMax<qint64>(1, deadline.remainingTime())));
            }
            Answer a;
            a.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            a.json = QJsonDocument::fromJson(reply->readAll()).object();
            answers.append(a);
            reply->deleteLater();
        }
        return answers;
    }

    Answer get(const QString &path) { return collect({send("GET", path, m_server.adminToken())}).first(); }

    void onFrame(const QString &text)
    {
        const auto parsed = Protocol::parseServerMessage(text.toUtf8());
        if (!parsed || parsed->op != Protocol::ServerMessage::Op::Event)
            return;
        const Protocol::ServerMessage &m = parsed.value();
        ++m_events;
        const qint64 previous = m_channelSeq.value(m.channel, -1);
        if (previous >= 0 && m.seq != previous + 1 && m_failure.isEmpty())
            m_failure = QStringLiteral("gap on %1: %2 after %3").arg(m.channel).arg(m.seq).arg(previous);
        m_channelSeq[m.channel] = m.seq;
        const QString team = m.data.value(QLatin1String("team_id")).toString();
        const qint64 revision = m.data.value(QLatin1String("revision")).toInteger();
        if (m.type == QLatin1String("squad_update")) {
            if (revision < m_squadRev.value(team) && m_failure.isEmpty())
                m_failure = QStringLiteral("squad revision went back for %1").arg(team);
            m_squadRev[team] = revision;
        } else if (m.type == QLatin1String("wallet_update")) {
            if (revision < m_walletRev.value(team) && m_failure.isEmpty())
                m_failure = QStringLiteral("wallet revision went back for %1").arg(team);
            m_walletRev[team] = revision;
            m_lastBalance[team + QLatin1Char('\n') + m.data.value(QLatin1String("currency_type")).toString()] =
                m.data.value(QLatin1String("new_balance")).toInteger();
        }
    }

    template <typename T>
    const T &pick(const QList<T> &list) { return list.at(int(m_rng.bounded(quint32(list.size())))); }

    QString randomPlayer() { return QStringLiteral("P%1").arg(1 + m_rng.bounded(200), 4, 10, QLatin1Char('0')); }

    // One random operation; returns its reply.
    QNetworkReply *randomOperation(const QJsonArray &rounds, const QJsonArray &tiebreakers)
    {
        const QString admin = m_server.adminToken();
        const QString team = pick(m_teams);
        const QString manager = m_server.managerToken(team);
        QList<QJsonObject> open, finalized;
        for (const QJsonValue &r : rounds)
            (r[QLatin1String("status")].toString() == QLatin1String("open") ? open : finalized).append(r.toObject());
        const quint32 dice = m_rng.bounded(100);
        if (dice < 35 && !open.isEmpty()) { // sealed bid, sometimes unaffordable or for a player not in the round
            const QJsonObject round = pick(open);
            const QJsonArray players = round[QLatin1String("player_ids")].toArray();
            const QString player = m_rng.bounded(10) == 0 ? randomPlayer()
                                                          : players.at(int(m_rng.bounded(quint32(players.size())))).toString();
            const bool real = round[QLatin1String("currency_type")].toString() == QLatin1String("real");
            // Few distinct amounts, so top bids often tie and open tiebreakers.
            const qint64 amount = m_rng.bounded(12) == 0 ? 2000000 : qint64(1 + m_rng.bounded(6)) * (real ? 40 : 3000);
            return send("POST", QStringLiteral("/rounds/%1/bids").arg(round[QLatin1String("round_id")].toString()), manager,
                        QJsonDocument(QJsonObject{{QStringLiteral("player_id"), player}, {QStringLiteral("amount"), amount}})
                            .toJson(QJsonDocument::Compact));
        }
        if (dice < 50) { // new round: random players, often unavailable ones
            QJsonArray players;
            const int count = 1 + int(m_rng.bounded(4));
            for (int i = 0; i < count; ++i)
                players.append(randomPlayer());
            const QJsonObject body{{QStringLiteral("position"), QStringLiteral("MID")},
                                   {QStringLiteral("currency_type"),
                                    m_rng.bounded(3) == 0 ? QStringLiteral("real") : QStringLiteral("football")},
                                   {QStringLiteral("player_ids"), players},
                                   {QStringLiteral("closes_at"), QStringLiteral("2099-01-01T00:00:00Z")}};
            return send("POST", QStringLiteral("/admin/rounds"), admin, QJsonDocument(body).toJson(QJsonDocument::Compact));
        }
        if (dice < 60 && !rounds.isEmpty()) { // finalize (open ones succeed, others 409)
            const QString id = rounds.at(int(m_rng.bounded(quint32(rounds.size()))))[QLatin1String("round_id")].toString();
            return send("POST", QStringLiteral("/admin/rounds/%1/finalize").arg(id), admin);
        }
        if (dice < 66 && !rounds.isEmpty()) { // delete (refunds)
            const QString id = rounds.at(int(m_rng.bounded(quint32(rounds.size()))))[QLatin1String("round_id")].toString();
            return send("DELETE", QStringLiteral("/admin/rounds/%1").arg(id), admin);
        }
        if (dice < 92 && !tiebreakers.isEmpty()) { // tiebreaker bid: participant or not, around the minimum
            const QJsonObject tb = tiebreakers.at(int(m_rng.bounded(quint32(tiebreakers.size())))).toObject();
            const QJsonArray participants = tb[QLatin1String("participants")].toArray();
            const QString bidder = m_rng.bounded(8) == 0 ? team
                                                         : participants.at(int(m_rng.bounded(quint32(participants.size())))).toString();
            const QJsonValue highest = tb[QLatin1String("highest_bid")];
            const qint64 minimum = highest.isObject() ? highest[QLatin1String("amount")].toInteger() + tb[QLatin1String("min_increment")].toInteger()
                                                      : tb[QLatin1String("starting_amount")].toInteger();
            const qint64 amount = minimum + qint64(m_rng.bounded(300)) - 50;
            const QByteArray key = m_rng.bounded(3) == 0 ? QByteArray("key-%1").replace("%1", QByteArray::number(m_rng.bounded(20)))
                                                         : QByteArray();
            return send("POST", QStringLiteral("/tiebreakers/%1/bids").arg(tb[QLatin1String("tiebreaker_id")].toString()),
                        m_server.managerToken(bidder),
                        QJsonDocument(QJsonObject{{QStringLiteral("amount"), amount}}).toJson(QJsonDocument::Compact), key);
        }
        if (!tiebreakers.isEmpty()) { // admin resolution
            const QString id = tiebreakers.at(int(m_rng.bounded(quint32(tiebreakers.size()))))[QLatin1String("tiebreaker_id")].toString();
            return send("POST", QStringLiteral("/admin/tiebreakers/%1/resolve").arg(id), admin);
        }
        return send("GET", QStringLiteral("/me"), manager);
    }

    // The invariants, after a batch has fully answered.
    void checkInvariants(int step)
    {
        QList<QNetworkReply *> replies;
        for (const QString &team : std::as_const(m_teams)) {
            replies.append(send("GET", QStringLiteral("/teams/%1/wallet").arg(team), m_server.adminToken()));
            replies.append(send("GET", QStringLiteral("/teams/%1/squad").arg(team), m_server.adminToken()));
        }
        const QList<Answer> answers = collect(replies);
        for (qsizetype i = 0; i < m_teams.size(); ++i) {
            const QString &team = m_teams.at(i);
            const Answer &wallet = answers.at(2 * i);
            const Answer &squad = answers.at(2 * i + 1);
            QVERIFY2(wallet.status == 200 && squad.status == 200, qPrintable(QStringLiteral("step %1").arg(step)));
            std::map<QString, qint64> squadSpent;
            for (const QJsonValue &p : squad.json[QLatin1String("players")].toArray())
                squadSpent[p[QLatin1String("currency_type")].toString()] += p[QLatin1String("price")].toInteger();
            for (const QJsonValue &b : wallet.json[QLatin1String("balances")].toArray()) {
                const QString currency = b[QLatin1String("currency_type")].toString();
                const qint64 balance = b[QLatin1String("balance")].toInteger();
                const qint64 spent = b[QLatin1String("spent")].toInteger();
                const QByteArray where = QStringLiteral("step %1 team %2 %3").arg(step).arg(team, currency).toUtf8();
                QVERIFY2(balance + spent == kBudgets.value(currency), where.constData());
                QVERIFY2(balance >= 0, where.constData());
                QVERIFY2(spent == squadSpent[currency], where.constData());
            }
            // The live events catch up with the GET (bounded wait), then must match it exactly.
            const qint64 squadRevision = squad.json[QLatin1String("revision")].toInteger();
            const qint64 walletRevision = wallet.json[QLatin1String("revision")].toInteger();
            if (m_squadRev.contains(team) || squadRevision > m_initialSquadRev.value(team))
                QTRY_COMPARE_WITH_TIMEOUT(m_squadRev.value(team), squadRevision, kTimeoutMs);
            if (m_walletRev.contains(team) || walletRevision > m_initialWalletRev.value(team)) {
                QTRY_COMPARE_WITH_TIMEOUT(m_walletRev.value(team), walletRevision, kTimeoutMs);
                for (const QJsonValue &b : wallet.json[QLatin1String("balances")].toArray()) {
                    const QString key = team + QLatin1Char('\n') + b[QLatin1String("currency_type")].toString();
                    if (m_lastBalance.contains(key))
                        QCOMPARE(m_lastBalance.value(key), b[QLatin1String("balance")].toInteger());
                }
            }
        }
        QVERIFY2(m_failure.isEmpty(), qPrintable(m_failure));
    }

    QHash<QString, qint64> m_initialSquadRev, m_initialWalletRev;

public:
    tst_ServerMoney() : m_rng(quint32(qEnvironmentVariableIntValue("LEAGUEDESK_MONEY_SEED")
                                          ? qEnvironmentVariableIntValue("LEAGUEDESK_MONEY_SEED") : 20261126)) { }

private Q_SLOTS:
    void initTestCase()
    {
        // No rate limit: this test fires thousands of requests per token.
        QVERIFY2(m_server.start(QStringList{QStringLiteral("--rate-limit"), QStringLiteral("0")}
                                + TestDatabase::freshDatabaseArgs()),
                 qPrintable(m_server.errorString()));
        m_teams = m_server.teamIds();
        m_teams.sort();
        for (const QString &team : std::as_const(m_teams)) {
            m_initialSquadRev[team] = get(QStringLiteral("/teams/%1/squad").arg(team)).json[QLatin1String("revision")].toInteger();
            m_initialWalletRev[team] = get(QStringLiteral("/teams/%1/wallet").arg(team)).json[QLatin1String("revision")].toInteger();
        }
        QObject::connect(&m_live, &QWebSocket::textMessageReceived, this, [this](const QString &t) { onFrame(t); });
        QUrl url = m_server.baseUrl();
        url.setScheme(QStringLiteral("ws"));
        url.setPath(QStringLiteral("/api/v1/live"));
        QNetworkRequest request(url);
        request.setRawHeader("Authorization", "Bearer " + m_server.adminToken().toUtf8());
        QSignalSpy connected(&m_live, &QWebSocket::connected);
        m_live.open(request);
        QVERIFY(connected.wait(kTimeoutMs));
        QSignalSpy frames(&m_live, &QWebSocket::textMessageReceived);
        int id = 0;
        for (const QString &team : std::as_const(m_teams))
            m_live.sendTextMessage(QString::fromUtf8(Protocol::ClientMessage::subscribe(++id, QStringLiteral("team:") + team).toJson()));
        m_live.sendTextMessage(QString::fromUtf8(Protocol::ClientMessage::subscribe(++id, QStringLiteral("tiebreakers")).toJson()));
        QTRY_VERIFY_WITH_TIMEOUT(frames.size() >= id, kTimeoutMs);
    }

    void randomOperations()
    {
        const int total = qEnvironmentVariableIsSet("LEAGUEDESK_MONEY_OPS") ? qEnvironmentVariableIntValue("LEAGUEDESK_MONEY_OPS")
                                                                           : 3000;
        QElapsedTimer timer;
        timer.start();
        int done = 0, step = 0, tiebreakerSteps = 0;
        QHash<int, int> statuses;
        while (done < total) {
            const QJsonArray rounds = get(QStringLiteral("/rounds")).json[QLatin1String("rounds")].toArray();
            const QJsonArray tiebreakers = get(QStringLiteral("/tiebreakers")).json[QLatin1String("tiebreakers")].toArray();
            tiebreakerSteps += tiebreakers.isEmpty() ? 0 : 1;
            QList<QNetworkReply *> batch;
            const int size = 1 + int(m_rng.bounded(8)); // up to 8 in flight at once
            for (int i = 0; i < size && done < total; ++i, ++done)
                batch.append(randomOperation(rounds, tiebreakers));
            for (const Answer &a : collect(batch)) {
                QVERIFY2(a.status > 0 && a.status < 500, qPrintable(QStringLiteral("status %1 at step %2").arg(a.status).arg(step)));
                ++statuses[a.status];
            }
            checkInvariants(++step);
            if (QTest::currentTestFailed())
                return;
        }
        qInfo("%d operations in %d batches (%d with active tiebreakers), %d events, %lld ms; statuses %s", done, step,
              tiebreakerSteps, m_events,
              timer.elapsed(), qPrintable([&] {
                  QStringList parts;
                  for (auto it = statuses.cbegin(); it != statuses.cend(); ++it)
                      parts.append(QStringLiteral("%1:%2").arg(it.key()).arg(it.value()));
                  parts.sort();
                  return parts.join(QLatin1Char(' '));
              }()));
        // The mix must really exercise the rules: successes and failures of several kinds.
        QVERIFY(statuses.value(201) > 0 && statuses.value(200) > 0 && statuses.value(409) > 0);
        QVERIFY(statuses.value(422) > 0 && statuses.value(404) > 0 && statuses.value(403) > 0);
    }
};

QTEST_GUILESS_MAIN(tst_ServerMoney)
#include "tst_server_money.moc"

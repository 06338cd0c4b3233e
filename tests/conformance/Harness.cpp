#include "Harness.h"

#include "server/TestDatabase.h"

#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray sealedBid(const QString &player, qint64 amount)
{
    return json({{QLatin1String("player_id"), player}, {QLatin1String("amount"), amount}});
}

QString isoIn(int seconds)
{
    return QDateTime::currentDateTimeUtc().addSecs(seconds).toString(Qt::ISODateWithMs);
}

Harness &Harness::instance()
{
    static Harness harness;
    return harness;
}

bool Harness::setUp(QStringList *arguments)
{
    if (!readTarget(arguments))
        return false;
    if (m_base.isEmpty() && !startOwnServer())
        return false;
    if (m_admin.isEmpty() || m_managers.size() < 3) {
        m_error = QStringLiteral("need an admin token and manager tokens for at least three teams");
        return false;
    }
    m_teams = m_managers.keys();
    const Answer me = get(QStringLiteral("/me"), m_admin);
    if (me.status != 200 || me.json.value(QLatin1String("role")).toString() != QLatin1String("admin")) {
        m_error = QStringLiteral("GET /me with the admin token answered %1 %2").arg(me.status).arg(QString::fromUtf8(me.body));
        return false;
    }
    // A 1.1 server adds events (round_bid on team channels) that the 1.0 checks must expect, and
    // the 1.1 checks run only against it.
    m_protocol11 = me.json.value(QLatin1String("protocol")).toString() == QLatin1String("1.1");
    return preparePool();
}

void Harness::tearDown()
{
    if (m_server)
        m_server->stop();
    m_server.reset();
}

bool Harness::readTarget(QStringList *arguments)
{
    auto option = [arguments](const QString &name, const char *env) {
        const qsizetype i = arguments->indexOf(name);
        if (i >= 0 && i + 1 < arguments->size()) {
            const QString value = arguments->at(i + 1);
            arguments->remove(i, 2);
            return value;
        }
        return qEnvironmentVariable(env);
    };
    const QString url = option(QStringLiteral("--url"), "LEAGUEDESK_CONFORMANCE_URL");
    const QString tokensFile = option(QStringLiteral("--tokens-file"), "LEAGUEDESK_CONFORMANCE_TOKENS_FILE");
    m_admin = option(QStringLiteral("--admin-token"), "LEAGUEDESK_CONFORMANCE_ADMIN_TOKEN");
    if (url.isEmpty())
        return true;
    m_base = QUrl(url);
    m_base.setPath({});
    if (!tokensFile.isEmpty()) {
        QFile file(tokensFile);
        if (!file.open(QIODevice::ReadOnly)) {
            m_error = QStringLiteral("cannot read %1").arg(tokensFile);
            return false;
        }
        const QJsonObject tokens = QJsonDocument::fromJson(file.readAll()).object();
        if (m_admin.isEmpty())
            m_admin = tokens.value(QLatin1String("admin")).toString();
        const QJsonObject managers = tokens.value(QLatin1String("managers")).toObject();
        for (auto it = managers.begin(); it != managers.end(); ++it)
            m_managers.insert(it.key(), it.value().toString());
    }
    return true;
}

bool Harness::startOwnServer()
{
    m_server = std::make_unique<ServerProcess>();
    // A rate limit the suite's own checks stay under (the 429 test exhausts one token), frozen
    // so that a drained bucket stays drained however slow the machine (each token gets BURST
    // requests in all), and a tiny live history so "recovered: false when too old" can be seen
    // without 5 minutes.
    QStringList args{QStringLiteral("--rate-limit"), QStringLiteral("100:1000"), QStringLiteral("--rate-limit-frozen"),
                     QStringLiteral("--history-retention"), QStringLiteral("8:0")};
    args += TestDatabase::freshDatabaseArgs();
    if (!m_server->start(args)) {
        m_error = m_server->errorString();
        return false;
    }
    m_base = m_server->baseUrl();
    m_admin = m_server->adminToken();
    for (const QString &team : m_server->teamIds())
        m_managers.insert(team, m_server->managerToken(team));
    return true;
}

Answer Harness::call(const QByteArray &verb, const QString &path, const QString &token, const QByteArray &body,
                     const Headers &headers, bool retryRateLimited)
{
    const QString full = path.startsWith(QLatin1String("//")) ? path.mid(1) : QStringLiteral("/api/v1") + path;
    for (int attempt = 0;; ++attempt) {
        QNetworkRequest request(m_base.resolved(QUrl(full)));
        if (!token.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
        if (!body.isEmpty())
            request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        for (const auto &[name, value] : headers)
            request.setRawHeader(name, value);
        QNetworkReply *reply = m_nam.sendCustomRequest(request, verb, body);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        Answer a;
        if (reply->isFinished() || finished.wait(kTimeoutMs)) {
            a.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            a.body = reply->readAll();
            a.json = QJsonDocument::fromJson(a.body).object();
            for (const auto &[name, value] : reply->rawHeaderPairs())
                a.headers.insert(name.toLower(), value);
        }
        reply->deleteLater();
        if (a.status != 429 || !retryRateLimited || attempt >= 3)
            return a;
        // The server asked us to come back later: honour Retry-After (bounded), then retry.
        const int seconds = std::clamp(a.header("Retry-After").toInt(), 1, 10);
        QTest::qWait(seconds * 1000);
    }
}

bool Harness::preparePool()
{
    const Answer rounds = get(QStringLiteral("/rounds"), m_admin);
    QJsonObject best;
    for (const QJsonValue &value : rounds.json.value(QLatin1String("rounds")).toArray()) {
        const QJsonObject round = value.toObject();
        if (round.value(QLatin1String("status")).toString() == QLatin1String("open")
            && round.value(QLatin1String("player_ids")).toArray().size()
                > best.value(QLatin1String("player_ids")).toArray().size())
            best = round;
    }
    if (best.value(QLatin1String("player_ids")).toArray().size() < 4) {
        m_error = QStringLiteral("the server needs an open round with at least four players");
        return false;
    }
    // Finalizing and deleting it leaves its players unsold and available: the suite's own pool.
    const QString id = best.value(QLatin1String("round_id")).toString();
    if (!finalize(id) || !deleteRound(id))
        return false;
    for (const QJsonValue &player : best.value(QLatin1String("player_ids")).toArray())
        m_pool.append(player.toString());
    m_position = best.value(QLatin1String("position")).toString();
    m_currency = best.value(QLatin1String("currency_type")).toString();
    return true;
}

QStringList Harness::takePlayers(int count)
{
    QStringList taken = m_pool.mid(0, count);
    m_pool.remove(0, taken.size());
    return taken;
}

QString Harness::createRound(const QStringList &players, const QString &closesAt)
{
    const QJsonObject body{{QLatin1String("position"), m_position},
                           {QLatin1String("currency_type"), m_currency},
                           {QLatin1String("player_ids"), QJsonArray::fromStringList(players)},
                           {QLatin1String("closes_at"), closesAt.isEmpty() ? isoIn(3600) : closesAt}};
    const Answer a = call("POST", QStringLiteral("/admin/rounds"), m_admin, json(body));
    const QString id = a.json.value(QLatin1String("round")).toObject().value(QLatin1String("round_id")).toString();
    if (a.status != 201 || id.isEmpty())
        m_error = QStringLiteral("POST /admin/rounds: %1 %2").arg(a.status).arg(QString::fromUtf8(a.body));
    return a.status == 201 ? id : QString();
}

bool Harness::finalize(const QString &roundId, QJsonObject *answer)
{
    const Answer a = call("POST", QStringLiteral("/admin/rounds/%1/finalize").arg(roundId), m_admin);
    if (answer)
        *answer = a.json;
    if (a.status != 200)
        m_error = QStringLiteral("finalize %1: %2 %3").arg(roundId).arg(a.status).arg(QString::fromUtf8(a.body));
    return a.status == 200;
}

bool Harness::deleteRound(const QString &roundId)
{
    const Answer a = call("DELETE", QStringLiteral("/admin/rounds/%1").arg(roundId), m_admin);
    if (a.status != 200)
        m_error = QStringLiteral("delete %1: %2 %3").arg(roundId).arg(a.status).arg(QString::fromUtf8(a.body));
    return a.status == 200;
}

QString Harness::createTiebreaker(const QString &player, qint64 amount, QString *roundId)
{
    *roundId = createRound({player});
    if (roundId->isEmpty())
        return {};
    const QByteArray bid = sealedBid(player, amount);
    for (const QString &team : {teamA(), teamB()}) {
        const Answer a = call("POST", QStringLiteral("/rounds/%1/bids").arg(*roundId), token(team), bid);
        if (a.status != 201) {
            m_error = QStringLiteral("sealed bid: %1 %2").arg(a.status).arg(QString::fromUtf8(a.body));
            return {};
        }
    }
    QJsonObject answer;
    if (!finalize(*roundId, &answer))
        return {};
    const QJsonArray tiebreakers = answer.value(QLatin1String("tiebreakers")).toArray();
    if (tiebreakers.size() != 1) {
        m_error = QStringLiteral("finalize with a tie opened %1 tiebreakers").arg(tiebreakers.size());
        return {};
    }
    return tiebreakers.at(0).toObject().value(QLatin1String("tiebreaker_id")).toString();
}

qint64 Harness::balance(const QString &team)
{
    const Answer a = get(QStringLiteral("/teams/%1/wallet").arg(team), m_admin);
    for (const QJsonValue &value : a.json.value(QLatin1String("balances")).toArray()) {
        if (value.toObject().value(QLatin1String("currency_type")).toString() == m_currency)
            return value.toObject().value(QLatin1String("balance")).toInteger();
    }
    return -1;
}

#pragma once

// The conformance suite's view of a server under test: where it is, its tokens, plain HTTP calls
// that expose every status and header, and a few league fixtures built only through PROTOCOL.md's
// own routes (so the suite runs against any implementation, not just leaguedesk-server).
//
// Target: LEAGUEDESK_CONFORMANCE_URL (or --url) plus LEAGUEDESK_CONFORMANCE_TOKENS_FILE (or
// --tokens-file; the `--tokens-out` JSON: {"admin": "...", "managers": {"TEAM": "..."}}) and/or
// LEAGUEDESK_CONFORMANCE_ADMIN_TOKEN (or --admin-token). Without a URL the suite starts the real
// leaguedesk-server itself on a fresh demo database (tests/support/ServerProcess.h).
//
// The server must hold a league the suite may change: an admin token, manager tokens for at
// least three teams, and one open round with at least four players. The suite finalizes and
// deletes that round to get players it controls, and builds its own rounds and tiebreakers.

#include "support/ServerProcess.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QNetworkAccessManager>
#include <QStringList>
#include <QUrl>

#include <memory>

struct Answer
{
    int status = 0; // 0: no answer within the bound
    QByteArray body;
    QJsonObject json;
    QHash<QByteArray, QByteArray> headers; // lower-case names
    QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
    QString code() const { return json.value(QLatin1String("error")).toObject().value(QLatin1String("code")).toString(); }
};

using Headers = QList<std::pair<QByteArray, QByteArray>>;

class Harness
{
public:
    static constexpr int kTimeoutMs = 10000;
    static inline const QByteArray kBadToken = QByteArrayLiteral("not-a-token-this-server-issued");

    static Harness &instance();

    // Reads the target from `arguments` (consumed ones are removed) and the environment, or
    // starts the server. False with lastError() when that fails.
    bool setUp(QStringList *arguments);
    void tearDown();

    QUrl baseUrl() const { return m_base; }
    bool ownServer() const { return m_server != nullptr; }
    QString admin() const { return m_admin; }
    QString token(const QString &team) const { return m_managers.value(team); }
    // Three teams with manager tokens: A and B take part in the suite's tiebreakers, C does not.
    QString teamA() const { return m_teams.value(0); }
    QString teamB() const { return m_teams.value(1); }
    QString teamC() const { return m_teams.value(2); }
    QString lastError() const { return m_error; }
    // GET /me announced "protocol": "1.1".
    bool protocol11() const { return m_protocol11; }
    // Events that a sealed bid adds to its team's channel: round_bid from a 1.1 server.
    int sealedBidEvents() const { return m_protocol11 ? 1 : 0; }

    // One request. `path` is under /api/v1 unless it starts with "//" (then it is the raw path).
    // A 429 is waited out (Retry-After, bounded) and retried unless `retryRateLimited` is false,
    // so route checks do not depend on the server's rate limit.
    Answer call(const QByteArray &verb, const QString &path, const QString &token, const QByteArray &body = {},
                const Headers &headers = {}, bool retryRateLimited = true);
    Answer get(const QString &path, const QString &token, const Headers &headers = {})
    {
        return call("GET", path, token, {}, headers);
    }

    // League fixtures (admin calls). Empty/false on failure, with lastError().
    QStringList takePlayers(int count);
    void returnPlayers(const QStringList &players) { m_pool += players; }
    QString currency() const { return m_currency; }
    QString position() const { return m_position; }
    // Players of the pool (the other suites' own); closesAt empty: an hour from now.
    QStringList pool() const { return m_pool; }
    QString createRound(const QStringList &players, const QString &closesAt = {});
    bool finalize(const QString &roundId, QJsonObject *answer = nullptr);
    bool deleteRound(const QString &roundId);
    // A round with `player`, equal sealed bids from A and B, finalized: the new tiebreaker's id.
    QString createTiebreaker(const QString &player, qint64 amount, QString *roundId);
    // The team's balance in the suite's currency (GET wallet, admin).
    qint64 balance(const QString &team);

private:
    bool readTarget(QStringList *arguments);
    bool startOwnServer();
    bool preparePool();

    QNetworkAccessManager m_nam;
    std::unique_ptr<ServerProcess> m_server;
    QUrl m_base;
    QString m_admin;
    QMap<QString, QString> m_managers;
    QStringList m_teams;
    QStringList m_pool;
    QString m_position;
    QString m_currency;
    QString m_error;
    bool m_protocol11 = false;
};

// The suites' short name for the one harness.
inline Harness &h()
{
    return Harness::instance();
}

QByteArray json(const QJsonObject &object);
// The body of a sealed bid (POST /rounds/{id}/bids).
QByteArray sealedBid(const QString &player, qint64 amount);
QString isoIn(int seconds); // RFC 3339 UTC, `seconds` from now

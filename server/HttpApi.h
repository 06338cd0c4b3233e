#pragma once

#include "IdempotencyStore.h"
#include "LeagueService.h"
#include "RateLimiter.h"
#include "RevisionBodyCache.h"
#include "TokenStore.h"

#include <protocol/ErrorCode.h>

#include <QHttpServerRequest>
#include <QJsonObject>
#include <QObject>

#include <functional>
#include <optional>

class Database;
class QHttpServer;
class QHttpServerResponse;

// The REST routes of PROTOCOL.md under /api/v1: authentication, error shape and precedence,
// ETag/304 for GETs, request logging. The live path is registered here only for a GET without a
// WebSocket upgrade (an error); upgrades are taken by TrackingTcpServer before QHttpServer.
class HttpApi : public QObject
{
    Q_OBJECT
public:
    static constexpr qsizetype kMaxBodyBytes = 64 * 1024;
    // Path ids longer than this, or with other characters than [A-Za-z0-9._-], answer 404 at once.
    static constexpr qsizetype kMaxIdLength = 64;
    // Requests over the rate limit still get their own errors first (PROTOCOL.md: 429 last), by
    // a dry run of the handler; those dry runs are limited per token too, beyond that 429 at once.
    static constexpr double kDryRunsPerSecond = 2;
    static constexpr double kDryRunBurst = 20;

    // Extra fields for GET /healthz (connection counts), filled by whoever owns the sockets.
    using HealthInfo = std::function<QJsonObject()>;

    HttpApi(QHttpServer &server, const TokenStore &tokens, LeagueService &league, const Database &db,
            RateLimiter &rateLimiter, HealthInfo healthInfo = {}, QObject *parent = nullptr);

    // What a handler answers: a status and a JSON body (errors use Protocol::errorBody).
    struct Reply
    {
        int status = 200;
        QJsonObject body;
    };
    // What a handler gets: the caller, the path argument (if the route has one), the JSON body.
    struct Context
    {
        const QHttpServerRequest &request;
        Principal who;
        QString arg;
        QJsonObject body;
        bool dryRun = false; // rate-limited: check and answer errors, change nothing, store nothing
        QString arg2;        // the second path argument, for routes with two
    };
    using Handler = std::function<Reply(const Context &)>;
    using Method = QHttpServerRequest::Method;
    // A GET whose body carries a `revision` that changes with every change of its representation
    // (squad, wallet): the ETag is built from kind, path argument and revision, so a matching
    // If-None-Match answers 304 after `revision` alone was read, without building the body.
    // `revision` answers nullopt when the caller would not get a 200 (then the handler says why).
    struct RevisionTag
    {
        QByteArray kind;
        std::function<std::optional<qint64>(const Context &)> revision;
    };

private:
    void registerRoutes();
    void addRoute(const QString &pattern, QList<std::pair<Method, Handler>> handlers);
    void addRoute1(const QString &pattern, QList<std::pair<Method, Handler>> handlers, RevisionTag tag = {});
    void addRoute2(const QString &pattern, QList<std::pair<Method, Handler>> handlers);
    QHttpServerResponse dispatch(const QHttpServerRequest &request, const QString &arg,
                                 const QList<std::pair<Method, Handler>> &handlers, const QString &arg2 = {},
                                 const RevisionTag &tag = {});
    QByteArray revisionEtag(const QByteArray &kind, const QString &arg, qint64 revision) const;
    std::optional<Principal> authenticate(const QHttpServerRequest &request) const;

    static Reply error(Protocol::ErrorCode code, const QString &message);

    Reply getMe(const Context &c);
    Reply getTeams(const Context &c);
    Reply getSquad(const Context &c);
    Reply getWallet(const Context &c);
    Reply getRounds(const Context &c);
    Reply getPlayers(const Context &c);
    Reply getRoundBids(const Context &c);
    Reply deleteBid(const Context &c);
    Reply getTiebreakers(const Context &c);
    Reply getTiebreaker(const Context &c);
    Reply postBid(const Context &c);
    Reply postRound(const Context &c);
    Reply postFinalize(const Context &c);
    Reply deleteRound(const Context &c);
    Reply postTiebreakerBid(const Context &c);
    Reply postResolve(const Context &c);
    QHttpServerResponse health(const QHttpServerRequest &request);

    // A write that honours Idempotency-Key: `write` runs the change with the BeforeCommit that
    // stores its answer (empty without a key); a repeat gets the stored answer.
    using Write = std::function<Reply(const LeagueService::BeforeCommit &)>;
    Reply idempotent(const Context &c, int okStatus, const Write &write);

    QHttpServer &m_server;
    const TokenStore &m_tokens;
    LeagueService &m_league;
    const Database &m_db;
    IdempotencyStore m_idempotency;
    RateLimiter &m_rateLimiter;
    RateLimiter m_dryRunLimiter;
    HealthInfo m_healthInfo;
    RevisionBodyCache m_bodies;
    qint64 m_requests = 0;
    // Part of every revision ETag: a fresh database (or another server build) starts its
    // revisions at 1 again, and a client's stored ETag from before must not match those.
    QByteArray m_etagEpoch;
};

#include "HttpApi.h"

#include "Database.h"
#include "HttpCompat.h"
#include "LeagueService.h"
#include "LogLimits.h"
#include "Logging.h"

#include <protocol/JsonReader.h>
#include <protocol/Me.h>
#include <protocol/Timestamp.h>

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QHttpServer>
#include <QHttpServerResponse>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QMetaEnum>
#include <QRandomGenerator>

#include <algorithm>

#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
#endif

using Protocol::ErrorCode;

namespace {

const QByteArray kJson = QByteArrayLiteral("application/json");

QByteArray methodName(QHttpServerRequest::Method method)
{
    return QByteArray(QMetaEnum::fromType<QHttpServerRequest::Method>().valueToKey(int(method))).toUpper();
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QHttpServerResponder::StatusCode statusCode(int status)
{
    return static_cast<QHttpServerResponder::StatusCode>(status);
}

// A strong validator: the body's hash. Equal bodies are byte-identical, so the ETag is too.
QByteArray etagFor(const QByteArray &body)
{
    return '"' + QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex().left(32) + '"';
}

// If-None-Match uses weak comparison (RFC 9110 13.1.2): W/ prefixes are ignored, lists and * allowed.
bool etagMatches(const QByteArray &ifNoneMatch, const QByteArray &etag)
{
    const QList<QByteArray> candidates = ifNoneMatch.split(',');
    for (QByteArray candidate : candidates) {
        candidate = candidate.trimmed();
        if (candidate == "*")
            return true;
        if (candidate.startsWith("W/"))
            candidate = candidate.mid(2);
        if (candidate == etag)
            return true;
    }
    return false;
}

// Unauthenticated requests cost nothing to send, so their lines are throttled; every line cuts
// the client's path to LogLimits::kMaxClientText.
LogThrottle &unauthenticatedLog()
{
    static LogThrottle throttle(20);
    return throttle;
}

void logRequest(const QHttpServerRequest &request, int status, const QElapsedTimer &timer)
{
    qint64 suppressed = 0;
    if (status == 401 && !unauthenticatedLog().allow(&suppressed))
        return;
    // Never the Authorization header: only method, path, status and time.
    const QString skipped = suppressed > 0
        ? QStringLiteral(" (%1 unauthenticated requests not logged)").arg(suppressed)
        : QString();
    qCInfo(lcHttp).noquote() << methodName(request.method()) << LogLimits::clientText(request.url().path()) << status
                             << QStringLiteral("%1ms").arg(timer.elapsed()) + skipped;
}

// Team, round, player and tiebreaker ids are short and plain (SSPSLT0001, R0004, TB0002).
bool plausibleId(const QString &id)
{
    return !id.isEmpty() && id.size() <= HttpApi::kMaxIdLength && std::all_of(id.cbegin(), id.cend(), [](QChar c) {
        return c.unicode() < 128
            && (c.isLetterOrNumber() || c == QLatin1Char('-') || c == QLatin1Char('_') || c == QLatin1Char('.'));
    });
}

} // namespace

HttpApi::HttpApi(QHttpServer &server, const TokenStore &tokens, LeagueService &league, const Database &db,
                 RateLimiter &rateLimiter, HealthInfo healthInfo, QObject *parent)
    : QObject(parent), m_server(server), m_tokens(tokens), m_league(league), m_db(db), m_idempotency(db),
      m_rateLimiter(rateLimiter),
      m_dryRunLimiter(rateLimiter.enabled() ? kDryRunsPerSecond : 0, kDryRunBurst),
      m_healthInfo(std::move(healthInfo)),
      m_etagEpoch(QByteArray::number(QRandomGenerator::system()->generate64(), 36))
{
    if (m_rateLimiter.frozen())
        m_dryRunLimiter.freezeRefill(); // tests: both budgets stand still

    registerRoutes();
}

HttpApi::Reply HttpApi::error(ErrorCode code, const QString &message)
{
    return {Protocol::httpStatus(code), Protocol::errorBody(code, message)};
}

std::optional<Principal> HttpApi::authenticate(const QHttpServerRequest &request) const
{
    return m_tokens.lookup(TokenStore::bearerToken(HttpCompat::header(request, "Authorization")));
}

QByteArray HttpApi::revisionEtag(const QByteArray &kind, const QString &arg, qint64 revision) const
{
    // arg passed plausibleId ([A-Za-z0-9._-]), so it is safe inside the quotes.
    return '"' + kind + '-' + arg.toLatin1() + '-' + QByteArray::number(revision) + '-' + m_etagEpoch + '"';
}

QHttpServerResponse HttpApi::dispatch(const QHttpServerRequest &request, const QString &arg,
                                      const QList<std::pair<Method, Handler>> &handlers, const QString &arg2,
                                      const RevisionTag &tag)
{
    QElapsedTimer timer;
    timer.start();
    Reply reply;
    int retryAfter = 0;
    QByteArray notModified; // the ETag of a 304 decided by revision alone
    QByteArray cachedBody;  // a 200 answered from m_bodies
    std::optional<qint64> cacheAs; // the handler's body is stored in m_bodies under this revision
    ++m_requests;
    try {
        // Precedence from PROTOCOL.md: 401, 413, (404 route), 405, 400, then the handler's own
        // (400, 403, 404, 409, 422), and 429 last.
        const std::optional<Principal> who = authenticate(request);
        const Handler *handler = nullptr;
        for (const auto &[method, h] : handlers) {
            if (method == request.method())
                handler = &h;
        }
        QJsonObject body;
        if (!who) {
            reply = error(ErrorCode::Unauthorized, QStringLiteral("missing or unknown bearer token"));
        } else if (request.body().size() > kMaxBodyBytes) {
            reply = error(ErrorCode::TooLarge, QStringLiteral("request bodies are limited to 64 KiB"));
        } else if (!handler) {
            reply = error(ErrorCode::MethodNotAllowed, QStringLiteral("method not allowed on this path"));
        } else {
            bool bodyOk = true;
            if (!request.body().trimmed().isEmpty()) {
                QJsonParseError parseError;
                const QJsonDocument document = QJsonDocument::fromJson(request.body(), &parseError);
                bodyOk = parseError.error == QJsonParseError::NoError && document.isObject();
                body = document.object();
            }
            if (!bodyOk) {
                reply = error(ErrorCode::BadRequest, QStringLiteral("the body must be one JSON object"));
            } else if ((!arg.isNull() && !plausibleId(arg)) || (!arg2.isNull() && !plausibleId(arg2))) {
                // After 405 and 400 (PROTOCOL.md's order), before anything is looked up or stored:
                // no id of ours looks like this, so 404 tells a manager nothing a 403 would hide.
                reply = error(ErrorCode::NotFound, QStringLiteral("no such resource"));
            } else {
                const RateLimiter::Decision limit = m_rateLimiter.take(who->tokenHash);
                if (limit.allowed) {
                    const Context context{request, *who, arg, body, false, arg2};
                    std::optional<qint64> revision;
                    if (request.method() == Method::Get && tag.revision)
                        revision = tag.revision(context);
                    std::optional<QByteArray> cached;
                    if (revision && etagMatches(HttpCompat::header(request, "If-None-Match"),
                                                revisionEtag(tag.kind, arg, *revision))) {
                        notModified = revisionEtag(tag.kind, arg, *revision);
                    } else if (revision && (cached = m_bodies.find(tag.kind, arg, *revision))) {
                        cachedBody = *cached;
                        reply.body.insert(QLatin1String("revision"), *revision); // for the ETag below
                    } else {
                        reply = (*handler)(context);
                        // Stored only when the revision read before the handler, the body's own and
                        // one read after agree: on PostgreSQL the handler's queries need not share
                        // one snapshot, and a change committed in between must not be cached under
                        // the older revision.
                        if (revision && reply.status == 200
                            && reply.body.value(QLatin1String("revision")).toInteger(-1) == *revision
                            && tag.revision(context) == revision)
                            cacheAs = revision;
                    }
                } else if (!m_dryRunLimiter.take(who->tokenHash).allowed) {
                    // Over the limit and out of dry runs too: refused before any work.
                    reply = error(ErrorCode::RateLimited, QStringLiteral("too many requests; retry later"));
                    retryAfter = limit.retryAfterSeconds;
                } else {
                    // Over the limit: the request's own errors still come first (PROTOCOL.md), so
                    // run it as a dry run (rolled back, nothing published or stored) and answer
                    // 429 only if it would have succeeded. Dry runs have their own small budget.
                    LeagueService::DryRun dryRun(m_league);
                    reply = (*handler)(Context{request, *who, arg, body, true, arg2});
                    if (reply.status < 400) {
                        reply = error(ErrorCode::RateLimited, QStringLiteral("too many requests; retry later"));
                        retryAfter = limit.retryAfterSeconds;
                    }
                }
            }
        }
    } catch (const DbError &e) {
        qCWarning(lcDb) << "request failed:" << e.what();
        reply = error(ErrorCode::Internal, QStringLiteral("internal error"));
    }

    if (!notModified.isEmpty()) {
        QHttpServerResponse response(QHttpServerResponder::StatusCode::NotModified);
        HttpCompat::setHeader(response, "ETag", notModified);
        logRequest(request, 304, timer);
        return response;
    }
    const QByteArray bytes = cachedBody.isNull() ? compact(reply.body) : cachedBody;
    if (cacheAs)
        m_bodies.store(tag.kind, arg, *cacheAs, bytes);
    if (request.method() == Method::Get && reply.status == 200) {
        const QJsonValue revision = reply.body.value(QLatin1String("revision"));
        const QByteArray etag = tag.revision && revision.isDouble()
            ? revisionEtag(tag.kind, arg, revision.toInteger())
            : etagFor(bytes);
        if (etagMatches(HttpCompat::header(request, "If-None-Match"), etag)) {
            QHttpServerResponse notModified(QHttpServerResponder::StatusCode::NotModified);
            HttpCompat::setHeader(notModified, "ETag", etag);
            logRequest(request, 304, timer);
            return notModified;
        }
        QHttpServerResponse response(kJson, bytes, statusCode(reply.status));
        HttpCompat::setHeader(response, "ETag", etag);
        HttpCompat::setHeader(response, "Cache-Control", "no-cache");
        logRequest(request, reply.status, timer);
        return response;
    }
    QHttpServerResponse response(kJson, bytes, statusCode(reply.status));
    if (retryAfter > 0)
        HttpCompat::setHeader(response, "Retry-After", QByteArray::number(retryAfter));
    if (reply.status == 405) {
        QByteArrayList allowed;
        for (const auto &entry : handlers)
            allowed.append(methodName(entry.first));
        HttpCompat::setHeader(response, "Allow", allowed.join(", "));
    }
    logRequest(request, reply.status, timer);
    return response;
}

QHttpServerResponse HttpApi::health(const QHttpServerRequest &request)
{
    QElapsedTimer timer;
    timer.start();
    if (request.method() != Method::Get) {
        QHttpServerResponse response(kJson, compact(Protocol::errorBody(ErrorCode::MethodNotAllowed,
                                                                        QStringLiteral("GET only"))),
                                     statusCode(405));
        HttpCompat::setHeader(response, "Allow", "GET");
        logRequest(request, 405, timer);
        return response;
    }
    const bool dbOk = m_db.ping();
    QJsonObject body{{QLatin1String("status"), dbOk ? QStringLiteral("ok") : QStringLiteral("degraded")},
                     {QLatin1String("db"), dbOk ? QStringLiteral("ok") : QStringLiteral("error")},
                     {QLatin1String("requests"), m_requests},
                     {QLatin1String("body_cache"), QJsonObject{{QLatin1String("hits"), m_bodies.hits()},
                                                               {QLatin1String("misses"), m_bodies.misses()},
                                                               {QLatin1String("entries"), m_bodies.size()}}}};
    if (m_healthInfo) {
        const QJsonObject extra = m_healthInfo();
        for (auto it = extra.begin(); it != extra.end(); ++it)
            body.insert(it.key(), it.value());
    }
    const int status = dbOk ? 200 : 503;
    QHttpServerResponse response(kJson, compact(body), statusCode(status));
    HttpCompat::setHeader(response, "Cache-Control", "no-store");
    logRequest(request, status, timer);
    return response;
}

void HttpApi::addRoute(const QString &pattern, QList<std::pair<Method, Handler>> handlers)
{
    m_server.route(pattern, [this, handlers](const QHttpServerRequest &request) {
        return dispatch(request, {}, handlers);
    });
}

void HttpApi::addRoute1(const QString &pattern, QList<std::pair<Method, Handler>> handlers, RevisionTag tag)
{
    m_server.route(pattern, [this, handlers, tag](const QString &arg, const QHttpServerRequest &request) {
        return dispatch(request, arg, handlers, {}, tag);
    });
}

void HttpApi::addRoute2(const QString &pattern, QList<std::pair<Method, Handler>> handlers)
{
    m_server.route(pattern, [this, handlers](const QString &arg, const QString &arg2, const QHttpServerRequest &request) {
        return dispatch(request, arg, handlers, arg2);
    });
}

void HttpApi::registerRoutes()
{
    auto bind = [this](Reply (HttpApi::*fn)(const Context &)) {
        return Handler([this, fn](const Context &c) { return (this->*fn)(c); });
    };
    addRoute(QStringLiteral("/api/v1/me"), {{Method::Get, bind(&HttpApi::getMe)}});
    addRoute(QStringLiteral("/api/v1/teams"), {{Method::Get, bind(&HttpApi::getTeams)}});
    // Squad and wallet look the same to every caller allowed to read them, and their revisions
    // grow with every change (PROTOCOL.md), so they get revision ETags.
    using ReadRevision = std::optional<qint64> (LeagueReader::*)(const QString &) const;
    auto teamRevision = [this](ReadRevision read) {
        return [this, read](const Context &c) -> std::optional<qint64> {
            if (!c.who.mayAccessTeam(c.arg))
                return std::nullopt; // 403 from the handler
            return (m_league.reader().*read)(c.arg);
        };
    };
    addRoute1(QStringLiteral("/api/v1/teams/<arg>/squad"), {{Method::Get, bind(&HttpApi::getSquad)}},
              {QByteArrayLiteral("squad"), teamRevision(&LeagueReader::squadRevision)});
    addRoute1(QStringLiteral("/api/v1/teams/<arg>/wallet"), {{Method::Get, bind(&HttpApi::getWallet)}},
              {QByteArrayLiteral("wallet"), teamRevision(&LeagueReader::walletRevision)});
    addRoute(QStringLiteral("/api/v1/rounds"), {{Method::Get, bind(&HttpApi::getRounds)}});
    addRoute1(QStringLiteral("/api/v1/rounds/<arg>/bids"),
              {{Method::Get, bind(&HttpApi::getRoundBids)}, {Method::Post, bind(&HttpApi::postBid)}});
    // Protocol 1.1.
    addRoute2(QStringLiteral("/api/v1/rounds/<arg>/bids/<arg>"), {{Method::Delete, bind(&HttpApi::deleteBid)}});
    addRoute(QStringLiteral("/api/v1/players"), {{Method::Get, bind(&HttpApi::getPlayers)}});
    addRoute(QStringLiteral("/api/v1/admin/rounds"), {{Method::Post, bind(&HttpApi::postRound)}});
    addRoute1(QStringLiteral("/api/v1/admin/rounds/<arg>/finalize"), {{Method::Post, bind(&HttpApi::postFinalize)}});
    addRoute1(QStringLiteral("/api/v1/admin/rounds/<arg>"), {{Method::Delete, bind(&HttpApi::deleteRound)}});
    addRoute1(QStringLiteral("/api/v1/admin/tiebreakers/<arg>/resolve"), {{Method::Post, bind(&HttpApi::postResolve)}});
    addRoute(QStringLiteral("/api/v1/tiebreakers"), {{Method::Get, bind(&HttpApi::getTiebreakers)}});
    addRoute1(QStringLiteral("/api/v1/tiebreakers/<arg>"), {{Method::Get, bind(&HttpApi::getTiebreaker)}});
    addRoute1(QStringLiteral("/api/v1/tiebreakers/<arg>/bids"), {{Method::Post, bind(&HttpApi::postTiebreakerBid)}});
    // Operations: no authentication, no rate limit (load balancers and monitoring poll it).
    m_server.route(QStringLiteral("/healthz"), [this](const QHttpServerRequest &request) { return health(request); });

    // The live channel. Its WebSocket upgrades never get here: TrackingTcpServer answers them
    // before QHttpServer sees them and hands the socket to LiveHub. A plain GET (or any other
    // Upgrade, h2c, ...) gets an error.
    auto plainLive = [this](const QHttpServerRequest &request, HttpCompat::Responder responder) {
        QElapsedTimer timer;
        timer.start();
        const Reply reply = authenticate(request)
            ? error(ErrorCode::BadRequest, QStringLiteral("the live channel needs a WebSocket upgrade"))
            : error(ErrorCode::Unauthorized, QStringLiteral("missing or unknown bearer token"));
        responder.write(compact(reply.body), kJson, statusCode(reply.status));
        logRequest(request, reply.status, timer);
    };
    m_server.route(QStringLiteral("/api/v1/live"), plainLive);


    auto missing = [this](const QHttpServerRequest &request, HttpCompat::Responder responder) {
        QElapsedTimer timer;
        timer.start();
        Reply reply;
        try {
            // Precedence (PROTOCOL.md): 401, then 413, then 404 for the unknown route.
            if (!authenticate(request))
                reply = error(ErrorCode::Unauthorized, QStringLiteral("missing or unknown bearer token"));
            else if (request.body().size() > kMaxBodyBytes)
                reply = error(ErrorCode::TooLarge, QStringLiteral("request bodies are limited to 64 KiB"));
            else
                reply = error(ErrorCode::NotFound, QStringLiteral("no such route"));
        } catch (const DbError &e) {
            qCWarning(lcDb) << "request failed:" << e.what();
            reply = error(ErrorCode::Internal, QStringLiteral("internal error"));
        }
        responder.write(compact(reply.body), kJson, statusCode(reply.status));
        logRequest(request, reply.status, timer);
    };
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
    m_server.setMissingHandler(this, missing);
#else
    m_server.setMissingHandler(missing);
#endif
}

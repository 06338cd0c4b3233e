#include "ErrorCode.h"

#include <QJsonDocument>

namespace Protocol {

QString errorCodeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::BadRequest: return QStringLiteral("bad_request");
    case ErrorCode::Unauthorized: return QStringLiteral("unauthorized");
    case ErrorCode::Forbidden: return QStringLiteral("forbidden");
    case ErrorCode::NotFound: return QStringLiteral("not_found");
    case ErrorCode::MethodNotAllowed: return QStringLiteral("method_not_allowed");
    case ErrorCode::BidTooLow: return QStringLiteral("bid_too_low");
    case ErrorCode::TiebreakerClosed: return QStringLiteral("tiebreaker_closed");
    case ErrorCode::RoundClosed: return QStringLiteral("round_closed");
    case ErrorCode::PlayerUnavailable: return QStringLiteral("player_unavailable");
    case ErrorCode::TooLarge: return QStringLiteral("too_large");
    case ErrorCode::InsufficientFunds: return QStringLiteral("insufficient_funds");
    case ErrorCode::IdempotencyMismatch: return QStringLiteral("idempotency_mismatch");
    case ErrorCode::RateLimited: return QStringLiteral("rate_limited");
    case ErrorCode::BadChannel: return QStringLiteral("bad_channel");
    case ErrorCode::Internal: return QStringLiteral("internal");
    }
    return QStringLiteral("internal");
}

int httpStatus(ErrorCode code)
{
    switch (code) {
    case ErrorCode::BadRequest: return 400;
    case ErrorCode::BadChannel: return 400;
    case ErrorCode::Unauthorized: return 401;
    case ErrorCode::Forbidden: return 403;
    case ErrorCode::NotFound: return 404;
    case ErrorCode::MethodNotAllowed: return 405;
    case ErrorCode::BidTooLow:
    case ErrorCode::TiebreakerClosed:
    case ErrorCode::RoundClosed:
    case ErrorCode::PlayerUnavailable: return 409;
    case ErrorCode::TooLarge: return 413;
    case ErrorCode::InsufficientFunds:
    case ErrorCode::IdempotencyMismatch: return 422;
    case ErrorCode::RateLimited: return 429;
    case ErrorCode::Internal: return 500;
    }
    return 500;
}

QJsonObject errorBody(ErrorCode code, const QString &message)
{
    return QJsonObject{{QStringLiteral("error"),
                        QJsonObject{{QStringLiteral("code"), errorCodeName(code)},
                                    {QStringLiteral("message"), message}}}};
}

ErrorAnswer parseErrorBody(const QByteArray &body)
{
    const QJsonObject error = QJsonDocument::fromJson(body).object().value(QLatin1String("error")).toObject();
    const QJsonValue code = error.value(QLatin1String("code"));
    if (!code.isString())
        return {};
    return {code.toString(), error.value(QLatin1String("message")).toString()};
}

} // namespace Protocol

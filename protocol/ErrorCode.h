#pragma once

#include <QJsonObject>
#include <QString>

namespace Protocol {

// Error codes from PROTOCOL.md, with the HTTP status each one answers with.
enum class ErrorCode {
    BadRequest,
    Unauthorized,
    Forbidden,
    NotFound,
    MethodNotAllowed,
    BidTooLow,
    TiebreakerClosed,
    RoundClosed,
    PlayerUnavailable,
    TooLarge,
    InsufficientFunds,
    IdempotencyMismatch,
    RateLimited,
    BadChannel,
    Internal,
};

QString errorCodeName(ErrorCode code);
int httpStatus(ErrorCode code);

// {"error": {"code": "...", "message": "..."}}
QJsonObject errorBody(ErrorCode code, const QString &message);

// The client's view of an error answer: the code as sent (servers may grow new ones) and the
// message. An answer that is not in the error shape gives an empty code.
struct ErrorAnswer
{
    QString code;
    QString message;
};
ErrorAnswer parseErrorBody(const QByteArray &body);

} // namespace Protocol

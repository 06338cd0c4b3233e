#pragma once

#include <QDateTime>
#include <QString>

namespace Protocol {

// PROTOCOL.md: output times are RFC 3339 UTC with milliseconds ("2026-11-26T14:03:07.412Z");
// input accepts "Z" or an offset, milliseconds optional.
QString formatTimestamp(const QDateTime &time);
QDateTime parseTimestamp(const QString &text); // invalid QDateTime when the text is not RFC 3339

} // namespace Protocol

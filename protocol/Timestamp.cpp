#include "Timestamp.h"

#include <QRegularExpression>
#include <QTimeZone>

namespace Protocol {

QString formatTimestamp(const QDateTime &time)
{
    return time.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz")) + QLatin1Char('Z');
}

QDateTime parseTimestamp(const QString &text)
{
    // Qt::ISODateWithMs accepts more than RFC 3339 (no zone, week dates), so check the shape first.
    static const QRegularExpression shape(QStringLiteral(
        R"(^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$)"));
    if (!shape.match(text).hasMatch())
        return {};
    QString normalized = text;
    // Qt parses at most milliseconds; cut longer fractions instead of rejecting them.
    static const QRegularExpression longFraction(QStringLiteral(R"((\.\d{3})\d+)"));
    normalized.replace(longFraction, QStringLiteral("\\1"));
    QDateTime parsed = QDateTime::fromString(normalized, Qt::ISODateWithMs);
    if (!parsed.isValid())
        return {};
    // RFC 3339 has four-digit years: an offset that moves the instant out of 0001-9999 (e.g.
    // 9999-12-31T23:59:59-23:59) could not be written back, so it is not a valid time either.
    const QDateTime utc = parsed.toUTC();
    if (utc.date().year() < 1 || utc.date().year() > 9999)
        return {};
    return utc;
}

} // namespace Protocol

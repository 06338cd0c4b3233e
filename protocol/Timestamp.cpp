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
    return parsed.toUTC();
}

} // namespace Protocol

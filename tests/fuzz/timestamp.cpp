// RFC 3339 timestamps as both sides read them: whatever parses must format back to a string
// that parses to the same instant (PROTOCOL.md: milliseconds always present on output).
#include "FuzzTarget.h"

#include <protocol/Timestamp.h>

#include <QDateTime>
#include <QString>

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const QDateTime parsed = Protocol::parseTimestamp(text);
    if (!parsed.isValid())
        return 0;
    const QString formatted = Protocol::formatTimestamp(parsed);
    FUZZ_CHECK(formatted.endsWith(QLatin1Char('Z')));
    const QDateTime again = Protocol::parseTimestamp(formatted);
    FUZZ_CHECK(again.isValid());
    FUZZ_CHECK(again == parsed);
    FUZZ_CHECK(Protocol::formatTimestamp(again) == formatted);
    return 0;
}

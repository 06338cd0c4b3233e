#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace Protocol {

// Reads typed fields from a JSON object and remembers the first problem, so a parser can read
// every field in a row and check once. Numbers must be integers within JSON's exact range
// (money and revisions are integers, never floats).
class JsonReader
{
public:
    JsonReader(const QJsonObject &object, QString context);

    QString string(QLatin1StringView key);
    QString optionalString(QLatin1StringView key); // absent or null gives an empty string
    qint64 integer(QLatin1StringView key);
    std::optional<qint64> optionalInteger(QLatin1StringView key); // absent or null gives nullopt
    bool boolean(QLatin1StringView key);
    QJsonObject object(QLatin1StringView key);
    QJsonArray array(QLatin1StringView key);
    QStringList stringList(QLatin1StringView key);
    bool has(QLatin1StringView key) const;

    void fail(const QString &message);
    bool ok() const { return m_error.isEmpty(); }
    const QString &error() const { return m_error; }

    // Exact-integer check shared with other parsers: JSON doubles can hold integers up to 2^53.
    static bool toExactInteger(const QJsonValue &value, qint64 *out);

private:
    QJsonValue required(QLatin1StringView key, QJsonValue::Type type, const char *typeName);

    QJsonObject m_object;
    QString m_context;
    QString m_error;
};

} // namespace Protocol

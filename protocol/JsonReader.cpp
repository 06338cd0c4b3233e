#include "JsonReader.h"

#include <cmath>

namespace Protocol {

JsonReader::JsonReader(const QJsonObject &object, QString context)
    : m_object(object), m_context(std::move(context))
{
}

bool JsonReader::has(QLatin1StringView key) const
{
    return m_object.contains(key);
}

void JsonReader::fail(const QString &message)
{
    if (m_error.isEmpty())
        m_error = m_context.isEmpty() ? message : m_context + QLatin1String(": ") + message;
}

QJsonValue JsonReader::required(QLatin1StringView key, QJsonValue::Type type, const char *typeName)
{
    const QJsonValue value = m_object.value(key);
    if (value.isUndefined()) {
        fail(QStringLiteral("missing field \"%1\"").arg(key));
        return {};
    }
    if (value.type() != type) {
        fail(QStringLiteral("field \"%1\" must be %2").arg(key, QLatin1String(typeName)));
        return {};
    }
    return value;
}

QString JsonReader::string(QLatin1StringView key)
{
    return required(key, QJsonValue::String, "a string").toString();
}

QString JsonReader::optionalString(QLatin1StringView key)
{
    const QJsonValue value = m_object.value(key);
    if (value.isUndefined() || value.isNull())
        return {};
    if (!value.isString()) {
        fail(QStringLiteral("field \"%1\" must be a string or null").arg(key));
        return {};
    }
    return value.toString();
}

bool JsonReader::toExactInteger(const QJsonValue &value, qint64 *out)
{
    if (!value.isDouble())
        return false;
    const double d = value.toDouble();
    constexpr double limit = 9007199254740992.0; // 2^53
    if (!std::isfinite(d) || std::trunc(d) != d || std::fabs(d) > limit)
        return false;
    *out = static_cast<qint64>(d);
    return true;
}

qint64 JsonReader::integer(QLatin1StringView key)
{
    const QJsonValue value = m_object.value(key);
    if (value.isUndefined()) {
        fail(QStringLiteral("missing field \"%1\"").arg(key));
        return 0;
    }
    qint64 result = 0;
    if (!toExactInteger(value, &result)) {
        fail(QStringLiteral("field \"%1\" must be an integer").arg(key));
        return 0;
    }
    return result;
}

std::optional<qint64> JsonReader::optionalInteger(QLatin1StringView key)
{
    const QJsonValue value = m_object.value(key);
    if (value.isUndefined() || value.isNull())
        return std::nullopt;
    qint64 result = 0;
    if (!toExactInteger(value, &result)) {
        fail(QStringLiteral("field \"%1\" must be an integer or null").arg(key));
        return std::nullopt;
    }
    return result;
}

bool JsonReader::boolean(QLatin1StringView key)
{
    return required(key, QJsonValue::Bool, "a boolean").toBool();
}

QJsonObject JsonReader::object(QLatin1StringView key)
{
    return required(key, QJsonValue::Object, "an object").toObject();
}

QJsonArray JsonReader::array(QLatin1StringView key)
{
    return required(key, QJsonValue::Array, "an array").toArray();
}

QStringList JsonReader::stringList(QLatin1StringView key)
{
    const QJsonArray items = array(key);
    QStringList result;
    result.reserve(items.size());
    for (const QJsonValue &item : items) {
        if (!item.isString()) {
            fail(QStringLiteral("field \"%1\" must hold only strings").arg(key));
            return {};
        }
        result.append(item.toString());
    }
    return result;
}

} // namespace Protocol

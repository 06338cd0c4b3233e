#include "Me.h"

#include "JsonReader.h"

namespace Protocol {

QJsonObject Me::toJson() const
{
    QJsonObject object{{QLatin1String("role"), role == Role::Admin ? QLatin1String("admin") : QLatin1String("manager")},
                       {QLatin1String("name"), name}};
    if (role == Role::Manager)
        object.insert(QLatin1String("team_id"), teamId);
    if (!protocol.isEmpty())
        object.insert(QLatin1String("protocol"), protocol);
    return object;
}

Parsed<Me> parseMe(const QJsonObject &object)
{
    JsonReader reader(object, QStringLiteral("me"));
    Me me;
    const QString role = reader.string(QLatin1String("role"));
    me.name = reader.string(QLatin1String("name"));
    me.protocol = reader.optionalString(QLatin1String("protocol"));
    if (reader.ok()) {
        if (role == QLatin1String("admin")) {
            me.role = Me::Role::Admin;
            me.teamId = reader.optionalString(QLatin1String("team_id"));
        } else if (role == QLatin1String("manager")) {
            me.role = Me::Role::Manager;
            me.teamId = reader.string(QLatin1String("team_id"));
        } else {
            reader.fail(QStringLiteral("unknown role \"%1\"").arg(role));
        }
    }
    if (!reader.ok())
        return Parsed<Me>::fail(reader.error());
    return Parsed<Me>::ok(std::move(me));
}

} // namespace Protocol

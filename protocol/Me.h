#pragma once

#include "Parsed.h"

#include <QJsonObject>
#include <QString>

namespace Protocol {

// GET /me: who the token belongs to.
struct Me
{
    enum class Role { Manager, Admin };
    Role role = Role::Manager;
    QString teamId; // empty for admins
    QString name;
    // "1.1" from a server with the 1.1 additions; empty from a 1.0 server (no `protocol` field).
    QString protocol;

    QJsonObject toJson() const;
};

Parsed<Me> parseMe(const QJsonObject &object);

} // namespace Protocol

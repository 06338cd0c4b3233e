#include "Channel.h"

namespace Protocol {

bool isValidId(const QString &id)
{
    if (id.isEmpty() || id.size() > 64)
        return false;
    for (const QChar c : id) {
        if (!(c.isLetterOrNumber() && c.unicode() < 128) && c != QLatin1Char('-') && c != QLatin1Char('_'))
            return false;
    }
    return true;
}

std::optional<Channel> Channel::parse(const QString &name)
{
    if (name == QLatin1String("tiebreakers"))
        return allTiebreakers();
    if (name == QLatin1String("rounds"))
        return rounds();
    const qsizetype colon = name.indexOf(QLatin1Char(':'));
    if (colon < 0)
        return std::nullopt;
    const QString prefix = name.left(colon);
    const QString id = name.mid(colon + 1);
    if (!isValidId(id))
        return std::nullopt;
    if (prefix == QLatin1String("team"))
        return team(id);
    if (prefix == QLatin1String("tiebreaker"))
        return tiebreaker(id);
    return std::nullopt;
}

QString Channel::name() const
{
    switch (m_kind) {
    case Kind::Team:
        return QLatin1String("team:") + m_id;
    case Kind::Tiebreaker:
        return QLatin1String("tiebreaker:") + m_id;
    case Kind::AllTiebreakers:
        return QStringLiteral("tiebreakers");
    case Kind::Rounds:
        return QStringLiteral("rounds");
    }
    return {};
}

} // namespace Protocol

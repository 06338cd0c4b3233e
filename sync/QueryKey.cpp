#include "QueryKey.h"

#include <protocol/Channel.h>

std::optional<QueryKey> QueryKey::parse(const QString &text)
{
    if (text == QLatin1String("me"))
        return me();
    if (text == QLatin1String("teams"))
        return teams();
    if (text == QLatin1String("tiebreakers/active"))
        return activeTiebreakers();
    if (text == QLatin1String("tiebreakers/all"))
        return allTiebreakers();
    if (text == QLatin1String("players"))
        return players();
    if (text == QLatin1String("rounds"))
        return rounds();
    const qsizetype slash = text.indexOf(QLatin1Char('/'));
    if (slash < 0)
        return std::nullopt;
    const QString prefix = text.left(slash);
    const QString id = text.mid(slash + 1);
    if (!Protocol::isValidId(id))
        return std::nullopt;
    if (prefix == QLatin1String("squad"))
        return squad(id);
    if (prefix == QLatin1String("wallet"))
        return wallet(id);
    if (prefix == QLatin1String("tiebreaker"))
        return tiebreaker(id);
    if (prefix == QLatin1String("roundbids"))
        return roundBids(id);
    return std::nullopt;
}

QString QueryKey::toString() const
{
    switch (m_kind) {
    case Kind::Me: return QStringLiteral("me");
    case Kind::Teams: return QStringLiteral("teams");
    case Kind::Squad: return QLatin1String("squad/") + m_id;
    case Kind::Wallet: return QLatin1String("wallet/") + m_id;
    case Kind::ActiveTiebreakers: return QStringLiteral("tiebreakers/active");
    case Kind::AllTiebreakers: return QStringLiteral("tiebreakers/all");
    case Kind::Tiebreaker: return QLatin1String("tiebreaker/") + m_id;
    case Kind::Players: return QStringLiteral("players");
    case Kind::Rounds: return QStringLiteral("rounds");
    case Kind::RoundBids: return QLatin1String("roundbids/") + m_id;
    }
    return {};
}

QString QueryKey::path() const
{
    switch (m_kind) {
    case Kind::Me: return QStringLiteral("/me");
    case Kind::Teams: return QStringLiteral("/teams");
    case Kind::Squad: return QLatin1String("/teams/") + m_id + QLatin1String("/squad");
    case Kind::Wallet: return QLatin1String("/teams/") + m_id + QLatin1String("/wallet");
    case Kind::ActiveTiebreakers: return QStringLiteral("/tiebreakers?status=active");
    case Kind::AllTiebreakers: return QStringLiteral("/tiebreakers?status=all");
    case Kind::Tiebreaker: return QLatin1String("/tiebreakers/") + m_id;
    case Kind::Players: return QStringLiteral("/players");
    case Kind::Rounds: return QStringLiteral("/rounds");
    case Kind::RoundBids: return QLatin1String("/rounds/") + m_id + QLatin1String("/bids");
    }
    return {};
}

QString QueryKey::channel() const
{
    switch (m_kind) {
    case Kind::Squad:
    case Kind::Wallet: return Protocol::Channel::team(m_id).name();
    case Kind::Tiebreaker: return Protocol::Channel::tiebreaker(m_id).name();
    case Kind::Me:
    case Kind::Teams:
    case Kind::ActiveTiebreakers:
    case Kind::AllTiebreakers:
    case Kind::Players:
    case Kind::Rounds:
    case Kind::RoundBids: return {};
    }
    return {};
}

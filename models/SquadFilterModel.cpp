#include "SquadFilterModel.h"

#include "SquadModel.h"

namespace {
int positionOrder(const QString &position)
{
    static const QStringList order{QStringLiteral("GK"), QStringLiteral("DEF"), QStringLiteral("MID"), QStringLiteral("FWD")};
    const qsizetype at = order.indexOf(position);
    return at < 0 ? int(order.size()) : int(at);
}
} // namespace

SquadFilterModel::SquadFilterModel(QObject *parent) : ListProxyModel(parent)
{
    sort(0);
}

void SquadFilterModel::setPosition(const QString &position)
{
    if (m_position == position)
        return;
    m_position = position;
    refilter();
    Q_EMIT positionChanged();
}

void SquadFilterModel::setSearch(const QString &search)
{
    if (m_search == search)
        return;
    m_search = search;
    refilter();
    Q_EMIT searchChanged();
}

void SquadFilterModel::setSortBy(const QString &sortBy)
{
    const QString next = sortBy == QLatin1String("name") || sortBy == QLatin1String("price") ? sortBy : QStringLiteral("position");
    if (m_sortBy == next)
        return;
    m_sortBy = next;
    invalidate();
    Q_EMIT sortByChanged();
}

bool SquadFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (!m_position.isEmpty() && index.data(SquadModel::PositionRole).toString() != m_position)
        return false;
    return matches(index, {SquadModel::NameRole, SquadModel::ClubRole}, m_search);
}

bool SquadFilterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const auto byName = [&] {
        return QString::localeAwareCompare(left.data(SquadModel::NameRole).toString(), right.data(SquadModel::NameRole).toString()) < 0;
    };
    if (m_sortBy == QLatin1String("name"))
        return byName();
    if (m_sortBy == QLatin1String("price")) {
        const qint64 pa = left.data(SquadModel::PriceRole).toLongLong();
        const qint64 pb = right.data(SquadModel::PriceRole).toLongLong();
        return pa != pb ? pa > pb : byName(); // most expensive first
    }
    const int a = positionOrder(left.data(SquadModel::PositionRole).toString());
    const int b = positionOrder(right.data(SquadModel::PositionRole).toString());
    if (a != b)
        return a < b;
    return QString::localeAwareCompare(left.data(SquadModel::NameRole).toString(),
                                       right.data(SquadModel::NameRole).toString()) < 0;
}

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

SquadFilterModel::SquadFilterModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    setDynamicSortFilter(true);
    sort(0);
    connect(this, &QAbstractItemModel::rowsInserted, this, &SquadFilterModel::countChanged);
    connect(this, &QAbstractItemModel::rowsRemoved, this, &SquadFilterModel::countChanged);
    connect(this, &QAbstractItemModel::modelReset, this, &SquadFilterModel::countChanged);
    connect(this, &QAbstractItemModel::layoutChanged, this, &SquadFilterModel::countChanged);
}

void SquadFilterModel::setPosition(const QString &position)
{
    if (m_position == position)
        return;
    m_position = position;
    invalidateFilter();
    Q_EMIT positionChanged();
    Q_EMIT countChanged();
}

void SquadFilterModel::setSearch(const QString &search)
{
    if (m_search == search)
        return;
    m_search = search;
    invalidateFilter();
    Q_EMIT searchChanged();
    Q_EMIT countChanged();
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
    const QString needle = m_search.trimmed();
    return needle.isEmpty() || index.data(SquadModel::NameRole).toString().contains(needle, Qt::CaseInsensitive)
        || index.data(SquadModel::ClubRole).toString().contains(needle, Qt::CaseInsensitive);
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

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

bool SquadFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_position.isEmpty())
        return true;
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    return index.data(SquadModel::PositionRole).toString() == m_position;
}

bool SquadFilterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const int a = positionOrder(left.data(SquadModel::PositionRole).toString());
    const int b = positionOrder(right.data(SquadModel::PositionRole).toString());
    if (a != b)
        return a < b;
    return QString::localeAwareCompare(left.data(SquadModel::NameRole).toString(),
                                       right.data(SquadModel::NameRole).toString()) < 0;
}

#include "ListProxyModel.h"

ListProxyModel::ListProxyModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    setDynamicSortFilter(true);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(this, signal, this, &ListProxyModel::countChanged);
    connect(this, &QAbstractItemModel::modelReset, this, &ListProxyModel::countChanged);
    connect(this, &QAbstractItemModel::layoutChanged, this, &ListProxyModel::countChanged);
}

void ListProxyModel::refilter()
{
    invalidateFilter();
    Q_EMIT countChanged();
}

bool ListProxyModel::matches(const QModelIndex &row, const QList<int> &roles, const QString &text)
{
    const QString needle = text.trimmed();
    if (needle.isEmpty())
        return true;
    for (int role : roles) {
        if (row.data(role).toString().contains(needle, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

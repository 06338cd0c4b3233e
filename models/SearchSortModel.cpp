#include "SearchSortModel.h"

#include <QDateTime>

SearchSortModel::SearchSortModel(QObject *parent) : ListProxyModel(parent)
{
    // The role names are known once a source is set.
    connect(this, &QAbstractProxyModel::sourceModelChanged, this, [this] { invalidateFilter(); applySort(); });
}

int SearchSortModel::roleOf(const QString &name) const
{
    if (!sourceModel() || name.isEmpty())
        return -1;
    return sourceModel()->roleNames().key(name.toUtf8(), -1);
}

void SearchSortModel::setSearchText(const QString &text)
{
    if (m_search == text)
        return;
    m_search = text;
    refilter();
    Q_EMIT searchTextChanged();
}

void SearchSortModel::setSearchRoles(const QStringList &roles)
{
    if (m_searchRoleNames == roles)
        return;
    m_searchRoleNames = roles;
    refilter();
    Q_EMIT searchRolesChanged();
}

void SearchSortModel::setSortRoleName(const QString &role)
{
    if (m_sortRoleName == role)
        return;
    m_sortRoleName = role;
    applySort();
    Q_EMIT sortChanged();
}

void SearchSortModel::setDescending(bool descending)
{
    if (m_descending == descending)
        return;
    m_descending = descending;
    applySort();
    Q_EMIT sortChanged();
}

void SearchSortModel::applySort()
{
    const int role = roleOf(m_sortRoleName);
    if (role < 0) {
        sort(-1); // the source's order
        return;
    }
    setSortRole(role);
    sort(0, m_descending ? Qt::DescendingOrder : Qt::AscendingOrder);
}

bool SearchSortModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_search.trimmed().isEmpty())
        return true;
    QList<int> roles;
    for (const QString &name : m_searchRoleNames) {
        if (const int role = roleOf(name); role >= 0)
            roles.append(role);
    }
    return matches(sourceModel()->index(sourceRow, 0, sourceParent), roles, m_search);
}

bool SearchSortModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const QVariant a = left.data(sortRole());
    const QVariant b = right.data(sortRole());
    if (a.metaType().id() == QMetaType::QString && b.metaType().id() == QMetaType::QString)
        return QString::localeAwareCompare(a.toString(), b.toString()) < 0;
    return QPartialOrdering::Less == QVariant::compare(a, b);
}

int SearchSortModel::sourceRow(int row) const
{
    return mapToSource(index(row, 0)).row();
}

int SearchSortModel::rowOfSource(int row) const
{
    return sourceModel() ? mapFromSource(sourceModel()->index(row, 0)).row() : -1;
}

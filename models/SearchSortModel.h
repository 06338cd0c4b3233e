#pragma once

#include "ListProxyModel.h"

#include <QStringList>

// A list as the user narrows and orders it: rows whose `searchRoles` contain `searchText`
// (case-insensitive), sorted by `sortRole` (a role name; "" keeps the source's order); used by
// Transactions, Finished tiebreakers and the catalogue.
class SearchSortModel : public ListProxyModel
{
    Q_OBJECT
    QML_ELEMENT

    Q_PROPERTY(QString searchText READ searchText WRITE setSearchText NOTIFY searchTextChanged)
    Q_PROPERTY(QStringList searchRoles READ searchRoles WRITE setSearchRoles NOTIFY searchRolesChanged)
    Q_PROPERTY(QString sortRoleName READ sortRoleName WRITE setSortRoleName NOTIFY sortChanged)
    Q_PROPERTY(bool descending READ isDescending WRITE setDescending NOTIFY sortChanged)

public:
    explicit SearchSortModel(QObject *parent = nullptr);

    QString searchText() const { return m_search; }
    void setSearchText(const QString &text);
    QStringList searchRoles() const { return m_searchRoleNames; }
    void setSearchRoles(const QStringList &roles);
    QString sortRoleName() const { return m_sortRoleName; }
    void setSortRoleName(const QString &role);
    bool isDescending() const { return m_descending; }
    void setDescending(bool descending);

    // Rows across the proxy, for views that keep a selection by the source's row or key.
    Q_INVOKABLE int sourceRow(int row) const;
    Q_INVOKABLE int rowOfSource(int sourceRow) const;

Q_SIGNALS:
    void searchTextChanged();
    void searchRolesChanged();
    void sortChanged();

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    int roleOf(const QString &name) const;
    void applySort();

    QString m_search;
    QStringList m_searchRoleNames;
    QString m_sortRoleName;
    bool m_descending = false;
};

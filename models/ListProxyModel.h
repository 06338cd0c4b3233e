#pragma once

#include <QQmlEngine>
#include <QSortFilterProxyModel>

// What every narrowed or reordered view of a list shares: a proxy, so the source keeps its
// minimal changes; sorting and filtering that follow the source as it changes; a count for QML;
// and a case-insensitive search over some of the rows' roles.
class ListProxyModel : public QSortFilterProxyModel
{
    Q_OBJECT
    QML_ANONYMOUS
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    explicit ListProxyModel(QObject *parent = nullptr);

    int count() const { return rowCount(); }

Q_SIGNALS:
    void countChanged();

protected:
    // Filters again after a criterion changed.
    void refilter();
    // True when `text`, trimmed, is empty or one of the row's `roles` contains it (ignoring case).
    static bool matches(const QModelIndex &row, const QList<int> &roles, const QString &text);
};

#pragma once

#include <QAbstractListModel>
#include <QList>
#include <QSet>

// A list model whose rows have a stable key (player_id, tiebreaker_id, ...). A refetch is applied
// with the smallest change: rows removed, moved or inserted, and dataChanged for just the roles
// that changed; never a reset, so views keep scroll position and selection and can animate.
template <typename Row>
class KeyedListModel : public QAbstractListModel
{
public:
    int rowCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : int(m_rows.size()); }

protected:
    using QAbstractListModel::QAbstractListModel;

    virtual QString keyOf(const Row &row) const = 0;
    virtual QList<int> changedRoles(const Row &before, const Row &after) const = 0;

    const QList<Row> &rows() const { return m_rows; }
    const Row *rowAt(const QModelIndex &index) const
    {
        return checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)
            ? &m_rows.at(index.row())
            : nullptr;
    }

    // Makes the rows equal to `next`, in its order. O(n^2) in the worst case, which is fine for
    // lists of a few hundred rows (a squad, a wallet's 200 transactions).
    void applyRows(QList<Row> next)
    {
        QSet<QString> nextKeys;
        nextKeys.reserve(next.size());
        for (qsizetype i = 0; i < next.size();) {
            // Duplicate keys would make the diff ambiguous: keep the first.
            if (nextKeys.contains(keyOf(next.at(i))))
                next.removeAt(i);
            else
                nextKeys.insert(keyOf(next.at(i++)));
        }

        // 1. Departures, in contiguous runs from the end so indexes stay valid.
        for (qsizetype last = m_rows.size() - 1; last >= 0;) {
            if (nextKeys.contains(keyOf(m_rows.at(last)))) {
                --last;
                continue;
            }
            qsizetype first = last;
            while (first > 0 && !nextKeys.contains(keyOf(m_rows.at(first - 1))))
                --first;
            beginRemoveRows({}, int(first), int(last));
            m_rows.remove(first, last - first + 1);
            endRemoveRows();
            last = first - 1;
        }

        // 2. Walk the new order: keep, move into place, or insert; then update changed roles.
        for (qsizetype i = 0; i < next.size(); ++i) {
            const QString key = keyOf(next.at(i));
            if (i < m_rows.size() && keyOf(m_rows.at(i)) == key) {
                updateRow(i, next.at(i));
                continue;
            }
            qsizetype from = -1;
            for (qsizetype j = i + 1; j < m_rows.size(); ++j) {
                if (keyOf(m_rows.at(j)) == key) {
                    from = j;
                    break;
                }
            }
            if (from >= 0) {
                beginMoveRows({}, int(from), int(from), {}, int(i));
                m_rows.move(from, i);
                endMoveRows();
                updateRow(i, next.at(i));
            } else {
                beginInsertRows({}, int(i), int(i));
                m_rows.insert(i, next.at(i));
                endInsertRows();
            }
        }
    }

private:
    void updateRow(qsizetype i, const Row &after)
    {
        const QList<int> roles = changedRoles(m_rows.at(i), after);
        if (roles.isEmpty())
            return;
        m_rows[i] = after;
        const QModelIndex changed = index(int(i));
        Q_EMIT dataChanged(changed, changed, roles);
    }

    QList<Row> m_rows;
};

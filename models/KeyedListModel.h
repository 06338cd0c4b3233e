#pragma once

#include <QAbstractListModel>
#include <QList>
#include <QSet>

// The rows of a list model whose rows have a stable key (player_id, tiebreaker_id, ...). A refetch
// is applied with the smallest change: rows removed, moved or inserted, and dataChanged for just
// the roles that changed; never a reset, so views keep scroll position and selection and can
// animate.
//
// A mixin rather than a base class: a model derives from QAbstractListModel first, so moc and the
// QML type registrar see a base they know (a template base leaves the QML type without a
// prototype, and qmllint then cannot tell that a model is a model). Use it as
//
//     class SquadModel : public QAbstractListModel, public KeyedListModel<SquadModel, SquadPlayer>
//     {
//         KEYED_LIST_MODEL(SquadModel, SquadPlayer)
//         QString keyOf(const SquadPlayer &row) const;
//         QList<int> changedRoles(const SquadPlayer &before, const SquadPlayer &after) const;
//     };
template <typename Model, typename Row>
class KeyedListModel
{
protected:
    const QList<Row> &rows() const { return m_rows; }
    int keyedRowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_rows.size()); }
    const Row *rowAt(const QModelIndex &index) const
    {
        return model()->checkIndex(index, QAbstractItemModel::CheckIndexOption::IndexIsValid
                                              | QAbstractItemModel::CheckIndexOption::ParentIsInvalid)
            ? &m_rows.at(index.row())
            : nullptr;
    }

    // Makes the rows equal to `next`, in its order. O(n^2) in the worst case, which is fine for
    // lists of a few hundred rows (a squad, a wallet's 200 transactions).
    void applyRows(QList<Row> next)
    {
        Model *m = model();
        QSet<QString> nextKeys;
        nextKeys.reserve(next.size());
        for (qsizetype i = 0; i < next.size();) {
            // Duplicate keys would make the diff ambiguous: keep the first.
            if (nextKeys.contains(m->keyOf(next.at(i))))
                next.removeAt(i);
            else
                nextKeys.insert(m->keyOf(next.at(i++)));
        }

        // 1. Departures, in contiguous runs from the end so indexes stay valid.
        for (qsizetype last = m_rows.size() - 1; last >= 0;) {
            if (nextKeys.contains(m->keyOf(m_rows.at(last)))) {
                --last;
                continue;
            }
            qsizetype first = last;
            while (first > 0 && !nextKeys.contains(m->keyOf(m_rows.at(first - 1))))
                --first;
            m->beginRemoveRows({}, int(first), int(last));
            m_rows.remove(first, last - first + 1);
            m->endRemoveRows();
            last = first - 1;
        }

        // 2. Walk the new order: keep, move into place, or insert; then update changed roles.
        for (qsizetype i = 0; i < next.size(); ++i) {
            const QString key = m->keyOf(next.at(i));
            if (i < m_rows.size() && m->keyOf(m_rows.at(i)) == key) {
                updateRow(i, next.at(i));
                continue;
            }
            qsizetype from = -1;
            for (qsizetype j = i + 1; j < m_rows.size(); ++j) {
                if (m->keyOf(m_rows.at(j)) == key) {
                    from = j;
                    break;
                }
            }
            if (from >= 0) {
                m->beginMoveRows({}, int(from), int(from), {}, int(i));
                m_rows.move(from, i);
                m->endMoveRows();
                updateRow(i, next.at(i));
            } else {
                m->beginInsertRows({}, int(i), int(i));
                m_rows.insert(i, next.at(i));
                m->endInsertRows();
            }
        }
    }

private:
    Model *model() { return static_cast<Model *>(this); }
    const Model *model() const { return static_cast<const Model *>(this); }

    void updateRow(qsizetype i, const Row &after)
    {
        Model *m = model();
        const QList<int> roles = m->changedRoles(m_rows.at(i), after);
        if (roles.isEmpty())
            return;
        m_rows[i] = after;
        const QModelIndex changed = m->index(int(i));
        Q_EMIT m->dataChanged(changed, changed, roles);
    }

    QList<Row> m_rows;
};

// Inside the model's class body: lets the mixin reach the model's protected row signals and its
// keyOf/changedRoles, and answers rowCount from the mixin's rows.
#define KEYED_LIST_MODEL(Model, Row)                                                                          \
    friend class KeyedListModel<Model, Row>;                                                                   \
                                                                                                               \
public:                                                                                                        \
    int rowCount(const QModelIndex &parent = {}) const override { return keyedRowCount(parent); }            \
                                                                                                               \
private:

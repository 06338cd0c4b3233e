// KeyedListModel applies a refetch with the smallest change: exact insert/remove/move/dataChanged
// signals, never a reset, checked under QAbstractItemModelTester.
#include <models/KeyedListModel.h>

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

namespace {

struct Row
{
    QString key;
    QString name;
    int price = 0;
};

class RowModel : public QAbstractListModel, public KeyedListModel<RowModel, Row>
{
    KEYED_LIST_MODEL(RowModel, Row)

public:
    enum { NameRole = Qt::UserRole + 1, PriceRole };

    using KeyedListModel::applyRows;

    QVariant data(const QModelIndex &index, int role) const override
    {
        const Row *row = rowAt(index);
        if (!row)
            return {};
        if (role == PriceRole)
            return row->price;
        if (role == Qt::DisplayRole || role == NameRole)
            return row->key + QLatin1Char(':') + row->name;
        return {};
    }
    QStringList keys() const
    {
        QStringList result;
        for (const Row &row : rows())
            result << row.key;
        return result;
    }

protected:
    QString keyOf(const Row &row) const { return row.key; }
    QList<int> changedRoles(const Row &a, const Row &b) const
    {
        QList<int> roles;
        if (a.name != b.name)
            roles << NameRole;
        if (a.price != b.price)
            roles << PriceRole;
        return roles;
    }
};

QList<Row> rowsOf(const QString &keys)
{
    QList<Row> rows;
    for (const QChar c : keys)
        rows.append({QString(c), QStringLiteral("n") + c, 100});
    return rows;
}

} // namespace

class TestKeyedListModel : public QObject
{
    Q_OBJECT

private:
    RowModel *m_model = nullptr;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    std::unique_ptr<QSignalSpy> m_inserted, m_removed, m_moved, m_changed, m_reset;

    void make(const QString &initial)
    {
        m_tester.reset();
        delete m_model;
        m_model = new RowModel;
        m_tester = std::make_unique<QAbstractItemModelTester>(m_model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_model->applyRows(rowsOf(initial));
        m_inserted = std::make_unique<QSignalSpy>(m_model, &QAbstractItemModel::rowsInserted);
        m_removed = std::make_unique<QSignalSpy>(m_model, &QAbstractItemModel::rowsRemoved);
        m_moved = std::make_unique<QSignalSpy>(m_model, &QAbstractItemModel::rowsMoved);
        m_changed = std::make_unique<QSignalSpy>(m_model, &QAbstractItemModel::dataChanged);
        m_reset = std::make_unique<QSignalSpy>(m_model, &QAbstractItemModel::modelReset);
    }

private Q_SLOTS:
    void cleanup()
    {
        QCOMPARE(m_reset ? m_reset->count() : 0, 0); // never a reset
        m_tester.reset();
        delete m_model;
        m_model = nullptr;
    }

    void insertInMiddle()
    {
        make(QStringLiteral("abd"));
        m_model->applyRows(rowsOf(QStringLiteral("abcd")));
        QCOMPARE(m_model->keys(), QStringList({"a", "b", "c", "d"}));
        QCOMPARE(m_inserted->count(), 1);
        QCOMPARE(m_inserted->first().at(1).toInt(), 2);
        QCOMPARE(m_removed->count(), 0);
        QCOMPARE(m_moved->count(), 0);
        QCOMPARE(m_changed->count(), 0);
    }

    void removeRunsAsOneSignal()
    {
        make(QStringLiteral("abcdef"));
        m_model->applyRows(rowsOf(QStringLiteral("af")));
        QCOMPARE(m_model->keys(), QStringList({"a", "f"}));
        QCOMPARE(m_removed->count(), 1);
        QCOMPARE(m_removed->first().at(1).toInt(), 1);
        QCOMPARE(m_removed->first().at(2).toInt(), 4);
        QCOMPARE(m_inserted->count(), 0);
    }

    void removeSeparateRuns()
    {
        make(QStringLiteral("abcde"));
        m_model->applyRows(rowsOf(QStringLiteral("ace")));
        QCOMPARE(m_model->keys(), QStringList({"a", "c", "e"}));
        QCOMPARE(m_removed->count(), 2);
        QCOMPARE(m_inserted->count(), 0);
    }

    void moveOneRow()
    {
        make(QStringLiteral("abcd"));
        m_model->applyRows(rowsOf(QStringLiteral("dabc")));
        QCOMPARE(m_model->keys(), QStringList({"d", "a", "b", "c"}));
        QCOMPARE(m_moved->count(), 1);
        QCOMPARE(m_inserted->count(), 0);
        QCOMPARE(m_removed->count(), 0);
    }

    void editChangesOnlyItsRoles()
    {
        make(QStringLiteral("abc"));
        QList<Row> next = rowsOf(QStringLiteral("abc"));
        next[1].price = 250;
        m_model->applyRows(next);
        QCOMPARE(m_changed->count(), 1);
        const QModelIndex index = m_changed->first().at(0).toModelIndex();
        QCOMPARE(index.row(), 1);
        QCOMPARE(m_changed->first().at(2).value<QList<int>>(), QList<int>{RowModel::PriceRole});
        QCOMPARE(m_model->data(index, RowModel::PriceRole).toInt(), 250);
    }

    void identicalRefetchEmitsNothing()
    {
        make(QStringLiteral("abc"));
        m_model->applyRows(rowsOf(QStringLiteral("abc")));
        QCOMPARE(m_inserted->count() + m_removed->count() + m_moved->count() + m_changed->count(), 0);
    }

    void mixedChangeEndsEqual()
    {
        make(QStringLiteral("abcdefg"));
        QList<Row> next = rowsOf(QStringLiteral("gxbdyc"));
        next[2].name = QStringLiteral("renamed");
        m_model->applyRows(next);
        QCOMPARE(m_model->keys(), QStringList({"g", "x", "b", "d", "y", "c"}));
        QCOMPARE(m_model->data(m_model->index(2), Qt::DisplayRole).toString(), QStringLiteral("b:renamed"));
        QCOMPARE(m_removed->count(), 2); // a, then e-f as one run
        QCOMPARE(m_inserted->count(), 2); // x, y
    }

    void duplicateKeysKeepFirst()
    {
        make(QString());
        QList<Row> next = rowsOf(QStringLiteral("aba"));
        m_model->applyRows(next);
        QCOMPARE(m_model->keys(), QStringList({"a", "b"}));
    }
};

QTEST_GUILESS_MAIN(TestKeyedListModel)
#include "tst_keyedlistmodel.moc"

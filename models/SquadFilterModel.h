#pragma once

#include <QQmlEngine>
#include <QSortFilterProxyModel>

// The squad as the view lists it: grouped by position (GK, DEF, MID, FWD; then by name), and
// optionally only one position. A proxy, so the source keeps its minimal changes.
class SquadFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
    QML_ELEMENT

    // "" for every position, else GK, DEF, MID or FWD.
    Q_PROPERTY(QString position READ position WRITE setPosition NOTIFY positionChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    explicit SquadFilterModel(QObject *parent = nullptr);

    QString position() const { return m_position; }
    void setPosition(const QString &position);
    int count() const { return rowCount(); }

Q_SIGNALS:
    void positionChanged();
    void countChanged();

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    QString m_position;
};

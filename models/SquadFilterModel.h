#pragma once

#include "ListProxyModel.h"

// The squad as the view lists it: grouped by position (GK, DEF, MID, FWD; then by name), or
// sorted by name or price (most expensive first); optionally only one position and only players
// whose name or club contains `search`.
class SquadFilterModel : public ListProxyModel
{
    Q_OBJECT
    QML_ELEMENT

    // "" for every position, else GK, DEF, MID or FWD.
    Q_PROPERTY(QString position READ position WRITE setPosition NOTIFY positionChanged)
    Q_PROPERTY(QString search READ search WRITE setSearch NOTIFY searchChanged)
    // position (grouped, the default) | name | price
    Q_PROPERTY(QString sortBy READ sortBy WRITE setSortBy NOTIFY sortByChanged)

public:
    explicit SquadFilterModel(QObject *parent = nullptr);

    QString position() const { return m_position; }
    void setPosition(const QString &position);
    QString search() const { return m_search; }
    void setSearch(const QString &search);
    QString sortBy() const { return m_sortBy; }
    void setSortBy(const QString &sortBy);

Q_SIGNALS:
    void positionChanged();
    void searchChanged();
    void sortByChanged();

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    QString m_position;
    QString m_search;
    QString m_sortBy = QStringLiteral("position");
};

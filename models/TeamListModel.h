#pragma once

#include "KeyedListModel.h"
#include <session/Session.h>

#include <QQmlEngine>

class QueryBinding;
class SyncClient;

struct TeamRow
{
    QString teamId;
    QString name;
    QString manager;
    friend bool operator==(const TeamRow &, const TeamRow &) = default;
};

// The league's teams (GET /teams), keyed by team_id: the header's team name and the admin's
// team picker.
class TeamListModel : public QAbstractListModel, public KeyedListModel<TeamListModel, TeamRow>
{
    Q_OBJECT
    KEYED_LIST_MODEL(TeamListModel, TeamRow)
    QML_ELEMENT

    Q_PROPERTY(Session *session READ session WRITE setSession NOTIFY sessionChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(bool hasData READ hasData NOTIFY statusChanged)
    // team id -> name; a binding that reads it follows renames and new teams by itself
    Q_PROPERTY(QVariantMap names READ names NOTIFY namesChanged)

public:
    enum Role {
        TeamIdRole = Qt::UserRole + 1, ///< team_id
        NameRole,                      ///< name
        ManagerRole,                   ///< manager
    };
    Q_ENUM(Role)

    explicit TeamListModel(QObject *parent = nullptr);
    ~TeamListModel() override;

    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    Session *session() const;
    void setSession(Session *session);
    int count() const { return rowCount(); }
    bool hasData() const;

    Q_INVOKABLE QString nameOf(const QString &teamId) const; // "" when unknown
    QVariantMap names() const;
    Q_INVOKABLE int indexOf(const QString &teamId) const;    // -1 when unknown
    Q_INVOKABLE QString idAt(int row) const { return row >= 0 && row < count() ? rows().at(row).teamId : QString(); }

    void setClient(SyncClient *client);
    void load(const QJsonObject &answer);

Q_SIGNALS:
    void sessionChanged();
    void countChanged();
    void statusChanged();
    void namesChanged(); // a team was added, removed or renamed

protected:
    QString keyOf(const TeamRow &row) const { return row.teamId; }
    QList<int> changedRoles(const TeamRow &before, const TeamRow &after) const;

private:
    void reload();

    QueryBinding *m_binding; // child
};

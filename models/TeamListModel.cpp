#include "TeamListModel.h"

#include "QueryBinding.h"

#include <sync/Query.h>

#include <QJsonArray>

TeamListModel::TeamListModel(QObject *parent) : QAbstractListModel(parent), m_binding(new QueryBinding(this))
{
    connect(m_binding, &QueryBinding::attached, this, &TeamListModel::reload);
    connect(m_binding, &QueryBinding::dataChanged, this, &TeamListModel::reload);
    connect(m_binding, &QueryBinding::statusChanged, this, &TeamListModel::statusChanged);
    m_binding->setKey(QueryKey::teams());
}

TeamListModel::~TeamListModel() = default;

QHash<int, QByteArray> TeamListModel::roleNames() const
{
    return {{TeamIdRole, "team_id"}, {NameRole, "name"}, {ManagerRole, "manager"}};
}

QVariant TeamListModel::data(const QModelIndex &index, int role) const
{
    const TeamRow *row = rowAt(index);
    if (!row)
        return {};
    switch (role) {
    case Qt::DisplayRole:
    case NameRole: return row->name;
    case TeamIdRole: return row->teamId;
    case ManagerRole: return row->manager;
    default: return {};
    }
}

QList<int> TeamListModel::changedRoles(const TeamRow &a, const TeamRow &b) const
{
    QList<int> roles;
    if (a.name != b.name)
        roles << NameRole << Qt::DisplayRole;
    if (a.manager != b.manager)
        roles << ManagerRole;
    return roles;
}

Session *TeamListModel::session() const
{
    return m_binding->session();
}

void TeamListModel::setSession(Session *session)
{
    if (m_binding->session() == session)
        return;
    m_binding->setSession(session);
    Q_EMIT sessionChanged();
}

void TeamListModel::setClient(SyncClient *client)
{
    m_binding->setClient(client);
}

bool TeamListModel::hasData() const
{
    return m_binding->hasData();
}

void TeamListModel::reload()
{
    Query *query = m_binding->query();
    load(query && query->hasData() ? query->data() : QJsonObject());
}

void TeamListModel::load(const QJsonObject &answer)
{
    QList<TeamRow> teams;
    for (const QJsonValue &value : answer.value(QLatin1String("teams")).toArray()) {
        const QJsonObject team = value.toObject();
        TeamRow row{team.value(QLatin1String("team_id")).toString(), team.value(QLatin1String("name")).toString(),
                    team.value(QLatin1String("manager")).toString()};
        if (!row.teamId.isEmpty())
            teams.append(row);
    }
    const QList<TeamRow> before = rows();
    applyRows(teams);
    if (before.size() != rows().size())
        Q_EMIT countChanged();
    if (before != rows())
        Q_EMIT namesChanged();
}

QVariantMap TeamListModel::names() const
{
    QVariantMap names;
    for (const TeamRow &row : rows())
        names.insert(row.teamId, row.name);
    return names;
}

QString TeamListModel::nameOf(const QString &teamId) const
{
    const int row = indexOf(teamId);
    return row >= 0 ? rows().at(row).name : QString();
}

int TeamListModel::indexOf(const QString &teamId) const
{
    for (qsizetype i = 0; i < rows().size(); ++i) {
        if (rows().at(i).teamId == teamId)
            return int(i);
    }
    return -1;
}

#include "LeagueOverviewModel.h"

#include "ModelsLog.h"
#include "QueryBinding.h"

#include <protocol/Squad.h>
#include <protocol/Wallet.h>

#include <sync/Query.h>
#include <sync/SyncClient.h>

#include <QJsonArray>
#include <QVariantMap>

LeagueOverviewModel::LeagueOverviewModel(QObject *parent) : QAbstractListModel(parent), m_teams(new QueryBinding(this))
{
    connect(m_teams, &QueryBinding::attached, this, &LeagueOverviewModel::reload);
    connect(m_teams, &QueryBinding::dataChanged, this, &LeagueOverviewModel::reload);
    connect(m_teams, &QueryBinding::statusChanged, this, &LeagueOverviewModel::statusChanged);
    connect(m_teams, &QueryBinding::clientChanged, this, [this] {
        // Whether the caller may read every team is known once GET /me has answered.
        if (SyncClient *client = m_teams->client())
            connect(client, &SyncClient::meChanged, this, &LeagueOverviewModel::reload, Qt::UniqueConnection);
        reload();
    });
    m_teams->setKey(QueryKey::teams());
}

LeagueOverviewModel::~LeagueOverviewModel() = default;

QHash<int, QByteArray> LeagueOverviewModel::roleNames() const
{
    return {{TeamIdRole, "team_id"}, {NameRole, "name"},   {SquadSizeRole, "squad_size"},
            {BalancesRole, "balances"}, {SpentRole, "spent"}, {HasWalletRole, "has_wallet"}};
}

namespace {
QVariantMap toVariant(const QMap<QString, qint64> &amounts)
{
    QVariantMap map;
    for (auto it = amounts.begin(); it != amounts.end(); ++it)
        map.insert(it.key(), double(it.value())); // QML numbers are doubles
    return map;
}
} // namespace

QVariant LeagueOverviewModel::data(const QModelIndex &index, int role) const
{
    const TeamOverviewRow *row = rowAt(index);
    if (!row)
        return {};
    switch (role) {
    case Qt::DisplayRole:
    case NameRole: return row->name;
    case TeamIdRole: return row->teamId;
    case SquadSizeRole: return row->squadSize;
    case BalancesRole: return toVariant(row->balances);
    case SpentRole: return toVariant(row->spent);
    case HasWalletRole: return row->hasWallet;
    default: return {};
    }
}

QList<int> LeagueOverviewModel::changedRoles(const TeamOverviewRow &a, const TeamOverviewRow &b) const
{
    QList<int> roles;
    if (a.name != b.name)
        roles << NameRole << Qt::DisplayRole;
    if (a.squadSize != b.squadSize)
        roles << SquadSizeRole;
    if (a.balances != b.balances)
        roles << BalancesRole;
    if (a.spent != b.spent)
        roles << SpentRole;
    if (a.hasWallet != b.hasWallet)
        roles << HasWalletRole;
    return roles;
}

Session *LeagueOverviewModel::session() const
{
    return m_teams->session();
}

void LeagueOverviewModel::setSession(Session *session)
{
    if (m_teams->session() == session)
        return;
    m_teams->setSession(session);
    for (const TeamBindings &team : std::as_const(m_perTeam)) {
        team.squad->setSession(session);
        team.wallet->setSession(session);
    }
    Q_EMIT sessionChanged();
}

void LeagueOverviewModel::setClient(SyncClient *client)
{
    m_teams->setClient(client);
    for (const TeamBindings &team : std::as_const(m_perTeam)) {
        team.squad->setClient(client);
        team.wallet->setClient(client);
    }
}

bool LeagueOverviewModel::hasData() const
{
    if (!m_available || !m_teams->hasData())
        return false;
    for (const TeamBindings &team : m_perTeam) {
        if (!team.squad->hasData() || !team.wallet->hasData())
            return false;
    }
    return true;
}

bool LeagueOverviewModel::isLoading() const
{
    if (m_teams->isLoading())
        return true;
    for (const TeamBindings &team : m_perTeam) {
        if (team.squad->isLoading() || team.wallet->isLoading())
            return true;
    }
    return false;
}

QString LeagueOverviewModel::errorString() const
{
    if (!m_teams->errorString().isEmpty())
        return m_teams->errorString();
    for (const TeamBindings &team : m_perTeam) {
        for (const QueryBinding *binding : {team.squad, team.wallet}) {
            if (!binding->errorString().isEmpty())
                return binding->errorString();
        }
    }
    return {};
}

QueryBinding *LeagueOverviewModel::makeBinding()
{
    auto *binding = new QueryBinding(this);
    if (m_teams->session())
        binding->setSession(m_teams->session());
    else
        binding->setClient(m_teams->client());
    connect(binding, &QueryBinding::dataChanged, this, &LeagueOverviewModel::reload);
    connect(binding, &QueryBinding::statusChanged, this, &LeagueOverviewModel::statusChanged);
    return binding;
}

void LeagueOverviewModel::followTeams(const QStringList &teamIds)
{
    for (auto it = m_perTeam.begin(); it != m_perTeam.end();) {
        if (!teamIds.contains(it.key())) {
            // Later: this may run inside one of the binding's own signals.
            for (QueryBinding *binding : {it->squad, it->wallet}) {
                binding->disconnect(this);
                binding->deleteLater();
            }
            it = m_perTeam.erase(it);
        } else {
            ++it;
        }
    }
    for (const QString &teamId : teamIds) {
        if (m_perTeam.contains(teamId))
            continue;
        // Both exist before either observes anything: observing signals at once (and may answer
        // from the cache), and the properties QML reads then walk every team's bindings.
        const TeamBindings team{makeBinding(), makeBinding()};
        m_perTeam.insert(teamId, team);
        team.squad->setKey(QueryKey::squad(teamId));
        team.wallet->setKey(QueryKey::wallet(teamId));
    }
}

void LeagueOverviewModel::reload()
{
    // Observing a team's queries may answer from the cache at once and call back in here.
    if (m_reloading) {
        m_reloadAgain = true;
        return;
    }
    m_reloading = true;
    do {
        m_reloadAgain = false;
        reloadOnce();
    } while (m_reloadAgain);
    m_reloading = false;
}

void LeagueOverviewModel::reloadOnce()
{
    SyncClient *client = m_teams->client();
    const bool available = client && client->hasMe() && client->me().role == Protocol::Me::Role::Admin;
    if (available != m_available) {
        m_available = available;
        Q_EMIT availableChanged();
        Q_EMIT statusChanged();
    }
    QList<TeamOverviewRow> next;
    if (Query *teams = m_teams->query(); available && teams && teams->hasData()) {
        for (const QJsonValue &value : teams->data().value(QLatin1String("teams")).toArray()) {
            const QJsonObject team = value.toObject();
            TeamOverviewRow row;
            row.teamId = team.value(QLatin1String("team_id")).toString();
            row.name = team.value(QLatin1String("name")).toString();
            if (!row.teamId.isEmpty())
                next.append(row);
        }
    }
    QStringList ids;
    for (const TeamOverviewRow &row : std::as_const(next))
        ids.append(row.teamId);
    followTeams(ids);

    QStringList currencies;
    for (TeamOverviewRow &row : next) {
        const TeamBindings team = m_perTeam.value(row.teamId);
        if (Query *q = team.squad ? team.squad->query() : nullptr; q && q->hasData()) {
            if (const auto squad = Protocol::parseSquad(q->data()))
                row.squadSize = int(squad->players.size());
            else
                qCWarning(lcModels) << "squad of" << row.teamId << "does not parse:" << squad.error();
        }
        if (Query *q = team.wallet ? team.wallet->query() : nullptr; q && q->hasData()) {
            if (const auto wallet = Protocol::parseWallet(q->data())) {
                row.hasWallet = true;
                for (const Protocol::WalletBalance &balance : wallet->balances) {
                    row.balances.insert(balance.currencyType, balance.balance);
                    row.spent.insert(balance.currencyType, balance.spent);
                    if (!currencies.contains(balance.currencyType))
                        currencies.append(balance.currencyType);
                }
            } else {
                qCWarning(lcModels) << "wallet of" << row.teamId << "does not parse:" << wallet.error();
            }
        }
    }
    currencies.sort();
    const qsizetype before = rows().size();
    applyRows(next);
    if (before != rows().size())
        Q_EMIT countChanged();
    if (currencies != m_currencies) {
        m_currencies = currencies;
        Q_EMIT currenciesChanged();
    }
}

const TeamOverviewRow *LeagueOverviewModel::rowOf(const QString &teamId) const
{
    const int row = indexOf(teamId);
    return row >= 0 ? &rows().at(row) : nullptr;
}

int LeagueOverviewModel::indexOf(const QString &teamId) const
{
    for (qsizetype i = 0; i < rows().size(); ++i) {
        if (rows().at(i).teamId == teamId)
            return int(i);
    }
    return -1;
}

double LeagueOverviewModel::balanceOf(const QString &teamId, const QString &currencyType) const
{
    const TeamOverviewRow *row = rowOf(teamId);
    return row ? double(row->balances.value(currencyType, -1)) : -1.0;
}

double LeagueOverviewModel::spentOf(const QString &teamId, const QString &currencyType) const
{
    const TeamOverviewRow *row = rowOf(teamId);
    return row ? double(row->spent.value(currencyType, -1)) : -1.0;
}

int LeagueOverviewModel::squadSizeOf(const QString &teamId) const
{
    const TeamOverviewRow *row = rowOf(teamId);
    return row ? row->squadSize : -1;
}

#include "SquadModel.h"

#include "ModelsLog.h"
#include "QueryBinding.h"
#include <session/Session.h>

#include <sync/Query.h>

#include <QMap>

SquadModel::SquadModel(QObject *parent) : QAbstractListModel(parent), m_binding(new QueryBinding(this))
{
    connect(m_binding, &QueryBinding::attached, this, &SquadModel::reload);
    connect(m_binding, &QueryBinding::dataChanged, this, &SquadModel::reload);
    connect(m_binding, &QueryBinding::statusChanged, this, &SquadModel::statusChanged);
}

SquadModel::~SquadModel() = default;

QHash<int, QByteArray> SquadModel::roleNames() const
{
    return {{PlayerIdRole, "player_id"}, {NameRole, "name"},
            {PositionRole, "position"}, {ClubRole, "club"},
            {PriceRole, "price"}, {CurrencyTypeRole, "currency_type"},
            {RoundIdRole, "round_id"}, {AcquiredAtRole, "acquired_at"}};
}

QVariant SquadModel::data(const QModelIndex &index, int role) const
{
    const Protocol::SquadPlayer *player = rowAt(index);
    if (!player)
        return {};
    switch (role) {
    case Qt::DisplayRole:
    case NameRole: return player->name;
    case PlayerIdRole: return player->playerId;
    case PositionRole: return player->position;
    case ClubRole: return player->club;
    case PriceRole: return player->price;
    case CurrencyTypeRole: return player->currencyType;
    case RoundIdRole: return player->roundId;
    case AcquiredAtRole: return player->acquiredAt;
    default: return {};
    }
}

QList<int> SquadModel::changedRoles(const Protocol::SquadPlayer &a, const Protocol::SquadPlayer &b) const
{
    QList<int> roles;
    if (a.name != b.name)
        roles << NameRole << Qt::DisplayRole;
    if (a.position != b.position)
        roles << PositionRole;
    if (a.club != b.club)
        roles << ClubRole;
    if (a.price != b.price)
        roles << PriceRole;
    if (a.currencyType != b.currencyType)
        roles << CurrencyTypeRole;
    if (a.roundId != b.roundId)
        roles << RoundIdRole;
    if (a.acquiredAt != b.acquiredAt)
        roles << AcquiredAtRole;
    return roles;
}

Session *SquadModel::session() const
{
    return m_binding->session();
}

void SquadModel::setSession(Session *session)
{
    if (m_binding->session() == session)
        return;
    m_binding->setSession(session);
    Q_EMIT sessionChanged();
}

void SquadModel::setClient(SyncClient *client)
{
    m_binding->setClient(client);
}

void SquadModel::setTeamId(const QString &teamId)
{
    if (m_teamId == teamId)
        return;
    m_teamId = teamId;
    m_binding->setKey(teamId.isEmpty() ? std::nullopt : std::optional(QueryKey::squad(teamId)));
    Q_EMIT teamIdChanged();
}

void SquadModel::reload()
{
    Query *query = m_binding->query();
    if (!query || !query->hasData()) {
        apply({}, -1);
        return;
    }
    load(query->data());
}

void SquadModel::load(const QJsonObject &answer)
{
    const auto squad = Protocol::parseSquad(answer);
    if (!squad) {
        // The cache validated the answer already; this only guards against a future mismatch.
        qCWarning(lcModels) << "squad answer does not parse:" << squad.error();
        return;
    }
    apply(squad->players, squad->revision);
}

void SquadModel::apply(const QList<Protocol::SquadPlayer> &players, qint64 revision)
{
    const int before = count();
    applyRows(players);
    if (count() != before)
        Q_EMIT countChanged();
    if (revision != m_revision) {
        m_revision = revision;
        Q_EMIT revisionChanged();
    }
    QMap<QString, QPair<qint64, int>> sums;
    for (const Protocol::SquadPlayer &player : rows()) {
        auto &sum = sums[player.currencyType];
        sum.first += player.price;
        sum.second += 1;
    }
    QVariantList totals;
    for (auto it = sums.cbegin(); it != sums.cend(); ++it) {
        totals.append(QVariantMap{{QStringLiteral("currency_type"), it.key()},
                                  {QStringLiteral("total"), it.value().first},
                                  {QStringLiteral("count"), it.value().second}});
    }
    if (totals != m_totals) {
        m_totals = totals;
        Q_EMIT totalsChanged();
    }
}

bool SquadModel::isLoading() const
{
    return m_binding->isLoading();
}

bool SquadModel::hasData() const
{
    return m_binding->hasData();
}

QString SquadModel::errorString() const
{
    return m_binding->errorString();
}

QDateTime SquadModel::fetchedAt() const
{
    return m_binding->fetchedAt();
}

#include "SquadModel.h"

#include "Session.h"

#include <sync/Query.h>
#include <sync/SyncClient.h>

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcModels, "leaguedesk.models")

SquadModel::SquadModel(QObject *parent) : KeyedListModel(parent) { }

SquadModel::~SquadModel()
{
    detach();
}

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

void SquadModel::setSession(Session *session)
{
    if (m_session == session)
        return;
    if (m_session)
        m_session->disconnect(this);
    detach();
    m_session = session;
    if (m_session)
        connect(m_session, &Session::clientChanged, this, [this] { detach(); attach(); });
    attach();
    Q_EMIT sessionChanged();
}

void SquadModel::setClient(SyncClient *client)
{
    detach();
    m_directClient = client;
    attach();
}

void SquadModel::setTeamId(const QString &teamId)
{
    if (m_teamId == teamId)
        return;
    detach();
    m_teamId = teamId;
    attach();
    Q_EMIT teamIdChanged();
}

void SquadModel::attach()
{
    SyncClient *client = m_directClient ? m_directClient : (m_session ? m_session->client() : nullptr);
    if (!client || m_teamId.isEmpty())
        return;
    m_client = client;
    m_query = client->observe(QueryKey::squad(m_teamId));
    connect(m_query, &Query::dataChanged, this, &SquadModel::reload);
    connect(m_query, &Query::statusChanged, this, [this] {
        if (m_session && m_query)
            m_session->noteConfirmed(m_query->fetchedAt());
        Q_EMIT statusChanged();
    });
    reload();
    Q_EMIT statusChanged();
}

void SquadModel::detach()
{
    if (m_query) {
        m_query->disconnect(this);
        if (m_client)
            m_client->release(m_query->key());
        m_query = nullptr;
    }
    m_client = nullptr;
    const int before = count();
    applyRows({});
    if (count() != before)
        Q_EMIT countChanged();
    if (m_revision != -1) {
        m_revision = -1;
        Q_EMIT revisionChanged();
    }
    Q_EMIT statusChanged();
}

void SquadModel::reload()
{
    if (!m_query || !m_query->hasData())
        return;
    const auto squad = Protocol::parseSquad(m_query->data());
    if (!squad) {
        // The cache validated the answer already; this only guards against a future mismatch.
        qCWarning(lcModels) << "squad answer does not parse:" << squad.error();
        return;
    }
    const int before = count();
    applyRows(squad->players);
    if (count() != before)
        Q_EMIT countChanged();
    if (squad->revision != m_revision) {
        m_revision = squad->revision;
        Q_EMIT revisionChanged();
    }
}

bool SquadModel::isLoading() const
{
    return m_query && m_query->isFetching();
}

bool SquadModel::hasData() const
{
    return m_query && m_query->hasData();
}

QString SquadModel::errorString() const
{
    return m_query ? m_query->errorMessage() : QString();
}

QDateTime SquadModel::fetchedAt() const
{
    return m_query ? m_query->fetchedAt() : QDateTime();
}

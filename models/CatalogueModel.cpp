#include "CatalogueModel.h"

#include "ModelsLog.h"
#include "QueryBinding.h"

#include <protocol/Player.h>
#include <protocol/Round.h>
#include <protocol/Squad.h>
#include <protocol/Timestamp.h>

#include <sync/Query.h>
#include <sync/QueryCache.h>
#include <sync/RestClient.h>
#include <sync/SyncClient.h>

#include <QJsonArray>
#include <QJsonDocument>

CatalogueModel::CatalogueModel(QObject *parent) : QAbstractListModel(parent), m_binding(new QueryBinding(this))
{
    connect(m_binding, &QueryBinding::attached, this, &CatalogueModel::reload);
    connect(m_binding, &QueryBinding::dataChanged, this, &CatalogueModel::reload);
    connect(m_binding, &QueryBinding::statusChanged, this, &CatalogueModel::statusChanged);
    m_binding->setKey(QueryKey::players());
}

CatalogueModel::~CatalogueModel() = default;

QHash<int, QByteArray> CatalogueModel::roleNames() const
{
    return {{PlayerIdRole, "player_id"}, {NameRole, "name"},     {PositionRole, "position"},
            {ClubRole, "club"},          {StatusRole, "status"}, {SelectedRole, "selected"}};
}

QVariant CatalogueModel::data(const QModelIndex &index, int role) const
{
    const CatalogueRow *row = rowAt(index);
    if (!row)
        return {};
    switch (role) {
    case Qt::DisplayRole:
    case NameRole: return row->name;
    case PlayerIdRole: return row->playerId;
    case PositionRole: return row->position;
    case ClubRole: return row->club;
    case StatusRole: return row->status;
    case SelectedRole: return row->selected;
    default: return {};
    }
}

QList<int> CatalogueModel::changedRoles(const CatalogueRow &a, const CatalogueRow &b) const
{
    QList<int> roles;
    if (a.name != b.name)
        roles << NameRole << Qt::DisplayRole;
    if (a.club != b.club)
        roles << ClubRole;
    if (a.position != b.position)
        roles << PositionRole;
    if (a.status != b.status)
        roles << StatusRole;
    if (a.selected != b.selected)
        roles << SelectedRole;
    return roles;
}

Session *CatalogueModel::session() const
{
    return m_binding->session();
}

void CatalogueModel::setSession(Session *session)
{
    if (m_binding->session() == session)
        return;
    m_binding->setSession(session);
    Q_EMIT sessionChanged();
}

void CatalogueModel::setClient(SyncClient *client)
{
    m_binding->setClient(client);
}

void CatalogueModel::setPosition(const QString &position)
{
    if (m_position == position)
        return;
    m_position = position;
    m_selected.clear(); // a round has one position
    Q_EMIT filterChanged();
    Q_EMIT selectionChanged();
    reload();
}

void CatalogueModel::setStatus(const QString &status)
{
    if (m_status == status)
        return;
    m_status = status;
    Q_EMIT filterChanged();
    reload();
}

bool CatalogueModel::hasData() const
{
    return m_binding->hasData();
}

QStringList CatalogueModel::selectedIds() const
{
    QStringList ids(m_selected.begin(), m_selected.end());
    ids.sort();
    return ids;
}

void CatalogueModel::setSelected(const QString &playerId, bool selected)
{
    bool listed = false;
    for (const CatalogueRow &row : rows())
        listed = listed || row.playerId == playerId;
    if (!listed || m_selected.contains(playerId) == selected)
        return;
    if (selected)
        m_selected.insert(playerId);
    else
        m_selected.remove(playerId);
    reload();
    Q_EMIT selectionChanged();
}

void CatalogueModel::clearSelection()
{
    if (m_selected.isEmpty())
        return;
    m_selected.clear();
    reload();
    Q_EMIT selectionChanged();
}

void CatalogueModel::reload()
{
    QList<CatalogueRow> next;
    if (Query *q = m_binding->query(); q && q->hasData()) {
        const auto catalogue = Protocol::parseCatalogue(q->data());
        if (!catalogue)
            qCWarning(lcModels) << "catalogue does not parse:" << catalogue.error();
        else {
            for (const Protocol::CataloguePlayer &p : catalogue->players) {
                const QString status = Protocol::playerStatusName(p.status);
                if ((!m_position.isEmpty() && p.position != m_position) || (!m_status.isEmpty() && status != m_status))
                    continue;
                next.append({p.playerId, p.name, p.position, p.club, status, m_selected.contains(p.playerId)});
            }
        }
    }
    // A selected player that left the list (now in another round, sold) leaves the selection.
    QSet<QString> listed;
    for (const CatalogueRow &row : std::as_const(next))
        listed.insert(row.playerId);
    const qsizetype selectedBefore = m_selected.size();
    m_selected.intersect(listed);
    const qsizetype before = rows().size();
    applyRows(next);
    if (before != rows().size())
        Q_EMIT countChanged();
    if (selectedBefore != m_selected.size())
        Q_EMIT selectionChanged();
}

bool CatalogueModel::createRound(const QString &currencyType, const QDateTime &closesAt)
{
    SyncClient *client = m_binding->client();
    if (!client || m_sending || m_selected.isEmpty() || !Protocol::isValidPosition(m_position) || !closesAt.isValid()
        || currencyType.isEmpty())
        return false;
    const QJsonObject body{{QStringLiteral("position"), m_position},
                           {QStringLiteral("currency_type"), currencyType},
                           {QStringLiteral("player_ids"), QJsonArray::fromStringList(selectedIds())},
                           {QStringLiteral("closes_at"), Protocol::formatTimestamp(closesAt)}};
    // The same round asked for again (after a lost answer) reuses its key: one round, not two.
    const QByteArray key = m_key.keyFor(QJsonDocument(body).toJson(QJsonDocument::Compact));
    m_sending = true;
    m_errorText.clear();
    Q_EMIT requestChanged();
    client->rest()->post(QStringLiteral("/admin/rounds"), body, key, this,
                         [this](const RestResult &result) { answered(result); });
    return true;
}

void CatalogueModel::answered(const RestResult &result)
{
    m_sending = false;
    m_key.settle(result);
    if (result.isSuccess()) {
        const auto round = Protocol::parseRound(
            QJsonDocument::fromJson(result.body).object().value(QLatin1String("round")).toObject());
        m_selected.clear();
        if (SyncClient *client = m_binding->client()) {
            // players_changed and round_created refresh these when live; this covers the rest.
            client->cache()->invalidate(QueryKey::players());
            client->cache()->invalidate(QueryKey::rounds());
        }
        reload();
        Q_EMIT selectionChanged();
        Q_EMIT requestChanged();
        Q_EMIT roundCreated(round ? round->roundId : QString());
        return;
    }
    if (result.errorCode == QLatin1String("player_unavailable"))
        m_errorText = tr("A selected player is no longer available; the list is updated");
    else if (result.status == 0)
        m_errorText = tr("No answer from the server; try again");
    else
        m_errorText = result.errorMessage.isEmpty() ? tr("The server refused the round (%1)").arg(result.status)
                                                    : result.errorMessage;
    qCInfo(lcModels) << "round not created:" << result.status << result.errorCode;
    Q_EMIT requestChanged();
}

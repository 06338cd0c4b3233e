#include "RoundsModel.h"

#include "ModelsLog.h"
#include "QueryBinding.h"

#include <protocol/Round.h>
#include <protocol/Timestamp.h>

#include <sync/Query.h>
#include <sync/QueryCache.h>
#include <sync/RestClient.h>
#include <sync/SyncClient.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

#include <algorithm>

RoundsModel::RoundsModel(QObject *parent) : QAbstractListModel(parent), m_binding(new QueryBinding(this))
{
    connect(m_binding, &QueryBinding::attached, this, &RoundsModel::reload);
    connect(m_binding, &QueryBinding::dataChanged, this, &RoundsModel::reload);
    connect(m_binding, &QueryBinding::statusChanged, this, &RoundsModel::statusChanged);
    connect(m_binding, &QueryBinding::clientChanged, this, [this] {
        if (SyncClient *client = m_binding->client())
            connect(client, &SyncClient::meChanged, this, &RoundsModel::reload, Qt::UniqueConnection);
        reload();
    });
    m_binding->setKey(QueryKey::rounds());
}

RoundsModel::~RoundsModel() = default;

QHash<int, QByteArray> RoundsModel::roleNames() const
{
    return {{RoundIdRole, "round_id"},       {PositionRole, "position"},       {CurrencyRole, "currency_type"},
            {FinalizedRole, "finalized"},    {ClosesAtRole, "closes_at"},      {PlayerCountRole, "player_count"},
            {OwnBidCountRole, "own_bid_count"}, {CommittedRole, "committed"}};
}

QVariant RoundsModel::data(const QModelIndex &index, int role) const
{
    const RoundRow *row = rowAt(index);
    if (!row)
        return {};
    switch (role) {
    case Qt::DisplayRole:
    case RoundIdRole: return row->roundId;
    case PositionRole: return row->position;
    case CurrencyRole: return row->currencyType;
    case FinalizedRole: return row->finalized;
    case ClosesAtRole: return row->closesAt;
    case PlayerCountRole: return row->playerCount;
    case OwnBidCountRole: return row->ownBidCount;
    case CommittedRole: return double(row->committed);
    default: return {};
    }
}

QList<int> RoundsModel::changedRoles(const RoundRow &a, const RoundRow &b) const
{
    QList<int> roles;
    if (a.position != b.position)
        roles << PositionRole;
    if (a.currencyType != b.currencyType)
        roles << CurrencyRole;
    if (a.finalized != b.finalized)
        roles << FinalizedRole;
    if (a.closesAt != b.closesAt)
        roles << ClosesAtRole;
    if (a.playerCount != b.playerCount)
        roles << PlayerCountRole;
    if (a.ownBidCount != b.ownBidCount)
        roles << OwnBidCountRole;
    if (a.committed != b.committed)
        roles << CommittedRole;
    return roles;
}

Session *RoundsModel::session() const
{
    return m_binding->session();
}

void RoundsModel::setSession(Session *session)
{
    if (m_binding->session() == session)
        return;
    m_binding->setSession(session);
    Q_EMIT sessionChanged();
}

void RoundsModel::setClient(SyncClient *client)
{
    m_binding->setClient(client);
}

bool RoundsModel::isAvailable() const
{
    return m_available;
}

int RoundsModel::openCount() const
{
    return int(std::count_if(rows().begin(), rows().end(), [](const RoundRow &r) { return !r.finalized; }));
}

bool RoundsModel::hasData() const
{
    return m_binding->hasData();
}

bool RoundsModel::isLoading() const
{
    return m_binding->isLoading();
}

QString RoundsModel::errorString() const
{
    return m_binding->errorString();
}

QVariantMap RoundsModel::committed() const
{
    return m_committed;
}

double RoundsModel::committedIn(const QString &currencyType) const
{
    return m_committed.value(currencyType, 0.0).toDouble();
}

int RoundsModel::indexOf(const QString &roundId) const
{
    for (qsizetype i = 0; i < rows().size(); ++i) {
        if (rows().at(i).roundId == roundId)
            return int(i);
    }
    return -1;
}

bool RoundsModel::isManager() const
{
    SyncClient *client = m_binding->client();
    return client && client->hasMe() && client->me().role == Protocol::Me::Role::Manager;
}

void RoundsModel::followOwnBids(const QStringList &openRounds)
{
    // One query per open round, observed while the round is open; a manager's own bids only.
    const QStringList wanted = isManager() && m_available ? openRounds : QStringList();
    for (auto it = m_bidBindings.begin(); it != m_bidBindings.end();) {
        if (!wanted.contains(it.key())) {
            delete it.value();
            it = m_bidBindings.erase(it);
        } else {
            ++it;
        }
    }
    for (const QString &roundId : wanted) {
        if (m_bidBindings.contains(roundId))
            continue;
        auto *binding = new QueryBinding(this);
        m_bidBindings.insert(roundId, binding);
        if (m_binding->session())
            binding->setSession(m_binding->session());
        else
            binding->setClient(m_binding->client());
        connect(binding, &QueryBinding::dataChanged, this, &RoundsModel::reload);
        binding->setKey(QueryKey::roundBids(roundId));
    }
}

void RoundsModel::reload()
{
    // Following a new round's bids may answer from the cache at once and call back in here.
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

void RoundsModel::reloadOnce()
{
    SyncClient *client = m_binding->client();
    const bool available = client && client->supportsProtocol11();
    if (available != m_available) {
        m_available = available;
        Q_EMIT availableChanged();
    }
    QList<RoundRow> next;
    Query *query = m_binding->query();
    if (query && query->hasData()) {
        const auto list = Protocol::parseRoundList(query->data());
        if (!list)
            qCWarning(lcModels) << "rounds answer does not parse:" << list.error();
        else {
            for (const Protocol::Round &round : list->rounds) {
                RoundRow row;
                row.roundId = round.roundId;
                row.position = round.position;
                row.currencyType = round.currencyType;
                row.finalized = round.status == Protocol::Round::Status::Finalized;
                row.closesAt = Protocol::parseTimestamp(round.closesAt);
                row.playerCount = int(round.playerIds.size());
                next.append(row);
            }
        }
    }
    QStringList open;
    for (const RoundRow &row : std::as_const(next)) {
        if (!row.finalized)
            open.append(row.roundId);
    }
    followOwnBids(open);
    QVariantMap committed;
    for (RoundRow &row : next) {
        QueryBinding *bids = m_bidBindings.value(row.roundId);
        if (!bids || !bids->query() || !bids->query()->hasData())
            continue;
        const auto parsed = Protocol::parseRoundBids(bids->query()->data());
        if (!parsed)
            continue;
        for (const Protocol::SealedBid &bid : parsed->bids) {
            ++row.ownBidCount;
            row.committed += bid.amount;
        }
        if (row.committed > 0)
            committed[row.currencyType] = committed.value(row.currencyType, 0.0).toDouble() + double(row.committed);
    }
    std::stable_sort(next.begin(), next.end(), [](const RoundRow &a, const RoundRow &b) {
        if (a.finalized != b.finalized)
            return !a.finalized;
        return a.finalized ? a.roundId > b.roundId : a.closesAt < b.closesAt;
    });
    const qsizetype before = rows().size();
    const int openBefore = openCount();
    applyRows(next);
    if (before != rows().size() || openBefore != openCount())
        Q_EMIT countChanged();
    if (committed != m_committed) {
        m_committed = committed;
        Q_EMIT committedChanged();
    }
}

bool RoundsModel::finalizeRound(const QString &roundId)
{
    return runAction(roundId, true);
}

bool RoundsModel::deleteRound(const QString &roundId)
{
    return runAction(roundId, false);
}

bool RoundsModel::runAction(const QString &roundId, bool finalize)
{
    SyncClient *client = m_binding->client();
    if (!client || m_busy || roundId.isEmpty())
        return false;
    const QString what = (finalize ? QStringLiteral("finalize/") : QStringLiteral("delete/")) + roundId;
    const QByteArray key = m_actionKey.keyFor(what.toUtf8());
    m_busy = true;
    m_actionError.clear();
    m_actionText.clear();
    Q_EMIT actionChanged();
    auto done = [this, roundId, finalize](const RestResult &result) {
        m_busy = false;
        m_actionKey.settle(result);
        const QJsonObject body = QJsonDocument::fromJson(result.body).object();
        if (result.isSuccess()) {
            if (finalize) {
                const qsizetype acquired = body.value(QLatin1String("acquired")).toArray().size();
                const qsizetype tiebreakers = body.value(QLatin1String("tiebreakers")).toArray().size();
                m_actionText = tr("Round %1 finalized: %n player(s) acquired", "", int(acquired)).arg(roundId)
                    + (tiebreakers > 0 ? tr(", %n tiebreaker(s) opened", "", int(tiebreakers)) : QString());
            } else {
                QStringList refunds;
                for (const QJsonValue &value : body.value(QLatin1String("refunded")).toArray()) {
                    const QJsonObject r = value.toObject();
                    refunds.append(tr("%1 %2 to %3")
                                       .arg(QLocale().toString(r.value(QLatin1String("amount")).toInteger()),
                                            r.value(QLatin1String("currency_type")).toString(),
                                            m_binding->teamName(r.value(QLatin1String("team_id")).toString())));
                }
                m_actionText = refunds.isEmpty() ? tr("Round %1 deleted; nothing to refund").arg(roundId)
                                                 : tr("Round %1 deleted; refunded %2").arg(roundId, refunds.join(QLatin1String(", ")));
            }
            // The rounds channel reports it when live; this covers a dashboard that is not.
            if (SyncClient *c = m_binding->client()) {
                c->cache()->invalidate(QueryKey::rounds());
                c->cache()->invalidate(QueryKey::players());
            }
        } else {
            if (result.errorCode == QLatin1String("round_closed"))
                m_actionError = tr("Round %1 is already finalized").arg(roundId);
            else if (result.errorCode == QLatin1String("not_found"))
                m_actionError = tr("Round %1 no longer exists").arg(roundId);
            else if (result.status == 0)
                m_actionError = tr("No answer from the server; try again");
            else
                m_actionError = result.errorMessage.isEmpty() ? tr("Refused (%1)").arg(result.status) : result.errorMessage;
            qCInfo(lcModels) << (finalize ? "finalize" : "delete") << roundId << "refused:" << result.status << result.errorCode;
        }
        Q_EMIT actionChanged();
        Q_EMIT actionDone(roundId, result.isSuccess());
    };
    if (finalize)
        client->rest()->post(QStringLiteral("/admin/rounds/%1/finalize").arg(roundId), {}, key, this, done);
    else
        client->rest()->deleteResource(QStringLiteral("/admin/rounds/%1").arg(roundId), this, done, key);
    return true;
}

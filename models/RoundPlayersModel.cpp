#include "RoundPlayersModel.h"

#include <algorithm>

#include "ModelsLog.h"
#include "QueryBinding.h"

#include <protocol/Player.h>
#include <protocol/Round.h>
#include <protocol/Timestamp.h>

#include <sync/Query.h>
#include <sync/QueryCache.h>
#include <sync/RestClient.h>
#include <sync/SyncClient.h>

#include <QLocale>

#include <algorithm>
#include <cmath>

RoundPlayersModel::RoundPlayersModel(QObject *parent)
    : QAbstractListModel(parent), m_rounds(makeBinding()), m_players(makeBinding()), m_bids(makeBinding())
{
    m_rounds->setKey(QueryKey::rounds());
    m_players->setKey(QueryKey::players());
}

RoundPlayersModel::~RoundPlayersModel() = default;

QueryBinding *RoundPlayersModel::makeBinding()
{
    auto *binding = new QueryBinding(this);
    connect(binding, &QueryBinding::attached, this, &RoundPlayersModel::reload);
    connect(binding, &QueryBinding::dataChanged, this, &RoundPlayersModel::reload);
    return binding;
}

QHash<int, QByteArray> RoundPlayersModel::roleNames() const
{
    return {{PlayerIdRole, "player_id"}, {NameRole, "name"},       {ClubRole, "club"},         {OwnBidRole, "own_bid"},
            {BidCountRole, "bid_count"}, {TeamBidsRole, "team_bids"}, {SendingRole, "sending"}, {ErrorTextRole, "error_text"}};
}

QVariant RoundPlayersModel::data(const QModelIndex &index, int role) const
{
    const RoundPlayerRow *row = rowAt(index);
    if (!row)
        return {};
    switch (role) {
    case Qt::DisplayRole:
    case NameRole: return row->name;
    case PlayerIdRole: return row->playerId;
    case ClubRole: return row->club;
    case OwnBidRole: return double(row->ownBid);
    case BidCountRole: return int(row->bidCount);
    case TeamBidsRole: {
        QVariantList bids;
        for (const RoundTeamBid &bid : row->teamBids)
            bids.append(QVariantMap{{QStringLiteral("team_id"), bid.teamId}, {QStringLiteral("amount"), double(bid.amount)}});
        return bids;
    }
    case SendingRole: return row->sending;
    case ErrorTextRole: return row->errorText;
    default: return {};
    }
}

QList<int> RoundPlayersModel::changedRoles(const RoundPlayerRow &a, const RoundPlayerRow &b) const
{
    QList<int> roles;
    if (a.name != b.name)
        roles << NameRole << Qt::DisplayRole;
    if (a.club != b.club)
        roles << ClubRole;
    if (a.ownBid != b.ownBid)
        roles << OwnBidRole;
    if (a.bidCount != b.bidCount)
        roles << BidCountRole;
    if (a.teamBids != b.teamBids)
        roles << TeamBidsRole;
    if (a.sending != b.sending)
        roles << SendingRole;
    if (a.errorText != b.errorText)
        roles << ErrorTextRole;
    return roles;
}

Session *RoundPlayersModel::session() const
{
    return m_rounds->session();
}

void RoundPlayersModel::setSession(Session *session)
{
    if (m_rounds->session() == session)
        return;
    for (QueryBinding *binding : {m_rounds, m_players, m_bids})
        binding->setSession(session);
    Q_EMIT sessionChanged();
}

void RoundPlayersModel::setClient(SyncClient *client)
{
    for (QueryBinding *binding : {m_rounds, m_players, m_bids})
        binding->setClient(client);
}

void RoundPlayersModel::setRoundId(const QString &roundId)
{
    if (m_roundId == roundId)
        return;
    m_roundId = roundId;
    m_pending.clear();
    m_bids->setKey(roundId.isEmpty() ? std::nullopt : std::optional<QueryKey>(QueryKey::roundBids(roundId)));
    Q_EMIT roundIdChanged();
    reload();
}

bool RoundPlayersModel::hasData() const
{
    return m_rounds->hasData() && m_players->hasData() && m_bids->hasData();
}

double RoundPlayersModel::committed() const
{
    qint64 sum = 0;
    for (const RoundPlayerRow &row : rows()) {
        if (row.ownBid > 0)
            sum += row.ownBid;
    }
    return double(sum);
}

void RoundPlayersModel::reload()
{
    std::optional<Protocol::Round> round;
    if (Query *q = m_rounds->query(); q && q->hasData()) {
        if (const auto list = Protocol::parseRoundList(q->data())) {
            for (const Protocol::Round &r : list->rounds) {
                if (r.roundId == m_roundId)
                    round = r;
            }
        }
    }
    QHash<QString, Protocol::CataloguePlayer> catalogue;
    if (Query *q = m_players->query(); q && q->hasData()) {
        if (const auto parsed = Protocol::parseCatalogue(q->data())) {
            for (const Protocol::CataloguePlayer &p : parsed->players)
                catalogue.insert(p.playerId, p);
        }
    }
    // The caller's team: its bid is "own"; an admin sees every team's and owns none.
    SyncClient *client = m_rounds->client();
    const QString ownTeam = client && client->hasMe() ? client->me().teamId : QString();
    QHash<QString, qint64> own;
    QHash<QString, qint64> counts;
    QHash<QString, QList<RoundTeamBid>> byPlayer;
    if (Query *q = m_bids->query(); q && q->hasData()) {
        if (const auto parsed = Protocol::parseRoundBids(q->data())) {
            for (const Protocol::SealedBid &bid : parsed->bids) {
                ++counts[bid.playerId];
                byPlayer[bid.playerId].append({bid.teamId, bid.amount});
                if (!ownTeam.isEmpty() && bid.teamId == ownTeam)
                    own.insert(bid.playerId, bid.amount);
            }
        }
    }
    QList<RoundPlayerRow> next;
    if (round) {
        for (const QString &playerId : round->playerIds) {
            RoundPlayerRow row;
            row.playerId = playerId;
            const Protocol::CataloguePlayer p = catalogue.value(playerId);
            row.name = p.name.isEmpty() ? playerId : p.name;
            row.club = p.club;
            row.ownBid = own.value(playerId, -1);
            row.bidCount = counts.value(playerId);
            row.teamBids = byPlayer.value(playerId);
            std::sort(row.teamBids.begin(), row.teamBids.end(), [](const RoundTeamBid &a, const RoundTeamBid &b) {
                return a.amount != b.amount ? a.amount > b.amount : a.teamId < b.teamId;
            });
            const Pending pending = m_pending.value(playerId);
            row.sending = pending.sending;
            row.errorText = pending.errorText;
            next.append(row);
        }
    }
    const QString currency = round ? round->currencyType : QString();
    const QString position = round ? round->position : QString();
    const QDateTime closesAt = round ? Protocol::parseTimestamp(round->closesAt) : QDateTime();
    const bool finalized = round && round->status == Protocol::Round::Status::Finalized;
    const qsizetype before = rows().size();
    const double committedBefore = committed();
    applyRows(next);
    if (before != rows().size())
        Q_EMIT countChanged();
    const bool changed = currency != m_currencyType || position != m_position || closesAt != m_closesAt
        || finalized != m_finalized || committedBefore != committed();
    m_currencyType = currency;
    m_position = position;
    m_closesAt = closesAt;
    m_finalized = finalized;
    if (changed || hasData())
        Q_EMIT detailsChanged(); // hasData follows the three queries
}

bool RoundPlayersModel::placeBid(const QString &playerId, double amount)
{
    // Money is whole units; the field lets only digits through, this guards the rest.
    if (!std::isfinite(amount) || amount < 1 || amount != std::floor(amount) || amount > 9007199254740992.0)
        return false;
    return send(playerId, qint64(amount));
}

bool RoundPlayersModel::withdrawBid(const QString &playerId)
{
    return send(playerId, -1);
}

bool RoundPlayersModel::send(const QString &playerId, qint64 amount)
{
    SyncClient *client = m_rounds->client();
    if (!client || m_roundId.isEmpty() || !client->supportsProtocol11())
        return false;
    Pending &pending = m_pending[playerId];
    if (pending.sending)
        return false; // no double submission
    const QByteArray key = pending.key.keyFor(amount < 0 ? QByteArrayLiteral("withdraw") : QByteArray::number(amount));
    pending.sending = true;
    pending.errorText.clear();
    reload();
    const QString roundId = m_roundId;
    auto callback = [this, playerId, amount, roundId](const RestResult &result) {
        if (roundId == m_roundId)
            answered(playerId, amount, result);
    };
    if (amount < 0) {
        client->rest()->deleteResource(QStringLiteral("/rounds/%1/bids/%2").arg(roundId, playerId), this, callback,
                                       key);
    } else {
        client->rest()->post(QStringLiteral("/rounds/%1/bids").arg(roundId),
                             QJsonObject{{QStringLiteral("player_id"), playerId}, {QStringLiteral("amount"), amount}},
                             key, this, callback);
    }
    return true;
}

void RoundPlayersModel::answered(const QString &playerId, qint64 amount, const RestResult &result)
{
    Pending &pending = m_pending[playerId];
    pending.sending = false;
    pending.key.settle(result);
    const bool ok = result.isSuccess();
    if (ok) {
        m_pending.remove(playerId);
        // The round_bid event refreshes the bids too; this covers a dashboard that is not live.
        if (SyncClient *client = m_rounds->client())
            client->cache()->invalidate(QueryKey::roundBids(m_roundId));
    } else {
        const QString code = result.failureCode();
        pending.errorText = refusalText(code, amount, amount < 0);
        qCInfo(lcModels) << (amount < 0 ? "withdrawal" : "sealed bid") << "refused:" << result.status << code;
    }
    reload();
    Q_EMIT bidAnswered(playerId, ok);
}

QString RoundPlayersModel::refusalText(const QString &code, qint64 amount, bool withdrawal) const
{
    if (code == QLatin1String("round_closed"))
        return tr("This round has closed");
    if (code == QLatin1String("insufficient_funds"))
        return tr("Not enough %1 for a bid of %2").arg(m_currencyType, QLocale().toString(amount));
    if (code == QLatin1String("not_found"))
        return withdrawal ? tr("There is no bid to withdraw") : tr("This player is no longer in the round");
    if (code == QLatin1String("network"))
        return tr("No answer from the server; try again");
    if (code == QLatin1String("rate_limited"))
        return tr("Too many requests; try again in a moment");
    return tr("The server refused this (%1)").arg(code);
}

#include "TiebreakerListModel.h"

#include "ModelsLog.h"
#include "QueryBinding.h"

#include <protocol/Events.h>
#include <sync/Query.h>
#include <sync/RestClient.h>
#include <sync/SyncClient.h>

#include <QJsonDocument>

#include <algorithm>

TiebreakerListModel::TiebreakerListModel(QObject *parent)
    : QAbstractListModel(parent), m_binding(new QueryBinding(this)), m_teams(new QueryBinding(this))
{
    // A winner that did not make the highest bid is named from the teams list, which may come
    // later than the tiebreakers: rename when it does.
    m_teams->setKey(QueryKey::teams());
    const auto renamed = [this] {
        if (count() > 0)
            Q_EMIT dataChanged(index(0), index(count() - 1), {WinnerTeamNameRole});
    };
    connect(m_teams, &QueryBinding::attached, this, renamed);
    connect(m_teams, &QueryBinding::dataChanged, this, renamed);
    connect(m_binding, &QueryBinding::attached, this, &TiebreakerListModel::reload);
    connect(m_binding, &QueryBinding::dataChanged, this, &TiebreakerListModel::reload);
    connect(m_binding, &QueryBinding::statusChanged, this, &TiebreakerListModel::statusChanged);
    connect(m_binding, &QueryBinding::clientChanged, this, &TiebreakerListModel::connectClient);
    rebind();
}

TiebreakerListModel::~TiebreakerListModel()
{
    m_followEach = false;
    updateFollowed();
}

void TiebreakerListModel::setFollowEach(bool follow)
{
    if (m_followEach == follow)
        return;
    m_followEach = follow;
    updateFollowed();
    Q_EMIT followEachChanged();
}

void TiebreakerListModel::updateFollowed()
{
    SyncClient *client = m_followEach ? m_binding->client() : nullptr;
    if (m_followClient != client) {
        if (m_followClient) {
            for (const QString &id : std::as_const(m_followed))
                m_followClient->release(QueryKey::tiebreaker(id));
        }
        m_followed.clear();
        m_followClient = client;
    }
    if (!client)
        return;
    QSet<QString> wanted;
    for (const Protocol::Tiebreaker &t : rows()) {
        if (t.status == Protocol::TiebreakerStatus::Active)
            wanted.insert(t.tiebreakerId);
    }
    for (const QString &id : std::as_const(m_followed)) {
        if (!wanted.contains(id))
            client->release(QueryKey::tiebreaker(id));
    }
    for (const QString &id : std::as_const(wanted)) {
        if (!m_followed.contains(id))
            client->observe(QueryKey::tiebreaker(id));
    }
    m_followed = wanted;
}

QHash<int, QByteArray> TiebreakerListModel::roleNames() const
{
    return {{TiebreakerIdRole, "tiebreaker_id"}, {PlayerIdRole, "player_id"}, {PlayerNameRole, "player_name"},
            {RoundIdRole, "round_id"}, {CurrencyTypeRole, "currency_type"}, {StatusRole, "status"},
            {ParticipantsRole, "participants"}, {StartingAmountRole, "starting_amount"},
            {HighestBidAmountRole, "highest_bid_amount"}, {HighestBidTeamIdRole, "highest_bid_team_id"},
            {HighestBidTeamNameRole, "highest_bid_team_name"}, {HighestBidTsRole, "highest_bid_ts"},
            {MinIncrementRole, "min_increment"}, {DeadlineRole, "deadline"},
            {WinnerTeamIdRole, "winner_team_id"}, {WinnerTeamNameRole, "winner_team_name"},
            {MinimumNextBidRole, "minimum_next_bid"}, {WinningAmountRole, "winning_amount"},
            {HighestBidLostRole, "highest_bid_lost"}};
}

QVariant TiebreakerListModel::data(const QModelIndex &index, int role) const
{
    const Protocol::Tiebreaker *t = rowAt(index);
    if (!t)
        return {};
    switch (role) {
    case Qt::DisplayRole:
    case PlayerNameRole: return t->playerName;
    case TiebreakerIdRole: return t->tiebreakerId;
    case PlayerIdRole: return t->playerId;
    case RoundIdRole: return t->roundId;
    case CurrencyTypeRole: return t->currencyType;
    case StatusRole: return Protocol::tiebreakerStatusName(t->status);
    case ParticipantsRole: return t->participants;
    case StartingAmountRole: return t->startingAmount;
    case HighestBidAmountRole: return t->highestBid ? t->highestBid->amount : qint64(-1);
    case HighestBidTeamIdRole: return t->highestBid ? t->highestBid->teamId : QString();
    case HighestBidTeamNameRole: return t->highestBid ? t->highestBid->teamName : QString();
    case HighestBidTsRole: return t->highestBid ? t->highestBid->ts : QString();
    case MinIncrementRole: return t->minIncrement;
    case DeadlineRole: return t->deadlineTime();
    case WinnerTeamIdRole: return t->winnerTeamId;
    case WinnerTeamNameRole:
        // The winner is the highest bidder that could still pay, not always the highest bid.
        return t->winnerTeamId.isEmpty() || !t->winnerTeamName().isEmpty() ? t->winnerTeamName()
                                                                             : m_teams->teamName(t->winnerTeamId);
    case MinimumNextBidRole: return t->minimumNextBid();
    case WinningAmountRole: return t->pricePaid();
    case HighestBidLostRole: return t->highestBidLost();
    default: return {};
    }
}

QList<int> TiebreakerListModel::changedRoles(const Protocol::Tiebreaker &a, const Protocol::Tiebreaker &b) const
{
    QList<int> roles;
    if (a.playerId != b.playerId)
        roles << PlayerIdRole;
    if (a.playerName != b.playerName)
        roles << PlayerNameRole << Qt::DisplayRole;
    if (a.roundId != b.roundId)
        roles << RoundIdRole;
    if (a.currencyType != b.currencyType)
        roles << CurrencyTypeRole;
    if (a.status != b.status)
        roles << StatusRole;
    if (a.participants != b.participants)
        roles << ParticipantsRole;
    if (a.startingAmount != b.startingAmount)
        roles << StartingAmountRole;
    if (a.highestBid != b.highestBid) {
        const auto amount = [](const Protocol::Tiebreaker &t) { return t.highestBid ? t.highestBid->amount : -1; };
        const auto team = [](const Protocol::Tiebreaker &t) { return t.highestBid ? t.highestBid->teamId : QString(); };
        const auto name = [](const Protocol::Tiebreaker &t) { return t.highestBid ? t.highestBid->teamName : QString(); };
        const auto ts = [](const Protocol::Tiebreaker &t) { return t.highestBid ? t.highestBid->ts : QString(); };
        if (amount(a) != amount(b))
            roles << HighestBidAmountRole;
        if (team(a) != team(b))
            roles << HighestBidTeamIdRole;
        if (name(a) != name(b))
            roles << HighestBidTeamNameRole;
        if (ts(a) != ts(b))
            roles << HighestBidTsRole;
    }
    if (a.minIncrement != b.minIncrement)
        roles << MinIncrementRole;
    if (a.deadline != b.deadline)
        roles << DeadlineRole;
    if (a.winnerTeamId != b.winnerTeamId)
        roles << WinnerTeamIdRole;
    if (a.winnerTeamName() != b.winnerTeamName())
        roles << WinnerTeamNameRole;
    if (a.minimumNextBid() != b.minimumNextBid())
        roles << MinimumNextBidRole;
    if (a.pricePaid() != b.pricePaid())
        roles << WinningAmountRole;
    if (a.highestBidLost() != b.highestBidLost())
        roles << HighestBidLostRole;
    return roles;
}

Session *TiebreakerListModel::session() const
{
    return m_binding->session();
}

void TiebreakerListModel::setSession(Session *session)
{
    if (m_binding->session() == session)
        return;
    m_binding->setSession(session);
    m_teams->setSession(session);
    Q_EMIT sessionChanged();
}

void TiebreakerListModel::setClient(SyncClient *client)
{
    m_binding->setClient(client);
    m_teams->setClient(client);
}

void TiebreakerListModel::setStatus(const QString &status)
{
    if (m_status == status)
        return;
    m_status = status;
    rebind();
    Q_EMIT statusFilterChanged();
}

void TiebreakerListModel::setParticipant(const QString &teamId)
{
    if (m_participant == teamId)
        return;
    m_participant = teamId;
    reload();
    Q_EMIT participantChanged();
}

void TiebreakerListModel::rebind()
{
    // Both lists are cached queries: conditional requests, refetched on the tiebreaker events,
    // polled while not live, restored from disk.
    m_binding->setKey(closedMode() ? QueryKey::allTiebreakers() : QueryKey::activeTiebreakers());
}

void TiebreakerListModel::connectClient()
{
    updateFollowed();
    reload();
}

void TiebreakerListModel::reload()
{
    Query *query = m_binding->query();
    load(query && query->hasData() ? query->data() : QJsonObject());
}

void TiebreakerListModel::load(const QJsonObject &answer)
{
    // No data yet is an empty list; an answer that does not parse (the cache refuses those before
    // they reach a model) leaves the rows as they were.
    QList<Protocol::Tiebreaker> list;
    if (!answer.isEmpty()) {
        auto parsed = Protocol::parseTiebreakerList(answer);
        if (!parsed) {
            qCWarning(lcModels) << "tiebreaker list does not parse:" << parsed.error();
            return;
        }
        list = std::move(parsed.value().tiebreakers);
    }
    list.erase(std::remove_if(list.begin(), list.end(), [this](const Protocol::Tiebreaker &t) {
        if (!m_participant.isEmpty() && !t.participants.contains(m_participant))
            return true;
        const bool active = t.status == Protocol::TiebreakerStatus::Active;
        return closedMode() ? active : !active;
    }), list.end());
    if (closedMode()) {
        std::stable_sort(list.begin(), list.end(), [](const Protocol::Tiebreaker &x, const Protocol::Tiebreaker &y) {
            return x.deadlineTime() > y.deadlineTime();
        });
    } else {
        // Creation order, not deadline: a late bid pushes a deadline, and cards should not jump.
        std::stable_sort(list.begin(), list.end(),
                         [](const Protocol::Tiebreaker &x, const Protocol::Tiebreaker &y) { return x.tiebreakerId < y.tiebreakerId; });
    }
    const int before = count();
    applyRows(list);
    if (before != count())
        Q_EMIT countChanged();
    updateFollowed();
}

int TiebreakerListModel::indexOf(const QString &tiebreakerId) const
{
    for (qsizetype i = 0; i < rows().size(); ++i) {
        if (rows().at(i).tiebreakerId == tiebreakerId)
            return int(i);
    }
    return -1;
}

bool TiebreakerListModel::isLoading() const
{
    return m_binding->isLoading();
}

bool TiebreakerListModel::hasData() const
{
    return m_binding->hasData();
}

QString TiebreakerListModel::errorString() const
{
    return m_binding->errorString();
}

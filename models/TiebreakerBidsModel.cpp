#include "TiebreakerBidsModel.h"

#include "ModelsLog.h"
#include "QueryBinding.h"

#include <sync/Query.h>
#include <sync/QueryCache.h>
#include <sync/RestClient.h>
#include <sync/SyncClient.h>

#include <QJsonDocument>
#include <QLocale>
#include <QSet>

#include <algorithm>

TiebreakerBidsModel::TiebreakerBidsModel(QObject *parent) : QAbstractListModel(parent), m_binding(new QueryBinding(this))
{
    connect(m_binding, &QueryBinding::attached, this, &TiebreakerBidsModel::reload);
    connect(m_binding, &QueryBinding::dataChanged, this, &TiebreakerBidsModel::reload);
    connect(m_binding, &QueryBinding::statusChanged, this, &TiebreakerBidsModel::statusChanged);
}

TiebreakerBidsModel::~TiebreakerBidsModel() = default;

QHash<int, QByteArray> TiebreakerBidsModel::roleNames() const
{
    return {{TeamIdRole, "team_id"}, {TeamNameRole, "team_name"}, {AmountRole, "amount"}, {TsRole, "ts"},
            {IsHighestRole, "is_highest"}, {IsOwnRole, "is_own"}};
}

QVariant TiebreakerBidsModel::data(const QModelIndex &index, int role) const
{
    const Protocol::TiebreakerBid *bid = rowAt(index);
    if (!bid)
        return {};
    switch (role) {
    case Qt::DisplayRole:
    case TeamNameRole: return bid->teamName;
    case TeamIdRole: return bid->teamId;
    case AmountRole: return bid->amount;
    case TsRole: return bid->ts;
    case IsHighestRole: return m_details.highestBid && m_details.highestBid->key() == bid->key();
    case IsOwnRole: return !m_teamId.isEmpty() && bid->teamId == m_teamId;
    default: return {};
    }
}

QList<int> TiebreakerBidsModel::changedRoles(const Protocol::TiebreakerBid &a, const Protocol::TiebreakerBid &b) const
{
    // The key covers team, time and amount; only the name can change under it.
    return a.teamName != b.teamName ? QList<int>{TeamNameRole, Qt::DisplayRole} : QList<int>{};
}

Session *TiebreakerBidsModel::session() const
{
    return m_binding->session();
}

void TiebreakerBidsModel::setSession(Session *session)
{
    if (m_binding->session() == session)
        return;
    m_binding->setSession(session);
    Q_EMIT sessionChanged();
}

void TiebreakerBidsModel::setClient(SyncClient *client)
{
    m_binding->setClient(client);
}

void TiebreakerBidsModel::setTiebreakerId(const QString &id)
{
    if (m_tiebreakerId == id)
        return;
    m_tiebreakerId = id;
    m_bidKey.clear();
    m_acceptedAmount = -1;
    clearBidState();
    m_binding->setKey(id.isEmpty() ? std::nullopt : std::optional(QueryKey::tiebreaker(id)));
    Q_EMIT tiebreakerIdChanged();
}

void TiebreakerBidsModel::setTeamId(const QString &teamId)
{
    if (m_teamId == teamId)
        return;
    m_teamId = teamId;
    if (count() > 0)
        Q_EMIT dataChanged(index(0), index(count() - 1), {IsOwnRole});
    Q_EMIT teamIdChanged();
    Q_EMIT detailsChanged();
}

void TiebreakerBidsModel::reload()
{
    Query *query = m_binding->query();
    if (!query || !query->hasData()) {
        apply({});
        return;
    }
    load(query->data());
}

void TiebreakerBidsModel::load(const QJsonObject &answer)
{
    if (const auto details = Protocol::parseTiebreaker(answer))
        apply(details.value());
    else
        qCWarning(lcModels) << "tiebreaker answer does not parse:" << details.error();
}

void TiebreakerBidsModel::apply(const Protocol::Tiebreaker &details)
{
    const std::optional<Protocol::TiebreakerBid> oldHighest = m_details.highestBid;
    const bool changed = !(details == m_details);
    m_details = details;
    QList<Protocol::TiebreakerBid> bids = details.bids.value_or(QList<Protocol::TiebreakerBid>());
    std::reverse(bids.begin(), bids.end()); // newest first: the history reads from the top
    const int before = count();
    QSet<QString> known;
    for (const Protocol::TiebreakerBid &bid : rows())
        known.insert(bid.key());
    applyRows(bids);
    if (before != count())
        Q_EMIT countChanged();
    if (oldHighest != m_details.highestBid) {
        // The highest mark moves from one row to another (rows just inserted read it already).
        for (int row = 0; row < count(); ++row) {
            const QString key = rows().at(row).key();
            if (!known.contains(key))
                continue;
            if ((oldHighest && oldHighest->key() == key) || (m_details.highestBid && m_details.highestBid->key() == key))
                Q_EMIT dataChanged(index(row), index(row), {IsHighestRole});
        }
    }
    if (changed) {
        Q_EMIT detailsChanged();
        // "bid at least N" follows the newest minimum, and "leading" the newest highest bid.
        Q_EMIT bidStateChanged();
    }
}

qint64 TiebreakerBidsModel::myLastBid() const
{
    if (m_teamId.isEmpty())
        return -1;
    for (const Protocol::TiebreakerBid &bid : rows()) { // newest first
        if (bid.teamId == m_teamId)
            return bid.amount;
    }
    return -1;
}

void TiebreakerBidsModel::clearBidState()
{
    if (m_bidErrorCode.isEmpty() && m_confirmation.isEmpty())
        return;
    m_bidErrorCode.clear();
    m_bidErrorMessage.clear();
    m_confirmation.clear();
    Q_EMIT bidStateChanged();
}

qint64 TiebreakerBidsModel::leadingAmount() const
{
    // Only a running tiebreaker has a leader to protect; a closed one says so itself.
    if (m_teamId.isEmpty() || m_details.tiebreakerId.isEmpty()
        || m_details.status != Protocol::TiebreakerStatus::Active)
        return -1;
    const auto &highest = m_details.highestBid;
    if (highest && highest->teamId == m_teamId)
        return highest->amount;
    // Accepted but not in the details yet (the POST answered without them, the event is late).
    if (m_acceptedAmount >= 0 && (!highest || highest->amount < m_acceptedAmount))
        return m_acceptedAmount;
    return -1;
}

bool TiebreakerBidsModel::placeBid(double value)
{
    // Money is whole units (PROTOCOL.md); the form only lets digits through.
    const qint64 amount = qRound64(value);
    SyncClient *client = m_binding->client();
    if (m_sending || m_tiebreakerId.isEmpty() || !client)
        return false;
    if (isLeading()) {
        qCInfo(lcModels) << "bid not sent: the team already holds the highest bid" << leadingAmount();
        return false;
    }
    const QByteArray key = m_bidKey.keyFor(QByteArray::number(amount));
    if (Session *session = m_binding->session())
        session->noteOwnBid(m_tiebreakerId, amount); // its event may arrive before the answer
    m_sending = true;
    m_bidErrorCode.clear();
    m_bidErrorMessage.clear();
    m_confirmation.clear();
    Q_EMIT bidStateChanged();
    const QString path = QStringLiteral("/tiebreakers/%1/bids").arg(m_tiebreakerId);
    const QString id = m_tiebreakerId;
    client->rest()->post(path, QJsonObject{{QStringLiteral("amount"), amount}}, key, this,
                         [this, amount, id](const RestResult &result) {
        if (id == m_tiebreakerId)
            handleBidAnswer(amount, result);
    });
    return true;
}

void TiebreakerBidsModel::handleBidAnswer(qint64 amount, const RestResult &result)
{
    m_sending = false;
    m_bidKey.settle(result);
    if (result.isSuccess()) {
        m_bidErrorCode.clear();
        m_bidErrorMessage.clear();
        m_acceptedAmount = amount;
        m_confirmation = tr("Your bid of %1 is in").arg(QLocale().toString(amount));
        const QJsonObject body = QJsonDocument::fromJson(result.body).object();
        if (const auto after = Protocol::parseTiebreaker(body.value(QLatin1String("tiebreaker")).toObject());
            after && after->tiebreakerId == m_tiebreakerId && after->bids && !after->bids->isEmpty()) {
            apply(after.value());
        }
        // The bid's own event refreshes the history; without a live connection nothing would.
        SyncClient *client = m_binding->client();
        if (client && client->state() != SyncClient::State::Live)
            client->cache()->invalidate(QueryKey::tiebreaker(m_tiebreakerId));
        Q_EMIT bidStateChanged();
        Q_EMIT bidPlaced(amount);
        return;
    }
    m_bidErrorCode = result.failureCode();
    m_bidErrorMessage = result.errorMessage;
    qCInfo(lcModels) << "bid refused:" << result.status << m_bidErrorCode;
    Q_EMIT bidStateChanged();
}

QString TiebreakerBidsModel::bidErrorText() const
{
    const QLocale locale;
    if (m_bidErrorCode.isEmpty())
        return {};
    if (m_bidErrorCode == QLatin1String("bid_too_low"))
        return tr("Too low: bid at least %1").arg(locale.toString(minimumNextBid()));
    if (m_bidErrorCode == QLatin1String("insufficient_funds"))
        return tr("Not enough %1 in your wallet for this bid").arg(currencyType());
    if (m_bidErrorCode == QLatin1String("tiebreaker_closed"))
        return tr("This tiebreaker has closed; no more bids are taken");
    if (m_bidErrorCode == QLatin1String("rate_limited"))
        return tr("Too many requests; try again in a moment");
    if (m_bidErrorCode == QLatin1String("network"))
        return tr("No answer from the server; your bid is not confirmed. Send it again to retry safely.");
    if (m_bidErrorCode == QLatin1String("forbidden"))
        return tr("Only the teams in this tiebreaker can bid");
    return m_bidErrorMessage.isEmpty() ? tr("The server refused the bid (%1)").arg(m_bidErrorCode)
                                       : m_bidErrorMessage;
}

bool TiebreakerBidsModel::isLoading() const
{
    return m_binding->isLoading();
}

bool TiebreakerBidsModel::hasData() const
{
    return m_binding->hasData();
}

QString TiebreakerBidsModel::errorString() const
{
    return m_binding->errorString();
}

QString TiebreakerBidsModel::winnerTeamName() const
{
    if (m_details.winnerTeamId.isEmpty())
        return {};
    // The winner is the highest bidder that could still pay: look in the bids, then the teams.
    for (const Protocol::TiebreakerBid &bid : rows()) {
        if (bid.teamId == m_details.winnerTeamId && !bid.teamName.isEmpty())
            return bid.teamName;
    }
    return m_binding->teamName(m_details.winnerTeamId);
}

QString TiebreakerBidsModel::outcome() const
{
    const QLocale locale;
    const auto money = [&](qint64 amount) { return tr("%1 %2").arg(locale.toString(amount), currencyType()); };
    if (m_details.tiebreakerId.isEmpty())
        return {};
    if (m_details.status == Protocol::TiebreakerStatus::Cancelled)
        return tr("Ended without a bid; the player stays unsold");
    if (m_details.status != Protocol::TiebreakerStatus::Resolved || m_details.winnerTeamId.isEmpty())
        return {};
    const bool ownWin = !m_teamId.isEmpty() && m_details.winnerTeamId == m_teamId;
    const qint64 paid = winningAmount();
    QString text = ownWin ? (paid >= 0 ? tr("You won %1 for %2").arg(playerName(), money(paid)) : tr("You won %1").arg(playerName()))
                          : (paid >= 0 ? tr("Won by %1 for %2").arg(winnerTeamName(), money(paid)) : tr("Won by %1").arg(winnerTeamName()));
    if (highestBidLost()) {
        // PROTOCOL.md 1.1: the highest bidder could no longer pay when it was resolved.
        const Protocol::TiebreakerBid &highest = *m_details.highestBid;
        const bool ownHighest = !m_teamId.isEmpty() && highest.teamId == m_teamId;
        text += QLatin1Char('\n')
              + (ownHighest ? tr("Your highest bid of %1 lost: your wallet could no longer pay it when the tiebreaker closed.")
                                  .arg(money(highest.amount))
                            : tr("The highest bid, %1 by %2, lost: %2 could no longer pay it when the tiebreaker closed.")
                                  .arg(money(highest.amount), highest.teamName.isEmpty() ? m_binding->teamName(highest.teamId) : highest.teamName));
    }
    return text;
}

QStringList TiebreakerBidsModel::participantNames() const
{
    QStringList names;
    for (const QString &teamId : m_details.participants)
        names << m_binding->teamName(teamId);
    return names;
}

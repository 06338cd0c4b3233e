#include "ToastQueue.h"

#include "DeadlineWatch.h"
#include "ModelsLog.h"

#include <protocol/Events.h>
#include <protocol/Tiebreaker.h>
#include <protocol/Wallet.h>
#include <sync/Query.h>
#include <sync/QueryCache.h>
#include <sync/SyncClient.h>

#include <QJsonArray>
#include <QLocale>
#include <QTimer>

namespace {

constexpr int seenLimit = 1000;

QString money(qint64 amount)
{
    return QLocale().toString(amount);
}

// "−12,000" with a real minus sign, "+3,000" for money coming back.
QString signedMoney(qint64 amount)
{
    return (amount < 0 ? QStringLiteral("\u2212") : QStringLiteral("+")) + money(qAbs(amount));
}

} // namespace

ToastQueue::ToastQueue(QObject *parent) : QAbstractListModel(parent), m_deadlines(new DeadlineWatch(this))
{
    m_clock.start();
    connect(m_deadlines, &DeadlineWatch::finalSeconds, this, &ToastQueue::alertFinalSeconds);
}

ToastQueue::~ToastQueue() = default;

QHash<int, QByteArray> ToastQueue::roleNames() const
{
    return {{ToastIdRole, "toast_id"}, {TextRole, "message"}, {ViewRole, "view"}, {TargetIdRole, "target_id"},
            {CountRole, "count"}, {BidAmountRole, "bid_amount"}};
}

QVariant ToastQueue::data(const QModelIndex &index, int role) const
{
    const Toast *toast = rowAt(index);
    if (!toast)
        return {};
    switch (role) {
    case Qt::DisplayRole:
    case TextRole: return toast->text;
    case ToastIdRole: return toast->id;
    case ViewRole: return toast->view;
    case TargetIdRole: return toast->targetId;
    case CountRole: return toast->count;
    case BidAmountRole: return toast->bidAmount;
    default: return {};
    }
}

QList<int> ToastQueue::changedRoles(const Toast &a, const Toast &b) const
{
    QList<int> roles;
    if (a.text != b.text)
        roles << TextRole << Qt::DisplayRole;
    if (a.count != b.count)
        roles << CountRole;
    if (a.targetId != b.targetId)
        roles << TargetIdRole;
    if (a.bidAmount != b.bidAmount)
        roles << BidAmountRole;
    return roles;
}

void ToastQueue::setSession(Session *session)
{
    if (m_session == session)
        return;
    if (m_session)
        m_session->disconnect(this);
    m_session = session;
    m_deadlines->setSession(session);
    if (m_session)
        connect(m_session, &Session::clientChanged, this, [this] { clear(); connectClient(); });
    connectClient();
    Q_EMIT sessionChanged();
}

void ToastQueue::setClient(SyncClient *client)
{
    m_directClient = client;
    m_deadlines->setClient(client);
    connectClient();
}

void ToastQueue::connectClient()
{
    disconnect(m_eventConnection);
    m_seen.clear();
    m_seenOrder.clear();
    SyncClient *client = m_directClient ? m_directClient.data() : (m_session ? m_session->client() : nullptr);
    if (client)
        m_eventConnection = connect(client, &SyncClient::eventReceived, this, &ToastQueue::handleEvent);
}

void ToastQueue::setTeamId(const QString &teamId)
{
    if (m_teamId == teamId)
        return;
    m_teamId = teamId;
    Q_EMIT teamIdChanged();
}

void ToastQueue::setOwnTeamId(const QString &teamId)
{
    if (m_ownTeamId == teamId)
        return;
    m_ownTeamId = teamId;
    m_deadlines->setTeamId(teamId);
    Q_EMIT ownTeamIdChanged();
}

bool ToastQueue::remember(const QString &eventKey)
{
    if (m_seen.contains(eventKey))
        return false;
    m_seen.insert(eventKey);
    m_seenOrder.enqueue(eventKey);
    if (m_seenOrder.size() > seenLimit)
        m_seen.remove(m_seenOrder.dequeue());
    return true;
}

bool ToastQueue::alreadySeen(const QString &type, const QJsonObject &data) const
{
    // Events replayed after a reconnect report changes whose data may already be on screen: the
    // cache's revision (squad, wallet) or bid list (a tiebreaker) says so. SyncClient reports an
    // event before the refetch it causes has answered, so a new change is never "seen" here.
    SyncClient *client = m_directClient ? m_directClient.data() : (m_session ? m_session->client() : nullptr);
    if (!client)
        return false;
    const QString teamId = data.value(QLatin1String("team_id")).toString();
    const qint64 revision = data.value(QLatin1String("revision")).toInteger(-1);
    auto holds = [&](const QueryKey &key) {
        const Query *query = client->cache()->find(key);
        return query && query->hasData() && revision >= 0 && query->revision() >= revision;
    };
    if (type == Protocol::EventType::SquadUpdate)
        return holds(QueryKey::squad(teamId));
    if (type == Protocol::EventType::WalletUpdate)
        return holds(QueryKey::wallet(teamId));
    if (type == Protocol::EventType::TiebreakerBid) {
        const Query *query = client->cache()->find(QueryKey::tiebreaker(data.value(QLatin1String("tiebreaker_id")).toString()));
        if (!query || !query->hasData())
            return false;
        const QString ts = data.value(QLatin1String("ts")).toString();
        const auto cached = Protocol::parseTiebreaker(query->data());
        for (const Protocol::TiebreakerBid &bid : cached && cached->bids ? *cached->bids : QList<Protocol::TiebreakerBid>()) {
            if (bid.ts == ts && bid.teamId == teamId)
                return true;
        }
    }
    return false;
}

QString ToastQueue::playerNameOf(const QString &tiebreakerId) const
{
    if (const QString name = m_playerNames.value(tiebreakerId); !name.isEmpty())
        return name;
    const auto cached = cachedTiebreaker(tiebreakerId);
    return cached ? cached->playerName : QString();
}

qint64 ToastQueue::cachedBalance(const QString &currency) const
{
    SyncClient *client = m_directClient ? m_directClient.data() : (m_session ? m_session->client() : nullptr);
    const Query *query = client && !m_ownTeamId.isEmpty() ? client->cache()->find(QueryKey::wallet(m_ownTeamId)) : nullptr;
    if (!query || !query->hasData())
        return -1;
    const auto wallet = Protocol::parseWallet(query->data());
    for (const Protocol::WalletBalance &balance : wallet ? wallet->balances : QList<Protocol::WalletBalance>()) {
        if (balance.currencyType == currency)
            return balance.balance;
    }
    return -1;
}

std::optional<Protocol::Tiebreaker> ToastQueue::cachedTiebreaker(const QString &tiebreakerId) const
{
    SyncClient *client = m_directClient ? m_directClient.data() : (m_session ? m_session->client() : nullptr);
    if (!client)
        return std::nullopt;
    // The cache holds only answers that parse.
    if (const Query *query = client->cache()->find(QueryKey::tiebreaker(tiebreakerId)); query && query->hasData()) {
        if (const auto t = Protocol::parseTiebreaker(query->data()))
            return t.value();
    }
    if (const Query *query = client->cache()->find(QueryKey::activeTiebreakers()); query && query->hasData()) {
        const auto list = Protocol::parseTiebreakerList(query->data());
        for (const Protocol::Tiebreaker &t : list ? list->tiebreakers : QList<Protocol::Tiebreaker>()) {
            if (t.tiebreakerId == tiebreakerId)
                return t;
        }
    }
    return std::nullopt;
}

void ToastQueue::handleEvent(const QString &channel, const QString &type, const QJsonObject &data)
{
    Q_UNUSED(channel)
    const QString teamId = data.value(QLatin1String("team_id")).toString();
    const QString tiebreakerId = data.value(QLatin1String("tiebreaker_id")).toString();
    const qint64 revision = data.value(QLatin1String("revision")).toInteger(-1);
    Incoming in;

    if (type == Protocol::EventType::SquadUpdate) {
        if (!m_teamId.isEmpty() && teamId != m_teamId)
            return;
        const QString action = data.value(QLatin1String("action")).toString();
        if (!remember(QStringLiteral("squad|%1|%2|%3|%4").arg(teamId).arg(revision).arg(data.value(QLatin1String("player_id")).toString(), action))
            || alreadySeen(type, data))
            return;
        const QString name = data.value(QLatin1String("player_name")).toString();
        const qint64 price = data.value(QLatin1String("price")).toInteger();
        const QString currency = data.value(QLatin1String("currency_type")).toString();
        const QString round = data.value(QLatin1String("round_id")).toString();
        const QString priced = currency.isEmpty() ? money(price) : tr("%1 %2").arg(money(price), currency);
        in.view = QStringLiteral("squad");
        in.amount = price;
        in.name = name;
        if (action == QLatin1String("removed")) {
            // PROTOCOL.md: a player leaves a squad only when the admin deletes the round that
            // sold it, and the price is refunded (the wallet's toast says so too).
            in.group = QStringLiteral("squad_removed");
            in.single = round.isEmpty() ? tr("%1 removed from the squad; %2 refunded").arg(name, priced)
                                        : tr("%1 removed from the squad: round %2 was deleted, %3 refunded").arg(name, round, priced);
        } else {
            in.group = QStringLiteral("squad_acquired");
            in.single = tr("%1 acquired for %2").arg(name, priced);
        }
    } else if (type == Protocol::EventType::WalletUpdate) {
        if (!m_teamId.isEmpty() && teamId != m_teamId)
            return;
        const QString currency = data.value(QLatin1String("currency_type")).toString();
        if (!remember(QStringLiteral("wallet|%1|%2|%3|%4").arg(teamId).arg(revision).arg(currency, data.value(QLatin1String("player_id")).toString()))
            || alreadySeen(type, data))
            return;
        const bool refund = data.contains(QLatin1String("amount_refunded"));
        const qint64 amount = refund ? data.value(QLatin1String("amount_refunded")).toInteger()
                                     : -data.value(QLatin1String("amount_spent")).toInteger();
        in.view = QStringLiteral("wallet");
        in.group = QStringLiteral("wallet:") + currency;
        in.amount = amount;
        in.single = tr("Wallet: %1 %2").arg(signedMoney(amount), currency);
    } else if (type == Protocol::EventType::TiebreakerBid) {
        const qint64 amount = data.value(QLatin1String("bid_amount")).toInteger();
        if (!remember(QStringLiteral("bid|%1|%2|%3|%4").arg(tiebreakerId, teamId, data.value(QLatin1String("ts")).toString()).arg(amount)))
            return;
        // The bid form confirms the user's own bid inline. With a session, "own" means sent from
        // this dashboard; without one (tools, tests), any bid of ownTeamId.
        const bool own = m_session ? m_session->takeOwnBid(tiebreakerId, amount)
                                   : (!m_ownTeamId.isEmpty() && teamId == m_ownTeamId);
        if (own || alreadySeen(type, data))
            return;
        const auto cached = cachedTiebreaker(tiebreakerId);
        const QString player = m_playerNames.value(tiebreakerId, cached ? cached->playerName : QString());
        const QString team = data.value(QLatin1String("team_name")).toString();
        const QString price = cached && !cached->currencyType.isEmpty() ? tr("%1 %2").arg(money(amount), cached->currencyType)
                                                                         : money(amount);
        in.view = QStringLiteral("tiebreakers");
        in.targetId = tiebreakerId;
        in.group = QStringLiteral("bid:") + tiebreakerId;
        in.amount = amount;
        // Another team's bid in a tie this team is in: it leads now, so offer the next minimum.
        const bool rival = !m_ownTeamId.isEmpty() && teamId != m_ownTeamId && cached && cached->participants.contains(m_ownTeamId);
        if (rival) {
            // Offered only when the wallet (as cached) can pay it: a "Bid N" that must fail misleads.
            const qint64 next = amount + cached->minIncrement;
            const qint64 balance = cachedBalance(cached->currencyType);
            in.bidAmount = balance < 0 || next <= balance ? next : 0;
            in.single = player.isEmpty() ? tr("%1 outbid you: %2").arg(team, price)
                                         : tr("%1 outbid you on %2: %3").arg(team, player, price);
        } else {
            in.single = player.isEmpty() ? tr("New bid %1 by %2").arg(price, team)
                                         : tr("New bid %1 by %2 on %3").arg(price, team, player);
        }
    } else if (type == Protocol::EventType::TiebreakerCreated) {
        if (!remember(QStringLiteral("created|") + tiebreakerId))
            return;
        const QString player = data.value(QLatin1String("player_name")).toString();
        m_playerNames.insert(tiebreakerId, player);
        in.view = QStringLiteral("tiebreakers");
        in.targetId = tiebreakerId;
        in.group = QStringLiteral("tiebreaker_created");
        in.single = tr("Tiebreaker opened for %1").arg(player);
    } else if (type == Protocol::EventType::TiebreakerResolved) {
        if (!remember(QStringLiteral("resolved|") + tiebreakerId))
            return;
        const QString player = playerNameOf(tiebreakerId);
        const QString winner = data.value(QLatin1String("winner_team_name")).toString();
        const qint64 amount = data.value(QLatin1String("amount")).toInteger();
        in.view = QStringLiteral("tiebreakers");
        in.targetId = tiebreakerId;
        in.group = QStringLiteral("tiebreaker_resolved");
        const QString what = player.isEmpty() ? tr("the tiebreaker") : player;
        in.single = data.value(QLatin1String("status")).toString() == QLatin1String("cancelled") || winner.isEmpty()
            ? tr("Tiebreaker for %1 ended without a bid").arg(what)
            : tr("%1 won %2 for %3").arg(winner, what, money(amount));
    } else {
        return; // PROTOCOL.md: unknown event types are ignored
    }
    push(in);
}

QString ToastQueue::mergedText(const Toast &toast, const Incoming &latest) const
{
    const int n = toast.count; // merged: always two or more
    // Which players: up to three by name, then how many more.
    QString which;
    if (!toast.names.isEmpty()) {
        const QStringList shown = toast.names.mid(0, 3);
        which = toast.names.size() > 3 ? tr("%1 and %2 more").arg(shown.join(QStringLiteral(", "))).arg(toast.names.size() - 3)
                                       : shown.join(QStringLiteral(", "));
    }
    if (toast.group == QLatin1String("squad_acquired"))
        return which.isEmpty() ? tr("%1 players acquired").arg(n) : tr("%1 players acquired: %2").arg(n).arg(which);
    if (toast.group == QLatin1String("squad_removed"))
        return which.isEmpty() ? tr("%1 players removed from the squad").arg(n)
                               : tr("%1 players removed from the squad (round deleted, refunded): %2").arg(n).arg(which);
    if (toast.group.startsWith(QLatin1String("wallet:")))
        return tr("Wallet: %1 %2 (%3 changes)").arg(signedMoney(toast.amount), toast.group.mid(7)).arg(n);
    if (toast.group.startsWith(QLatin1String("bid:")))
        return tr("%1 new bids, latest: %2").arg(n).arg(latest.single);
    if (toast.group == QLatin1String("tiebreaker_created"))
        return tr("%1 tiebreakers opened").arg(n);
    if (toast.group == QLatin1String("tiebreaker_resolved"))
        return tr("%1 tiebreakers ended").arg(n);
    return latest.single;
}

void ToastQueue::alertFinalSeconds(const Protocol::Tiebreaker &t)
{
    Incoming in;
    in.group = QStringLiteral("final:") + t.tiebreakerId;
    in.view = QStringLiteral("tiebreakers");
    in.targetId = t.tiebreakerId;
    const QString player = t.playerName.isEmpty() ? tr("a tiebreaker") : t.playerName;
    if (!t.highestBid) {
        in.single = tr("Last %1 s on %2: no bid yet").arg(DeadlineWatch::lastSeconds).arg(player);
        in.bidAmount = t.minimumNextBid();
    } else if (t.highestBid->teamId == m_ownTeamId) {
        in.single = tr("Last %1 s on %2: you lead with %3 %4").arg(DeadlineWatch::lastSeconds).arg(player, money(t.highestBid->amount), t.currencyType);
    } else {
        in.single = tr("Last %1 s on %2: %3 leads with %4 %5").arg(DeadlineWatch::lastSeconds).arg(player, t.highestBid->teamName,
                                                                                                  money(t.highestBid->amount), t.currencyType);
        in.bidAmount = t.minimumNextBid();
    }
    push(in);
}

void ToastQueue::showMessage(const QString &text, const QString &view, const QString &targetId)
{
    Incoming in;
    in.group = QStringLiteral("message:") + QString::number(m_nextId); // never merged
    in.view = view;
    in.targetId = targetId;
    in.single = text;
    push(in);
}

void ToastQueue::push(const Incoming &in)
{
    const qint64 now = m_clock.elapsed();
    QList<Toast> next = rows();
    Toast toast;
    qsizetype existing = -1;
    for (qsizetype i = 0; i < next.size(); ++i) {
        if (next.at(i).group == in.group && now - next.at(i).updatedMs <= m_coalesceWindow) {
            existing = i;
            break;
        }
    }
    if (existing >= 0) {
        toast = next.takeAt(existing);
        toast.count += 1;
        toast.amount += in.amount;
        if (toast.targetId != in.targetId)
            toast.targetId.clear(); // merged across tiebreakers: open the list, not one of them
        toast.bidAmount = in.bidAmount; // the offer follows the latest bid
        if (!in.name.isEmpty())
            toast.names.append(in.name);
        toast.text = mergedText(toast, in);
    } else {
        toast.id = QString::number(m_nextId++);
        toast.group = in.group;
        toast.view = in.view;
        toast.targetId = in.targetId;
        toast.amount = in.amount;
        toast.bidAmount = in.bidAmount;
        if (!in.name.isEmpty())
            toast.names = {in.name};
        toast.text = in.single;
    }
    toast.updatedMs = now;
    next.prepend(toast);
    while (next.size() > m_maxVisible)
        next.removeLast();
    apply(next);
    startTimer(toast.id, m_timeout);
    Q_EMIT toastShown(toast.id, toast.text);
}

void ToastQueue::apply(QList<Toast> next)
{
    const int before = count();
    applyRows(std::move(next));
    // Timers of toasts that left.
    for (auto it = m_timers.begin(); it != m_timers.end();) {
        bool present = false;
        for (const Toast &toast : rows())
            present = present || toast.id == it.key();
        if (present) {
            ++it;
        } else {
            delete it.value();
            m_remaining.remove(it.key());
            it = m_timers.erase(it);
        }
    }
    if (before != count())
        Q_EMIT countChanged();
}

void ToastQueue::startTimer(const QString &toastId, int ms)
{
    QTimer *timer = m_timers.value(toastId);
    if (!timer) {
        timer = new QTimer(this);
        timer->setSingleShot(true);
        connect(timer, &QTimer::timeout, this, [this, toastId] { dismiss(toastId); });
        m_timers.insert(toastId, timer);
    }
    if (m_paused) {
        timer->stop();
        m_remaining.insert(toastId, ms);
    } else {
        timer->start(ms);
    }
}

void ToastQueue::setPaused(bool paused)
{
    if (m_paused == paused)
        return;
    m_paused = paused;
    for (auto it = m_timers.cbegin(); it != m_timers.cend(); ++it) {
        if (paused) {
            m_remaining.insert(it.key(), it.value()->isActive() ? it.value()->remainingTime() : m_timeout);
            it.value()->stop();
        } else {
            // A toast the user just read stays a little while after the pointer leaves.
            it.value()->start(std::max(m_remaining.take(it.key()), std::min(m_timeout, 1500)));
        }
    }
    Q_EMIT pausedChanged();
}

void ToastQueue::dismiss(const QString &toastId)
{
    QList<Toast> next = rows();
    next.erase(std::remove_if(next.begin(), next.end(), [&](const Toast &t) { return t.id == toastId; }), next.end());
    apply(next);
}

void ToastQueue::activate(const QString &toastId)
{
    for (const Toast &toast : rows()) {
        if (toast.id == toastId) {
            const Toast copy = toast;
            dismiss(toastId);
            Q_EMIT activated(copy.view, copy.targetId);
            return;
        }
    }
}

void ToastQueue::clear()
{
    apply({});
}

bool ToastQueue::isTicking(const QString &toastId) const
{
    const QTimer *timer = m_timers.value(toastId);
    return timer && timer->isActive();
}

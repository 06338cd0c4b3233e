#include "WalletModel.h"

#include "ModelsLog.h"
#include "QueryBinding.h"

#include <protocol/Timestamp.h>
#include <sync/Query.h>

#include <algorithm>
#include <limits>

QVariant WalletBalanceModel::data(const QModelIndex &index, int role) const
{
    const Protocol::WalletBalance *row = rowAt(index);
    if (!row)
        return {};
    switch (role) {
    case Qt::DisplayRole:
    case CurrencyTypeRole: return row->currencyType;
    case BalanceRole: return row->balance;
    case SpentRole: return row->spent;
    default: return {};
    }
}

QHash<int, QByteArray> WalletBalanceModel::roleNames() const
{
    return {{CurrencyTypeRole, "currency_type"}, {BalanceRole, "balance"}, {SpentRole, "spent"}};
}

QList<int> WalletBalanceModel::changedRoles(const Protocol::WalletBalance &a, const Protocol::WalletBalance &b) const
{
    QList<int> roles;
    if (a.balance != b.balance)
        roles << BalanceRole;
    if (a.spent != b.spent)
        roles << SpentRole;
    return roles;
}

void WalletBalanceModel::apply(const QList<Protocol::WalletBalance> &balances)
{
    const int before = count();
    applyRows(balances);
    if (before != count())
        Q_EMIT countChanged();
}

WalletModel::WalletModel(QObject *parent)
    : QAbstractListModel(parent), m_binding(new QueryBinding(this)), m_balances(new WalletBalanceModel(this))
{
    connect(m_binding, &QueryBinding::attached, this, &WalletModel::reload);
    connect(m_binding, &QueryBinding::dataChanged, this, &WalletModel::reload);
    connect(m_binding, &QueryBinding::statusChanged, this, &WalletModel::statusChanged);
}

WalletModel::~WalletModel() = default;

QHash<int, QByteArray> WalletModel::roleNames() const
{
    return {{IdRole, "id"}, {TsRole, "ts"}, {CurrencyTypeRole, "currency_type"}, {AmountRole, "amount"},
            {KindRole, "kind"}, {PlayerIdRole, "player_id"}, {NoteRole, "note"}};
}

QVariant WalletModel::data(const QModelIndex &index, int role) const
{
    const Protocol::WalletTransaction *row = rowAt(index);
    if (!row)
        return {};
    switch (role) {
    case Qt::DisplayRole:
    case NoteRole: return row->note;
    case IdRole: return row->id;
    case TsRole: return row->ts;
    case CurrencyTypeRole: return row->currencyType;
    case AmountRole: return row->amount;
    case KindRole: return Protocol::walletTransactionKindName(row->kind);
    case PlayerIdRole: return row->playerId;
    default: return {};
    }
}

QList<int> WalletModel::changedRoles(const Protocol::WalletTransaction &a, const Protocol::WalletTransaction &b) const
{
    QList<int> roles;
    if (a.ts != b.ts)
        roles << TsRole;
    if (a.currencyType != b.currencyType)
        roles << CurrencyTypeRole;
    if (a.amount != b.amount)
        roles << AmountRole;
    if (a.kind != b.kind)
        roles << KindRole;
    if (a.playerId != b.playerId)
        roles << PlayerIdRole;
    if (a.note != b.note)
        roles << NoteRole << Qt::DisplayRole;
    return roles;
}

Session *WalletModel::session() const
{
    return m_binding->session();
}

void WalletModel::setSession(Session *session)
{
    if (m_binding->session() == session)
        return;
    m_binding->setSession(session);
    Q_EMIT sessionChanged();
}

void WalletModel::setClient(SyncClient *client)
{
    m_binding->setClient(client);
}

void WalletModel::setTeamId(const QString &teamId)
{
    if (m_teamId == teamId)
        return;
    m_teamId = teamId;
    m_binding->setKey(teamId.isEmpty() ? std::nullopt : std::optional(QueryKey::wallet(teamId)));
    Q_EMIT teamIdChanged();
}

void WalletModel::reload()
{
    Query *query = m_binding->query();
    if (!query || !query->hasData()) {
        apply({}, {}, -1);
        return;
    }
    load(query->data());
}

void WalletModel::load(const QJsonObject &answer)
{
    auto wallet = Protocol::parseWallet(answer);
    if (!wallet) {
        // The cache refuses such answers before they reach a model; this guards load() itself.
        qCWarning(lcModels) << "wallet answer does not parse:" << wallet.error();
        return;
    }
    QList<Protocol::WalletBalance> &balances = wallet.value().balances;
    std::sort(balances.begin(), balances.end(), [](const Protocol::WalletBalance &x, const Protocol::WalletBalance &y) {
        return x.currencyType < y.currencyType;
    });
    apply(balances, wallet->transactions, wallet->revision);
}

void WalletModel::apply(const QList<Protocol::WalletBalance> &balances, const QList<Protocol::WalletTransaction> &transactions,
                        qint64 revision)
{
    const QList<Protocol::WalletBalance> oldBalances = m_balances->balances();
    m_balances->apply(balances);
    const int before = count();
    applyRows(transactions);
    if (count() != before)
        Q_EMIT countChanged();
    if (revision != m_revision) {
        m_revision = revision;
        Q_EMIT revisionChanged();
    }
    if (oldBalances != m_balances->balances())
        Q_EMIT balancesChanged();
    const QVariantList history = buildHistory();
    if (history != m_history) {
        m_history = history;
        Q_EMIT historyChanged();
    }
}

double WalletModel::balanceOf(const QString &currency) const
{
    for (const Protocol::WalletBalance &balance : m_balances->balances()) {
        if (balance.currencyType == currency)
            return balance.balance;
    }
    return -1;
}

QVariantList WalletModel::buildHistory() const
{
    // Transactions come newest first; walking them undoes each one from the current balance, so
    // the points need no starting budget. The chart draws the current balance on to "now" itself,
    // so the history only changes when the wallet does. Only the last 200 transactions are sent, so the chart
    // starts at the oldest of those.
    QVariantList result;
    for (const Protocol::WalletBalance &balance : m_balances->balances()) {
        QVariantList points;
        qint64 value = balance.balance;
        qint64 low = value, high = value;
        double lastT = std::numeric_limits<double>::infinity();
        for (const Protocol::WalletTransaction &tx : rows()) {
            if (tx.currencyType != balance.currencyType)
                continue;
            const QDateTime ts = Protocol::parseTimestamp(tx.ts);
            const double t = ts.isValid() ? std::min(double(ts.toMSecsSinceEpoch()), lastT) : lastT;
            lastT = t;
            points.prepend(QVariantMap{{QStringLiteral("t"), t}, {QStringLiteral("v"), value}});
            value += tx.kind == Protocol::WalletTransaction::Kind::Refund ? -tx.amount : tx.amount;
            points.prepend(QVariantMap{{QStringLiteral("t"), t}, {QStringLiteral("v"), value}});
            low = std::min(low, value);
            high = std::max(high, value);
        }
        result.append(QVariantMap{{QStringLiteral("currency_type"), balance.currencyType},
                                  {QStringLiteral("balance"), balance.balance},
                                  {QStringLiteral("spent"), balance.spent},
                                  {QStringLiteral("points"), points},
                                  {QStringLiteral("min"), low},
                                  {QStringLiteral("max"), high}});
    }
    return result;
}

bool WalletModel::isLoading() const
{
    return m_binding->isLoading();
}

bool WalletModel::hasData() const
{
    return m_binding->hasData();
}

QString WalletModel::errorString() const
{
    return m_binding->errorString();
}

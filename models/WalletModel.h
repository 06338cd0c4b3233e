#pragma once

#include "KeyedListModel.h"
#include <protocol/Wallet.h>
#include <session/Session.h>

#include <QDateTime>
#include <QQmlEngine>
#include <QVariantList>

class QueryBinding;
class SyncClient;

// One row per currency: balance and spent. Owned by WalletModel, which fills it.
class WalletBalanceModel : public QAbstractListModel, public KeyedListModel<WalletBalanceModel, Protocol::WalletBalance>
{
    Q_OBJECT
    KEYED_LIST_MODEL(WalletBalanceModel, Protocol::WalletBalance)
    QML_ELEMENT
    QML_UNCREATABLE("WalletModel.balances provides it")
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    enum Role {
        CurrencyTypeRole = Qt::UserRole + 1, ///< currency_type
        BalanceRole,                         ///< balance, whole units
        SpentRole,                           ///< spent, net of refunds
    };
    Q_ENUM(Role)

    using QAbstractListModel::QAbstractListModel;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    int count() const { return rowCount(); }
    void apply(const QList<Protocol::WalletBalance> &balances);
    const QList<Protocol::WalletBalance> &balances() const { return rows(); }

Q_SIGNALS:
    void countChanged();

protected:
    QString keyOf(const Protocol::WalletBalance &row) const { return row.currencyType; }
    QList<int> changedRoles(const Protocol::WalletBalance &before, const Protocol::WalletBalance &after) const;
};

// A team's wallet (GET /teams/{team_id}/wallet): the transactions as rows, newest first, keyed by
// id; the balances per currency as a second model; and each balance's history for the chart.
class WalletModel : public QAbstractListModel, public KeyedListModel<WalletModel, Protocol::WalletTransaction>
{
    Q_OBJECT
    KEYED_LIST_MODEL(WalletModel, Protocol::WalletTransaction)
    QML_ELEMENT

    Q_PROPERTY(Session *session READ session WRITE setSession NOTIFY sessionChanged)
    Q_PROPERTY(QString teamId READ teamId WRITE setTeamId NOTIFY teamIdChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(double revision READ revisionForQml NOTIFY revisionChanged)
    Q_PROPERTY(bool loading READ isLoading NOTIFY statusChanged)
    Q_PROPERTY(bool hasData READ hasData NOTIFY statusChanged)
    Q_PROPERTY(QString errorString READ errorString NOTIFY statusChanged)
    Q_PROPERTY(WalletBalanceModel *balances READ balances CONSTANT)
    // [{currency_type, balance, spent, points: [{t: ms since epoch, v: balance}] oldest first, min, max}]: each balance over
    // time, rebuilt backwards from the current balance through the transactions.
    Q_PROPERTY(QVariantList history READ history NOTIFY historyChanged)

public:
    enum Role {
        IdRole = Qt::UserRole + 1, ///< id
        TsRole,                    ///< ts, RFC 3339
        CurrencyTypeRole,          ///< currency_type
        AmountRole,                ///< amount, always positive
        KindRole,                  ///< kind: spend or refund
        PlayerIdRole,              ///< player_id
        NoteRole,                  ///< note
    };
    Q_ENUM(Role)

    explicit WalletModel(QObject *parent = nullptr);
    ~WalletModel() override;

    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    Session *session() const;
    void setSession(Session *session);
    QString teamId() const { return m_teamId; }
    void setTeamId(const QString &teamId);
    int count() const { return rowCount(); }
    qint64 revision() const { return m_revision; }
    double revisionForQml() const { return double(m_revision); }
    bool isLoading() const;
    bool hasData() const;
    QString errorString() const;
    WalletBalanceModel *balances() const { return m_balances; }
    QVariantList history() const { return m_history; }

    // The balance in `currency`, or -1 when the wallet has none (yet).
    Q_INVOKABLE double balanceOf(const QString &currency) const;

    void setClient(SyncClient *client);
    // Applies one answer of GET /teams/{team_id}/wallet.
    void load(const QJsonObject &answer);

Q_SIGNALS:
    void sessionChanged();
    void teamIdChanged();
    void countChanged();
    void revisionChanged();
    void statusChanged();
    void historyChanged();
    void balancesChanged(); // any balance changed (for bindings on balanceOf)

protected:
    QString keyOf(const Protocol::WalletTransaction &row) const { return row.id; }
    QList<int> changedRoles(const Protocol::WalletTransaction &before, const Protocol::WalletTransaction &after) const;

private:
    void reload();
    void apply(const QList<Protocol::WalletBalance> &balances, const QList<Protocol::WalletTransaction> &transactions, qint64 revision);
    QVariantList buildHistory() const;

    QueryBinding *m_binding;         // child
    WalletBalanceModel *m_balances;  // child
    QString m_teamId;
    qint64 m_revision = -1;
    QVariantList m_history;
};

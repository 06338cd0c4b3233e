#pragma once

#include "KeyedListModel.h"
#include <session/Session.h>

#include <QHash>
#include <QMap>
#include <QQmlEngine>
#include <QStringList>

class QueryBinding;
class SyncClient;

struct TeamOverviewRow
{
    QString teamId;
    QString name;
    int squadSize = -1;                // -1 until the squad has arrived
    QMap<QString, qint64> balances;    // currency_type -> balance
    QMap<QString, qint64> spent;       // currency_type -> spent, net of refunds
    bool hasWallet = false;
    friend bool operator==(const TeamOverviewRow &, const TeamOverviewRow &) = default;
};

// For admins: every team of the league (GET /teams) with its balances and spent per currency
// (wallet/{team}) and its squad size (squad/{team}). Each team's squad and wallet are the same
// cached queries the Squad and Wallet views observe, kept fresh by the team channels'
// squad_update and wallet_update events, so a finalize or a delete shows here without polling.
// A manager may read only its own team's data (PROTOCOL.md), so for one the list stays empty
// and `available` false.
class LeagueOverviewModel : public QAbstractListModel, public KeyedListModel<LeagueOverviewModel, TeamOverviewRow>
{
    Q_OBJECT
    KEYED_LIST_MODEL(LeagueOverviewModel, TeamOverviewRow)
    QML_ELEMENT

    Q_PROPERTY(Session *session READ session WRITE setSession NOTIFY sessionChanged)
    Q_PROPERTY(bool available READ isAvailable NOTIFY availableChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    // Every team's squad and wallet have arrived.
    Q_PROPERTY(bool hasData READ hasData NOTIFY statusChanged)
    Q_PROPERTY(bool loading READ isLoading NOTIFY statusChanged)
    // The first failure among the queries ("" when none).
    Q_PROPERTY(QString errorString READ errorString NOTIFY statusChanged)
    // Every currency any team holds, sorted: the view's columns.
    Q_PROPERTY(QStringList currencies READ currencies NOTIFY currenciesChanged)

public:
    enum Role {
        TeamIdRole = Qt::UserRole + 1, ///< team_id
        NameRole,                      ///< name
        SquadSizeRole,                 ///< int, -1 until known
        BalancesRole,                  ///< QVariantMap currency_type -> balance (double)
        SpentRole,                     ///< QVariantMap currency_type -> spent (double)
        HasWalletRole,                 ///< bool: the wallet has arrived
    };
    Q_ENUM(Role)

    explicit LeagueOverviewModel(QObject *parent = nullptr);
    ~LeagueOverviewModel() override;

    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    Session *session() const;
    void setSession(Session *session);
    void setClient(SyncClient *client);
    bool isAvailable() const { return m_available; }
    int count() const { return rowCount(); }
    bool hasData() const;
    bool isLoading() const;
    QString errorString() const;
    QStringList currencies() const { return m_currencies; }
    Q_INVOKABLE int indexOf(const QString &teamId) const;
    // A team's balance or spent in a currency; -1 when not known.
    Q_INVOKABLE double balanceOf(const QString &teamId, const QString &currencyType) const;
    Q_INVOKABLE double spentOf(const QString &teamId, const QString &currencyType) const;
    Q_INVOKABLE int squadSizeOf(const QString &teamId) const;

Q_SIGNALS:
    void sessionChanged();
    void availableChanged();
    void countChanged();
    void statusChanged();
    void currenciesChanged();

protected:
    QString keyOf(const TeamOverviewRow &row) const { return row.teamId; }
    QList<int> changedRoles(const TeamOverviewRow &before, const TeamOverviewRow &after) const;

private:
    struct TeamBindings
    {
        QueryBinding *squad = nullptr;  // children of the model
        QueryBinding *wallet = nullptr;
    };
    void reload();
    void reloadOnce();
    void followTeams(const QStringList &teamIds);
    QueryBinding *makeBinding();
    const TeamOverviewRow *rowOf(const QString &teamId) const;

    QueryBinding *m_teams; // child
    QHash<QString, TeamBindings> m_perTeam;
    QStringList m_currencies;
    bool m_available = false;
    bool m_reloading = false;
    bool m_reloadAgain = false;
};

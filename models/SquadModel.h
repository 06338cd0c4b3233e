#pragma once

#include "KeyedListModel.h"
#include <session/Session.h>

#include <protocol/Squad.h>

#include <QDateTime>
#include <QQmlEngine>
#include <QVariantList>

class QueryBinding;
class SyncClient;

// A team's squad (GET /teams/{team_id}/squad), one row per player, kept fresh by the sync layer.
// Updates by player_id with the smallest change.
class SquadModel : public QAbstractListModel, public KeyedListModel<SquadModel, Protocol::SquadPlayer>
{
    Q_OBJECT
    KEYED_LIST_MODEL(SquadModel, Protocol::SquadPlayer)
    QML_ELEMENT

    Q_PROPERTY(Session *session READ session WRITE setSession NOTIFY sessionChanged)
    Q_PROPERTY(QString teamId READ teamId WRITE setTeamId NOTIFY teamIdChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(double revision READ revisionForQml NOTIFY revisionChanged)
    Q_PROPERTY(bool loading READ isLoading NOTIFY statusChanged)
    Q_PROPERTY(bool hasData READ hasData NOTIFY statusChanged)
    Q_PROPERTY(QString errorString READ errorString NOTIFY statusChanged)
    Q_PROPERTY(QDateTime fetchedAt READ fetchedAt NOTIFY statusChanged)
    // [{currency_type, total, count}] over the whole squad, sorted by currency.
    Q_PROPERTY(QVariantList totals READ totals NOTIFY totalsChanged)

public:
    // Roles are named after PROTOCOL.md's fields.
    enum Role {
        PlayerIdRole = Qt::UserRole + 1, ///< player_id
        NameRole,                        ///< name
        PositionRole,                    ///< position: GK, DEF, MID or FWD
        ClubRole,                        ///< club
        PriceRole,                       ///< price, whole units of currency_type
        CurrencyTypeRole,                ///< currency_type
        RoundIdRole,                     ///< round_id the player was won in
        AcquiredAtRole,                  ///< acquired_at, RFC 3339
    };
    Q_ENUM(Role)

    explicit SquadModel(QObject *parent = nullptr);
    ~SquadModel() override;

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
    QDateTime fetchedAt() const;
    QVariantList totals() const { return m_totals; }

    // For tools and tests without a Session: observe through this client directly.
    void setClient(SyncClient *client);
    // Applies one answer of GET /teams/{team_id}/squad (what a refetch does; tests call it directly).
    void load(const QJsonObject &answer);

Q_SIGNALS:
    void sessionChanged();
    void teamIdChanged();
    void countChanged();
    void revisionChanged();
    void statusChanged();
    void totalsChanged();

protected:
    QString keyOf(const Protocol::SquadPlayer &row) const { return row.playerId; }
    QList<int> changedRoles(const Protocol::SquadPlayer &before, const Protocol::SquadPlayer &after) const;

private:
    void reload();
    void apply(const QList<Protocol::SquadPlayer> &players, qint64 revision);

    QueryBinding *m_binding; // child
    QString m_teamId;
    qint64 m_revision = -1;
    QVariantList m_totals;
};

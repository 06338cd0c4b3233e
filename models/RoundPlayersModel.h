#pragma once

#include "KeyedListModel.h"
#include <session/Session.h>
#include <sync/IdempotencyKey.h>

#include <QDateTime>
#include <QHash>
#include <QQmlEngine>

class QueryBinding;
class SyncClient;
struct RestResult;

// One team's sealed bid on a player, as an admin sees them.
struct RoundTeamBid
{
    QString teamId;
    qint64 amount = 0;
    friend bool operator==(const RoundTeamBid &, const RoundTeamBid &) = default;
};

struct RoundPlayerRow
{
    QString playerId;
    QString name;
    QString club;
    qint64 ownBid = -1;   // this team's sealed bid, -1 without one
    qint64 bidCount = 0;  // every team's bids on the player (admins, once they see them)
    QList<RoundTeamBid> teamBids; // those bids, highest first (ties by team id)
    bool sending = false; // a placement or withdrawal is on its way
    QString errorText;    // the last refusal, in words ("" when none)
    friend bool operator==(const RoundPlayerRow &, const RoundPlayerRow &) = default;
};

// One round's players (names and clubs from the catalogue, GET /players) with the sealed bids the
// token may see (GET /rounds/{id}/bids: a manager its own, an admin every team's). A manager
// places, replaces and withdraws its bid inline: one request at a time per player, each with an
// Idempotency-Key, refusals turned into words on the player's row.
class RoundPlayersModel : public QAbstractListModel, public KeyedListModel<RoundPlayersModel, RoundPlayerRow>
{
    Q_OBJECT
    KEYED_LIST_MODEL(RoundPlayersModel, RoundPlayerRow)
    QML_ELEMENT

    Q_PROPERTY(Session *session READ session WRITE setSession NOTIFY sessionChanged)
    Q_PROPERTY(QString roundId READ roundId WRITE setRoundId NOTIFY roundIdChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(bool hasData READ hasData NOTIFY detailsChanged)
    Q_PROPERTY(QString currencyType READ currencyType NOTIFY detailsChanged)
    Q_PROPERTY(QString position READ position NOTIFY detailsChanged)
    Q_PROPERTY(QDateTime closesAt READ closesAt NOTIFY detailsChanged)
    Q_PROPERTY(bool finalized READ isFinalized NOTIFY detailsChanged)
    // Sum of this team's bids in the round.
    Q_PROPERTY(double committed READ committed NOTIFY detailsChanged)

public:
    enum Role {
        PlayerIdRole = Qt::UserRole + 1, ///< player_id
        NameRole,                        ///< name
        ClubRole,                        ///< club
        OwnBidRole,                      ///< double, -1 without a bid
        BidCountRole,                    ///< int
        TeamBidsRole,                    ///< list of {team_id, amount}, highest first
        SendingRole,                     ///< bool
        ErrorTextRole,                   ///< QString
    };
    Q_ENUM(Role)

    explicit RoundPlayersModel(QObject *parent = nullptr);
    ~RoundPlayersModel() override;

    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    Session *session() const;
    void setSession(Session *session);
    void setClient(SyncClient *client);
    QString roundId() const { return m_roundId; }
    void setRoundId(const QString &roundId);
    int count() const { return rowCount(); }
    bool hasData() const;
    QString currencyType() const { return m_currencyType; }
    QString position() const { return m_position; }
    QDateTime closesAt() const { return m_closesAt; }
    bool isFinalized() const { return m_finalized; }
    double committed() const;

    // False when not sent: a request for the player is on its way, the amount is not a whole
    // number of at least 1, or there is no client.
    Q_INVOKABLE bool placeBid(const QString &playerId, double amount);
    Q_INVOKABLE bool withdrawBid(const QString &playerId);

Q_SIGNALS:
    void sessionChanged();
    void roundIdChanged();
    void countChanged();
    void detailsChanged();
    void bidAnswered(const QString &playerId, bool ok);

protected:
    QString keyOf(const RoundPlayerRow &row) const { return row.playerId; }
    QList<int> changedRoles(const RoundPlayerRow &before, const RoundPlayerRow &after) const;

private:
    struct Pending
    {
        IdempotencyKey key; // of the last placement (its amount) or withdrawal
        bool sending = false;
        QString errorText;
    };
    void reload();
    bool send(const QString &playerId, qint64 amount);
    void answered(const QString &playerId, qint64 amount, const RestResult &result);
    QString refusalText(const QString &code, qint64 amount, bool withdrawal) const;
    QueryBinding *makeBinding();

    QueryBinding *m_rounds;  // children
    QueryBinding *m_players;
    QueryBinding *m_bids;
    QString m_roundId;
    QString m_currencyType;
    QString m_position;
    QDateTime m_closesAt;
    bool m_finalized = false;
    QHash<QString, Pending> m_pending; // by player_id
};

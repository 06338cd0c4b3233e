#pragma once

#include "KeyedListModel.h"
#include <session/Session.h>
#include <sync/IdempotencyKey.h>

#include <QDateTime>
#include <QHash>
#include <QQmlEngine>
#include <QVariantMap>

class QueryBinding;
class SyncClient;

struct RoundRow
{
    QString roundId;
    QString position;
    QString currencyType;
    bool finalized = false;
    QDateTime closesAt;
    int playerCount = 0;
    int ownBidCount = 0;   // this team's sealed bids in the round (managers)
    qint64 committed = 0;  // their sum
    friend bool operator==(const RoundRow &, const RoundRow &) = default;
};

// The sealed-bid rounds (GET /rounds, protocol 1.1 live on the `rounds` channel), keyed by
// round_id: open ones first, soonest closing first, then finalized ones newest first. For a
// manager it also follows its own bids in every open round, for the "committed" sums beside the
// balance (PROTOCOL.md 1.1: sealed bids reserve no money, the balance is checked at finalize).
// Against a 1.0 server `available` stays false and the views hide the rounds.
class RoundsModel : public QAbstractListModel, public KeyedListModel<RoundsModel, RoundRow>
{
    Q_OBJECT
    KEYED_LIST_MODEL(RoundsModel, RoundRow)
    QML_ELEMENT

    Q_PROPERTY(Session *session READ session WRITE setSession NOTIFY sessionChanged)
    Q_PROPERTY(bool available READ isAvailable NOTIFY availableChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(int openCount READ openCount NOTIFY countChanged)
    Q_PROPERTY(bool hasData READ hasData NOTIFY statusChanged)
    Q_PROPERTY(bool loading READ isLoading NOTIFY statusChanged)
    Q_PROPERTY(QString errorString READ errorString NOTIFY statusChanged)
    // currency_type -> sum of this team's sealed bids in open rounds
    Q_PROPERTY(QVariantMap committed READ committed NOTIFY committedChanged)
    // Admin actions: one at a time; what the last one did, or why it was refused, in words.
    Q_PROPERTY(bool busy READ isBusy NOTIFY actionChanged)
    Q_PROPERTY(QString actionText READ actionText NOTIFY actionChanged)
    Q_PROPERTY(QString actionError READ actionError NOTIFY actionChanged)

public:
    enum Role {
        RoundIdRole = Qt::UserRole + 1, ///< round_id
        PositionRole,                   ///< position
        CurrencyRole,                   ///< currency_type
        FinalizedRole,                  ///< bool
        ClosesAtRole,                   ///< QDateTime
        PlayerCountRole,                ///< int
        OwnBidCountRole,                ///< int
        CommittedRole,                  ///< qint64, this team's bids in the round
    };
    Q_ENUM(Role)

    explicit RoundsModel(QObject *parent = nullptr);
    ~RoundsModel() override;

    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    Session *session() const;
    void setSession(Session *session);
    void setClient(SyncClient *client);
    bool isAvailable() const;
    int count() const { return rowCount(); }
    int openCount() const;
    bool hasData() const;
    bool isLoading() const;
    QString errorString() const;
    QVariantMap committed() const;
    Q_INVOKABLE double committedIn(const QString &currencyType) const;
    Q_INVOKABLE int indexOf(const QString &roundId) const;
    // Admins: POST /admin/rounds/{id}/finalize and DELETE /admin/rounds/{id}, each with an
    // Idempotency-Key. False when not sent (another action is on its way, no client).
    Q_INVOKABLE bool finalizeRound(const QString &roundId);
    Q_INVOKABLE bool deleteRound(const QString &roundId);
    bool isBusy() const { return m_busy; }
    QString actionText() const { return m_actionText; }
    QString actionError() const { return m_actionError; }

Q_SIGNALS:
    void sessionChanged();
    void availableChanged();
    void countChanged();
    void statusChanged();
    void committedChanged();
    void actionChanged();
    void actionDone(const QString &roundId, bool ok);

protected:
    QString keyOf(const RoundRow &row) const { return row.roundId; }
    QList<int> changedRoles(const RoundRow &before, const RoundRow &after) const;

private:
    void reload();
    void reloadOnce();
    void followOwnBids(const QStringList &openRounds);
    bool isManager() const;
    bool runAction(const QString &roundId, bool finalize);

    QueryBinding *m_binding;                     // child: the rounds list
    QHash<QString, QueryBinding *> m_bidBindings; // children: own bids per open round
    QVariantMap m_committed;
    bool m_available = false;
    bool m_reloading = false;
    bool m_reloadAgain = false;
    bool m_busy = false;
    QString m_actionText;
    QString m_actionError;
    IdempotencyKey m_actionKey; // reused when the same action is sent again after no answer
};

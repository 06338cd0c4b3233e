#pragma once

#include "KeyedListModel.h"
#include <protocol/Tiebreaker.h>
#include <session/Session.h>

#include <QQmlEngine>
#include <QPointer>
#include <QSet>
#include <QTimer>

class QueryBinding;
class SyncClient;

// Tiebreakers, one row each keyed by tiebreaker_id. `status: "active"` (the default) follows
// GET /tiebreakers?status=active through the query cache (an admin sees all, a manager those it
// takes part in), oldest first so cards keep their place. `status: "closed"` lists resolved and
// cancelled ones, latest first, from the cached GET /tiebreakers?status=all.
class TiebreakerListModel : public QAbstractListModel, public KeyedListModel<TiebreakerListModel, Protocol::Tiebreaker>
{
    Q_OBJECT
    KEYED_LIST_MODEL(TiebreakerListModel, Protocol::Tiebreaker)
    QML_ELEMENT

    Q_PROPERTY(Session *session READ session WRITE setSession NOTIFY sessionChanged)
    Q_PROPERTY(QString status READ status WRITE setStatus NOTIFY statusFilterChanged)
    // Only tiebreakers this team takes part in; empty for all that the token may see.
    Q_PROPERTY(QString participant READ participant WRITE setParticipant NOTIFY participantChanged)
    // Keep every listed tiebreaker's own channel subscribed (observing its query), so its bids
    // arrive live. A manager needs this: its team channel carries only created/resolved events,
    // the bids go to `tiebreaker:{id}`. An admin's `tiebreakers` channel carries them all.
    Q_PROPERTY(bool followEach READ followEach WRITE setFollowEach NOTIFY followEachChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(bool loading READ isLoading NOTIFY statusChanged)
    Q_PROPERTY(bool hasData READ hasData NOTIFY statusChanged)
    Q_PROPERTY(QString errorString READ errorString NOTIFY statusChanged)

public:
    enum Role {
        TiebreakerIdRole = Qt::UserRole + 1, ///< tiebreaker_id
        PlayerIdRole,                        ///< player_id
        PlayerNameRole,                      ///< player_name
        RoundIdRole,                         ///< round_id
        CurrencyTypeRole,                    ///< currency_type
        StatusRole,                          ///< status: active, resolved or cancelled
        ParticipantsRole,                    ///< participants: team ids
        StartingAmountRole,                  ///< starting_amount
        HighestBidAmountRole,                ///< highest_bid.amount, -1 without a bid
        HighestBidTeamIdRole,                ///< highest_bid.team_id
        HighestBidTeamNameRole,              ///< highest_bid.team_name
        HighestBidTsRole,                    ///< highest_bid.ts
        MinIncrementRole,                    ///< min_increment
        DeadlineRole,                        ///< deadline, as a date
        WinnerTeamIdRole,                    ///< winner_team_id
        WinnerTeamNameRole,                  ///< the winner's name (from the winning bid)
        MinimumNextBidRole,                  ///< what the next bid must at least be
        WinningAmountRole,                   ///< winning_amount: what the winner paid, -1 unknown
        HighestBidLostRole,                  ///< highest_bid_lost: the highest bidder could not pay
    };
    Q_ENUM(Role)

    explicit TiebreakerListModel(QObject *parent = nullptr);
    ~TiebreakerListModel() override;

    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    Session *session() const;
    void setSession(Session *session);
    QString status() const { return m_status; }
    void setStatus(const QString &status);
    QString participant() const { return m_participant; }
    void setParticipant(const QString &teamId);
    int count() const { return rowCount(); }
    bool followEach() const { return m_followEach; }
    void setFollowEach(bool follow);
    bool isLoading() const;
    bool hasData() const;
    QString errorString() const;

    // The row of a tiebreaker, or -1.
    Q_INVOKABLE int indexOf(const QString &tiebreakerId) const;
    // The tiebreaker_id at a row, or "".
    Q_INVOKABLE QString idAt(int row) const { return row >= 0 && row < count() ? rows().at(row).tiebreakerId : QString(); }

    void setClient(SyncClient *client);
    // Applies one answer of GET /tiebreakers (what a refetch does; tests call it directly).
    void load(const QJsonObject &answer);

Q_SIGNALS:
    void sessionChanged();
    void statusFilterChanged();
    void participantChanged();
    void followEachChanged();
    void countChanged();
    void statusChanged();

protected:
    QString keyOf(const Protocol::Tiebreaker &row) const { return row.tiebreakerId; }
    QList<int> changedRoles(const Protocol::Tiebreaker &before, const Protocol::Tiebreaker &after) const;

private:
    bool closedMode() const { return m_status == QLatin1String("closed"); }
    void rebind();
    void reload();
    void connectClient();
    void updateFollowed();

    QueryBinding *m_binding; // child
    QueryBinding *m_teams;   // child: GET /teams, for the winners' names
    QString m_status = QStringLiteral("active");
    QString m_participant;
    bool m_followEach = false;
    QPointer<SyncClient> m_followClient;
    QSet<QString> m_followed; // tiebreaker ids observed through m_followClient
};

#pragma once

#include "KeyedListModel.h"
#include <protocol/Tiebreaker.h>
#include <session/Session.h>
#include <sync/IdempotencyKey.h>

#include <QDateTime>
#include <QQmlEngine>

class QueryBinding;
class SyncClient;
struct RestResult;

// One tiebreaker (GET /tiebreakers/{id}): its bids as rows, newest first, and its state as
// properties. Also places this team's bids (POST /tiebreakers/{id}/bids with an Idempotency-Key)
// and turns the server's refusals into words next to the field.
class TiebreakerBidsModel : public QAbstractListModel, public KeyedListModel<TiebreakerBidsModel, Protocol::TiebreakerBid>
{
    Q_OBJECT
    KEYED_LIST_MODEL(TiebreakerBidsModel, Protocol::TiebreakerBid)
    QML_ELEMENT

    Q_PROPERTY(Session *session READ session WRITE setSession NOTIFY sessionChanged)
    Q_PROPERTY(QString tiebreakerId READ tiebreakerId WRITE setTiebreakerId NOTIFY tiebreakerIdChanged)
    // The team bidding from this dashboard: its last bid is picked out and its bids are its own.
    Q_PROPERTY(QString teamId READ teamId WRITE setTeamId NOTIFY teamIdChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(bool loading READ isLoading NOTIFY statusChanged)
    Q_PROPERTY(bool hasData READ hasData NOTIFY statusChanged)
    Q_PROPERTY(QString errorString READ errorString NOTIFY statusChanged)

    Q_PROPERTY(QString playerName READ playerName NOTIFY detailsChanged)
    Q_PROPERTY(QString status READ tiebreakerStatus NOTIFY detailsChanged)
    Q_PROPERTY(QString currencyType READ currencyType NOTIFY detailsChanged)
    Q_PROPERTY(QStringList participants READ participants NOTIFY detailsChanged)
    // The teams in the tie, by name where the cached teams list knows it.
    Q_PROPERTY(QStringList participantNames READ participantNames NOTIFY detailsChanged)
    Q_PROPERTY(QString participantsText READ participantsText NOTIFY detailsChanged) // "Team Blue, Team Red"
    // The amount the teams tied at in the round: the first bid must be at least this.
    Q_PROPERTY(double startingAmount READ startingAmount NOTIFY detailsChanged)
    Q_PROPERTY(QDateTime deadline READ deadline NOTIFY detailsChanged)
    Q_PROPERTY(double highestBidAmount READ highestBidAmount NOTIFY detailsChanged)   // -1 without a bid
    Q_PROPERTY(QString highestBidTeamId READ highestBidTeamId NOTIFY detailsChanged)
    Q_PROPERTY(QString highestBidTeamName READ highestBidTeamName NOTIFY detailsChanged)
    Q_PROPERTY(double minimumNextBid READ minimumNextBid NOTIFY detailsChanged)
    Q_PROPERTY(double myLastBid READ myLastBid NOTIFY detailsChanged)                 // -1 without one
    // This team takes part and may bid.
    Q_PROPERTY(bool isParticipant READ isParticipant NOTIFY detailsChanged)
    Q_PROPERTY(QString winnerTeamId READ winnerTeamId NOTIFY detailsChanged)
    Q_PROPERTY(QString winnerTeamName READ winnerTeamName NOTIFY detailsChanged)
    // What the winner paid (winning_amount, or worked out from a 1.0 server's bids); -1 unknown.
    Q_PROPERTY(double winningAmount READ winningAmount NOTIFY detailsChanged)
    // The highest bidder could no longer pay, so a lower bid won.
    Q_PROPERTY(bool highestBidLost READ highestBidLost NOTIFY detailsChanged)
    // How it ended, in words: who won, for how much, and why the highest bid lost ("" while active).
    Q_PROPERTY(QString outcome READ outcome NOTIFY detailsChanged)

    Q_PROPERTY(bool sending READ isSending NOTIFY bidStateChanged)
    // The last refusal: bid_too_low, insufficient_funds, tiebreaker_closed, network, ... ("" when none)
    Q_PROPERTY(QString bidErrorCode READ bidErrorCode NOTIFY bidStateChanged)
    Q_PROPERTY(QString bidErrorText READ bidErrorText NOTIFY bidStateChanged)
    // The inline confirmation of this dashboard's own last bid ("" when none).
    Q_PROPERTY(QString confirmation READ confirmation NOTIFY bidStateChanged)
    // This team holds the highest bid (or its bid was just accepted and nothing higher is known):
    // another bid would only raise its own price, so placeBid refuses to send one.
    Q_PROPERTY(bool leading READ isLeading NOTIFY bidStateChanged)
    Q_PROPERTY(double leadingAmount READ leadingAmount NOTIFY bidStateChanged) // -1 unless leading

public:
    enum Role {
        TeamIdRole = Qt::UserRole + 1, ///< team_id
        TeamNameRole,                  ///< team_name
        AmountRole,                    ///< amount
        TsRole,                        ///< ts, RFC 3339
        IsHighestRole,                 ///< whether this is the highest bid
        IsOwnRole,                     ///< whether teamId placed it
    };
    Q_ENUM(Role)

    explicit TiebreakerBidsModel(QObject *parent = nullptr);
    ~TiebreakerBidsModel() override;

    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    Session *session() const;
    void setSession(Session *session);
    QString tiebreakerId() const { return m_tiebreakerId; }
    void setTiebreakerId(const QString &id);
    QString teamId() const { return m_teamId; }
    void setTeamId(const QString &teamId);
    int count() const { return rowCount(); }
    bool isLoading() const;
    bool hasData() const;
    QString errorString() const;

    QString playerName() const { return m_details.playerName; }
    // "" until the tiebreaker is known.
    QString tiebreakerStatus() const
    {
        return m_details.tiebreakerId.isEmpty() ? QString() : Protocol::tiebreakerStatusName(m_details.status);
    }
    QString currencyType() const { return m_details.currencyType; }
    QStringList participants() const { return m_details.participants; }
    QStringList participantNames() const;
    QString participantsText() const { return participantNames().join(QStringLiteral(", ")); }
    qint64 startingAmount() const { return m_details.startingAmount; }
    QDateTime deadline() const { return m_details.deadlineTime(); }
    qint64 highestBidAmount() const { return m_details.highestBid ? m_details.highestBid->amount : -1; }
    QString highestBidTeamId() const { return m_details.highestBid ? m_details.highestBid->teamId : QString(); }
    QString highestBidTeamName() const { return m_details.highestBid ? m_details.highestBid->teamName : QString(); }
    qint64 minimumNextBid() const { return m_details.minimumNextBid(); }
    qint64 myLastBid() const;
    bool isParticipant() const { return !m_teamId.isEmpty() && m_details.participants.contains(m_teamId); }
    QString winnerTeamId() const { return m_details.winnerTeamId; }
    QString winnerTeamName() const;
    qint64 winningAmount() const { return m_details.pricePaid(); }
    bool highestBidLost() const { return m_details.highestBidLost(); }
    QString outcome() const;

    bool isSending() const { return m_sending; }
    QString bidErrorCode() const { return m_bidErrorCode; }
    QString bidErrorText() const;
    QString confirmation() const { return m_confirmation; }
    bool isLeading() const { return leadingAmount() >= 0; }
    qint64 leadingAmount() const;

    // Sends a bid; false when nothing was sent (one is on its way, or this team already leads: a
    // double-click must not make the team bid against itself). A retry of the same amount after
    // no answer reuses the Idempotency-Key, so the server counts it once however often the
    // network failed.
    Q_INVOKABLE bool placeBid(double amount); // whole units; JavaScript numbers are doubles
    Q_INVOKABLE void clearBidState();

    void setClient(SyncClient *client);
    // Applies one answer of GET /tiebreakers/{id}.
    void load(const QJsonObject &answer);
    // Applies one answer of POST /tiebreakers/{id}/bids (tests call it directly).
    void handleBidAnswer(qint64 amount, const RestResult &result);

Q_SIGNALS:
    void sessionChanged();
    void tiebreakerIdChanged();
    void teamIdChanged();
    void countChanged();
    void statusChanged();
    void detailsChanged();
    void bidStateChanged();
    void bidPlaced(qint64 amount);

protected:
    QString keyOf(const Protocol::TiebreakerBid &row) const { return row.key(); }
    QList<int> changedRoles(const Protocol::TiebreakerBid &before, const Protocol::TiebreakerBid &after) const;

private:
    void reload();
    void apply(const Protocol::Tiebreaker &details);

    QueryBinding *m_binding; // child
    QString m_tiebreakerId;
    QString m_teamId;
    Protocol::Tiebreaker m_details;
    bool m_sending = false;
    QString m_bidErrorCode;
    QString m_bidErrorMessage;
    QString m_confirmation;
    IdempotencyKey m_bidKey; // kept for a retry of the same amount after no answer
    qint64 m_acceptedAmount = -1; // this dashboard's last accepted bid, until the details show it
};

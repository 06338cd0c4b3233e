#pragma once

#include "KeyedListModel.h"
#include "Session.h"
#include "TiebreakerData.h"

#include <QDateTime>
#include <QQmlEngine>

class QueryBinding;
class SyncClient;
struct RestResult;

// One tiebreaker (GET /tiebreakers/{id}): its bids as rows, newest first, and its state as
// properties. Also places this team's bids (POST /tiebreakers/{id}/bids with an Idempotency-Key)
// and turns the server's refusals into words next to the field.
class TiebreakerBidsModel : public QAbstractListModel, public KeyedListModel<TiebreakerBidsModel, TiebreakerBid>
{
    Q_OBJECT
    KEYED_LIST_MODEL(TiebreakerBidsModel, TiebreakerBid)
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

    Q_PROPERTY(bool sending READ isSending NOTIFY bidStateChanged)
    // The last refusal: bid_too_low, insufficient_funds, tiebreaker_closed, network, ... ("" when none)
    Q_PROPERTY(QString bidErrorCode READ bidErrorCode NOTIFY bidStateChanged)
    Q_PROPERTY(QString bidErrorText READ bidErrorText NOTIFY bidStateChanged)
    // The inline confirmation of this dashboard's own last bid ("" when none).
    Q_PROPERTY(QString confirmation READ confirmation NOTIFY bidStateChanged)

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
    QString tiebreakerStatus() const { return m_details.status; }
    QString currencyType() const { return m_details.currencyType; }
    QStringList participants() const { return m_details.participants; }
    QDateTime deadline() const { return m_details.deadline; }
    qint64 highestBidAmount() const { return m_details.highestBid ? m_details.highestBid->amount : -1; }
    QString highestBidTeamId() const { return m_details.highestBid ? m_details.highestBid->teamId : QString(); }
    QString highestBidTeamName() const { return m_details.highestBid ? m_details.highestBid->teamName : QString(); }
    qint64 minimumNextBid() const { return m_details.minimumNextBid(); }
    qint64 myLastBid() const;
    bool isParticipant() const { return !m_teamId.isEmpty() && m_details.participants.contains(m_teamId); }
    QString winnerTeamId() const { return m_details.winnerTeamId; }
    QString winnerTeamName() const;

    bool isSending() const { return m_sending; }
    QString bidErrorCode() const { return m_bidErrorCode; }
    QString bidErrorText() const;
    QString confirmation() const { return m_confirmation; }

    // Sends a bid. A retry of the same amount after no answer reuses the Idempotency-Key, so the
    // server counts it once however often the network failed.
    Q_INVOKABLE void placeBid(double amount); // whole units; JavaScript numbers are doubles
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
    QString keyOf(const TiebreakerBid &row) const { return row.key(); }
    QList<int> changedRoles(const TiebreakerBid &before, const TiebreakerBid &after) const;

private:
    void reload();
    void apply(const Tiebreaker &details);

    QueryBinding *m_binding; // child
    QString m_tiebreakerId;
    QString m_teamId;
    Tiebreaker m_details;
    bool m_sending = false;
    QString m_bidErrorCode;
    QString m_bidErrorMessage;
    QString m_confirmation;
    QByteArray m_pendingKey; // kept for a retry of the same amount after no answer
    qint64 m_pendingAmount = -1;
};

#pragma once

#include "KeyedListModel.h"
#include <protocol/Tiebreaker.h>
#include <session/Session.h>

#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QPointer>
#include <QQmlEngine>
#include <QQueue>
#include <QSet>

class DeadlineWatch;
class QTimer;
class SyncClient;

struct Toast
{
    QString id;
    QString group;    // what merges into it: "squad_acquired", "wallet:football", "bid:TB0001", ...
    QString text;
    QString view;     // squad | wallet | tiebreakers
    QString targetId; // the tiebreaker, when there is one
    int count = 1;    // events merged into it
    qint64 amount = 0; // the merged amounts (signed for wallets)
    qint64 bidAmount = 0; // the one-click "Bid N" after another team outbid this one; 0: none
    QStringList names;    // what merged into it (player names), so the merged text can say which
    qint64 updatedMs = 0;
    friend bool operator==(const Toast &, const Toast &) = default;
};

// The toasts that tell a user what changed while they looked elsewhere, fed by the live events.
// Newest on top, at most `maxVisible`; each disappears after `timeout` ms unless `paused` (the
// pointer rests on them). Events of one kind that arrive within `coalesceWindow` ms of each other
// merge into one toast ("12 players acquired"). No toast for what the user already has on screen
// (an event replayed after a reconnect whose revision the cache holds), for an event heard on two
// channels, or for this team's own bids (the bid form confirms those inline).
class ToastQueue : public QAbstractListModel, public KeyedListModel<ToastQueue, Toast>
{
    Q_OBJECT
    KEYED_LIST_MODEL(ToastQueue, Toast)
    QML_ELEMENT

    Q_PROPERTY(Session *session READ session WRITE setSession NOTIFY sessionChanged)
    // The team on screen: squad and wallet events of other teams make no toast. Empty: all.
    Q_PROPERTY(QString teamId READ teamId WRITE setTeamId NOTIFY teamIdChanged)
    // The team this dashboard bids for. Without a session, its bids make no toast; with one, only
    // the bids this dashboard sent (Session::noteOwnBid) make none.
    Q_PROPERTY(QString ownTeamId READ ownTeamId WRITE setOwnTeamId NOTIFY ownTeamIdChanged)
    Q_PROPERTY(int maxVisible MEMBER m_maxVisible NOTIFY settingsChanged)
    Q_PROPERTY(int timeout MEMBER m_timeout NOTIFY settingsChanged)
    Q_PROPERTY(int coalesceWindow MEMBER m_coalesceWindow NOTIFY settingsChanged)
    Q_PROPERTY(bool paused READ isPaused WRITE setPaused NOTIFY pausedChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    enum Role {
        ToastIdRole = Qt::UserRole + 1, ///< toast_id
        TextRole,                       ///< message, for people
        ViewRole,                       ///< view that clicking opens: squad, wallet or tiebreakers
        TargetIdRole,                   ///< target_id: the tiebreaker, if any
        CountRole,                      ///< count: events merged into the toast
        BidAmountRole,                  ///< bid_amount: the next minimum bid to offer ("Bid N"), 0 none
    };
    Q_ENUM(Role)

    explicit ToastQueue(QObject *parent = nullptr);
    ~ToastQueue() override;

    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    Session *session() const { return m_session; }
    void setSession(Session *session);
    QString teamId() const { return m_teamId; }
    void setTeamId(const QString &teamId);
    QString ownTeamId() const { return m_ownTeamId; }
    void setOwnTeamId(const QString &teamId);
    bool isPaused() const { return m_paused; }
    void setPaused(bool paused);
    int count() const { return rowCount(); }
    void setTimeout(int ms) { m_timeout = ms; }

    // One live event, as SyncClient::eventReceived reports it (QML tests call it directly).
    Q_INVOKABLE void handleEvent(const QString &channel, const QString &type, const QJsonObject &data);
    Q_INVOKABLE void dismiss(const QString &toastId);
    // The user clicked it: emits activated() and dismisses it.
    Q_INVOKABLE void activate(const QString &toastId);
    Q_INVOKABLE void clear();
    // A toast of the dashboard's own (the answer to a one-click bid, say), not from an event.
    Q_INVOKABLE void showMessage(const QString &text, const QString &view, const QString &targetId);
    // Whether a toast's dismissal timer runs (false while paused).
    Q_INVOKABLE bool isTicking(const QString &toastId) const;

    void setClient(SyncClient *client);
    // Tells the toasts when a tiebreaker of ownTeamId enters its last 30 s (tests set its clock).
    DeadlineWatch *deadlineWatch() const { return m_deadlines; }

Q_SIGNALS:
    void sessionChanged();
    void teamIdChanged();
    void ownTeamIdChanged();
    void settingsChanged();
    void pausedChanged();
    void countChanged();
    void activated(const QString &view, const QString &targetId);
    // A toast appeared, or a burst merged into it (same id, new text): for desktop notifications.
    void toastShown(const QString &toastId, const QString &text);

protected:
    QString keyOf(const Toast &row) const { return row.id; }
    QList<int> changedRoles(const Toast &before, const Toast &after) const;

private:
    struct Incoming
    {
        QString group;
        QString view;
        QString targetId;
        qint64 amount = 0;
        QString single; // the text when it stays alone
        qint64 bidAmount = 0;
        QString name; // the player, for a merged text
    };
    void connectClient();
    bool alreadySeen(const QString &type, const QJsonObject &data) const;
    bool remember(const QString &eventKey);
    void push(const Incoming &incoming);
    QString mergedText(const Toast &toast, const Incoming &latest) const;
    QString playerNameOf(const QString &tiebreakerId) const;
    // The tiebreaker as the cache holds it (details or the active list), before this event's refetch.
    std::optional<Protocol::Tiebreaker> cachedTiebreaker(const QString &tiebreakerId) const;
    qint64 cachedBalance(const QString &currency) const; // ownTeamId's, -1 when not cached
    void startTimer(const QString &toastId, int ms);
    void apply(QList<Toast> next);

    void alertFinalSeconds(const Protocol::Tiebreaker &tiebreaker);

    DeadlineWatch *m_deadlines; // child
    QPointer<Session> m_session;
    QPointer<SyncClient> m_directClient;
    QMetaObject::Connection m_eventConnection;
    QString m_teamId;
    QString m_ownTeamId;
    int m_maxVisible = 3;
    int m_timeout = 4000;
    int m_coalesceWindow = 2000;
    bool m_paused = false;
    int m_nextId = 1;
    QElapsedTimer m_clock;
    QHash<QString, QTimer *> m_timers; // children, one per toast
    QHash<QString, int> m_remaining;   // while paused
    QSet<QString> m_seen;              // events already shown (bounded by m_seenOrder)
    QQueue<QString> m_seenOrder;
    QHash<QString, QString> m_playerNames; // tiebreaker_id -> player name, from tiebreaker_created
};

#pragma once

#include "KeyedListModel.h"
#include <session/Session.h>
#include <sync/IdempotencyKey.h>

#include <QQmlEngine>
#include <QSet>

class QueryBinding;
class SyncClient;
struct RestResult;

struct CatalogueRow
{
    QString playerId;
    QString name;
    QString position;
    QString club;
    QString status; // available | in_round | in_tiebreaker | sold
    bool selected = false;
    friend bool operator==(const CatalogueRow &, const CatalogueRow &) = default;
};

// The players catalogue (GET /players, protocol 1.1) for the admin's round form: the players of
// one position in one status (by default the available ones), sorted by player_id, with a
// selection; createRound() opens a round of the selected players (POST /admin/rounds with an
// Idempotency-Key). Selected players that stop being listed (bought into another round, say) drop
// out of the selection. Search by name or club goes through SearchSortModel.
class CatalogueModel : public QAbstractListModel, public KeyedListModel<CatalogueModel, CatalogueRow>
{
    Q_OBJECT
    KEYED_LIST_MODEL(CatalogueModel, CatalogueRow)
    QML_ELEMENT

    Q_PROPERTY(Session *session READ session WRITE setSession NOTIFY sessionChanged)
    Q_PROPERTY(QString position READ position WRITE setPosition NOTIFY filterChanged) // "" = every position
    Q_PROPERTY(QString status READ status WRITE setStatus NOTIFY filterChanged)       // "" = every status
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(bool hasData READ hasData NOTIFY statusChanged)
    Q_PROPERTY(QStringList selectedIds READ selectedIds NOTIFY selectionChanged)
    Q_PROPERTY(bool sending READ isSending NOTIFY requestChanged)
    Q_PROPERTY(QString errorText READ errorText NOTIFY requestChanged)

public:
    enum Role {
        PlayerIdRole = Qt::UserRole + 1, ///< player_id
        NameRole,                        ///< name
        PositionRole,                    ///< position
        ClubRole,                        ///< club
        StatusRole,                      ///< status
        SelectedRole,                    ///< bool
    };
    Q_ENUM(Role)

    explicit CatalogueModel(QObject *parent = nullptr);
    ~CatalogueModel() override;

    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    Session *session() const;
    void setSession(Session *session);
    void setClient(SyncClient *client);
    QString position() const { return m_position; }
    void setPosition(const QString &position);
    QString status() const { return m_status; }
    void setStatus(const QString &status);
    int count() const { return rowCount(); }
    bool hasData() const;
    QStringList selectedIds() const;
    bool isSending() const { return m_sending; }
    QString errorText() const { return m_errorText; }

    Q_INVOKABLE void setSelected(const QString &playerId, bool selected);
    Q_INVOKABLE void clearSelection();
    // Opens a round of the selected players in `position`; closesAt is RFC 3339 or a JavaScript
    // Date. False when not sent (nothing selected, no position, already sending).
    Q_INVOKABLE bool createRound(const QString &currencyType, const QDateTime &closesAt);

Q_SIGNALS:
    void sessionChanged();
    void filterChanged();
    void countChanged();
    void statusChanged();
    void selectionChanged();
    void requestChanged();
    void roundCreated(const QString &roundId);

protected:
    QString keyOf(const CatalogueRow &row) const { return row.playerId; }
    QList<int> changedRoles(const CatalogueRow &before, const CatalogueRow &after) const;

private:
    void reload();
    void answered(const RestResult &result);

    QueryBinding *m_binding; // child
    QString m_position;
    QString m_status = QStringLiteral("available");
    QSet<QString> m_selected;
    bool m_sending = false;
    QString m_errorText;
    IdempotencyKey m_key; // of the round being created, reused when sent again
};

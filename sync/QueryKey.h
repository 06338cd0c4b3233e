#pragma once

#include <QHashFunctions>
#include <QString>

#include <optional>

// The name of one cached resource ("squad/SSPSLT0001", "me", ...), the REST path it is fetched
// from and the live channel whose events keep it fresh.
class QueryKey
{
public:
    enum class Kind { Me, Teams, Squad, Wallet, ActiveTiebreakers, AllTiebreakers, Tiebreaker, Players, Rounds, RoundBids };

    static QueryKey me() { return QueryKey(Kind::Me, {}); }
    static QueryKey teams() { return QueryKey(Kind::Teams, {}); }
    static QueryKey squad(const QString &teamId) { return QueryKey(Kind::Squad, teamId); }
    static QueryKey wallet(const QString &teamId) { return QueryKey(Kind::Wallet, teamId); }
    static QueryKey activeTiebreakers() { return QueryKey(Kind::ActiveTiebreakers, {}); }
    // Every tiebreaker the token may see, finished ones included (the history lists).
    static QueryKey allTiebreakers() { return QueryKey(Kind::AllTiebreakers, {}); }
    static QueryKey tiebreaker(const QString &id) { return QueryKey(Kind::Tiebreaker, id); }
    // Protocol 1.1: the players catalogue, the rounds list (1.0 has it without a revision) and
    // the sealed bids of one round the token may see.
    static QueryKey players() { return QueryKey(Kind::Players, {}); }
    static QueryKey rounds() { return QueryKey(Kind::Rounds, {}); }
    static QueryKey roundBids(const QString &roundId) { return QueryKey(Kind::RoundBids, roundId); }
    static std::optional<QueryKey> parse(const QString &text);

    Kind kind() const { return m_kind; }
    const QString &id() const { return m_id; }

    QString toString() const;
    QString path() const;    // relative to /api/v1
    // The channel to subscribe to before fetching; empty when no event ever touches the resource
    // (`me`, `teams`) or when it depends on the role or the server's protocol (the active list:
    // `tiebreakers` for admins, the team channels for managers; the 1.1 queries), which
    // SyncClient decides.
    QString channel() const;
    bool isTiebreakerList() const { return m_kind == Kind::ActiveTiebreakers || m_kind == Kind::AllTiebreakers; }
    // The resource carries a `revision` that only grows, so older answers can be dropped.
    bool hasRevision() const
    {
        return m_kind == Kind::Squad || m_kind == Kind::Wallet || m_kind == Kind::Players || m_kind == Kind::Rounds;
    }
    // Only a server that announces protocol 1.1 has the route.
    bool needsProtocol11() const { return m_kind == Kind::Players || m_kind == Kind::RoundBids; }

    friend bool operator==(const QueryKey &, const QueryKey &) = default;

private:
    QueryKey(Kind kind, QString id) : m_kind(kind), m_id(std::move(id)) { }
    Kind m_kind;
    QString m_id;
};

inline size_t qHash(const QueryKey &key, size_t seed = 0)
{
    return qHash(key.toString(), seed);
}

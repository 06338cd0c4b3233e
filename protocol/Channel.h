#pragma once

#include <QString>

#include <optional>

namespace Protocol {

// A live channel name from PROTOCOL.md: "team:{team_id}", "tiebreaker:{tiebreaker_id}" or
// "tiebreakers", and (protocol 1.1) "rounds".
class Channel
{
public:
    enum class Kind { Team, Tiebreaker, AllTiebreakers, Rounds };

    static Channel team(const QString &teamId) { return Channel(Kind::Team, teamId); }
    static Channel tiebreaker(const QString &tiebreakerId) { return Channel(Kind::Tiebreaker, tiebreakerId); }
    static Channel allTiebreakers() { return Channel(Kind::AllTiebreakers, {}); }
    static Channel rounds() { return Channel(Kind::Rounds, {}); }

    // nullopt for unknown or malformed names (the server answers `bad_channel`).
    static std::optional<Channel> parse(const QString &name);

    Kind kind() const { return m_kind; }
    const QString &id() const { return m_id; }
    QString name() const;

    friend bool operator==(const Channel &, const Channel &) = default;

private:
    Channel(Kind kind, QString id) : m_kind(kind), m_id(std::move(id)) { }
    Kind m_kind;
    QString m_id;
};

// Ids are opaque strings, but a channel name must stay unambiguous and printable.
bool isValidId(const QString &id);

} // namespace Protocol

#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>

#include <optional>

// The encoded 200 body of a revisioned resource (squad, wallet), keyed by kind, id and revision.
// A revision names exactly one representation (it grows with every change of it, PROTOCOL.md),
// so a stored body may be answered for as long as the database still reports that revision: a
// 200 then costs the revision read of a 304 instead of the resource's queries and JSON encoding.
// Every instance keeps its own cache; the revision always comes from the shared database, so a
// change made by another instance is a miss here, never a stale answer.
class RevisionBodyCache
{
public:
    // Bounded: only existing teams reach store() (unknown ids answer 404 first), and past the
    // bound the cache starts over rather than keep a per-entry age.
    static constexpr qsizetype kMaxEntries = 1024;

    std::optional<QByteArray> find(const QByteArray &kind, const QString &id, qint64 revision)
    {
        const auto it = m_entries.constFind(key(kind, id));
        if (it == m_entries.cend() || it->revision != revision) {
            ++m_misses;
            return std::nullopt;
        }
        ++m_hits;
        return it->body;
    }

    void store(const QByteArray &kind, const QString &id, qint64 revision, const QByteArray &body)
    {
        if (m_entries.size() >= kMaxEntries && !m_entries.contains(key(kind, id)))
            m_entries.clear();
        m_entries.insert(key(kind, id), Entry{revision, body});
    }

    qint64 hits() const { return m_hits; }
    qint64 misses() const { return m_misses; }
    qsizetype size() const { return m_entries.size(); }

private:
    struct Entry
    {
        qint64 revision = 0;
        QByteArray body;
    };
    static QString key(const QByteArray &kind, const QString &id) { return QString::fromLatin1(kind) + u'/' + id; }

    QHash<QString, Entry> m_entries;
    qint64 m_hits = 0;
    qint64 m_misses = 0;
};

#pragma once

#include "QueryKey.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

// The one table that says which cached queries a live event makes stale (PROTOCOL.md's events).
namespace EventRouter {

struct Invalidation
{
    Invalidation(QueryKey key, std::optional<qint64> revision, QString itemId = {})
        : key(std::move(key)), revision(revision), itemId(std::move(itemId))
    {
    }

    QueryKey key;
    std::optional<qint64> revision; // the revision the change produced, when the event says
    // For a list whose items can be fetched one by one: the item that changed, so the cache
    // fetches that item instead of the whole list (GET /tiebreakers?status=all grows with the
    // season). Empty: refetch the list.
    QString itemId;

    friend bool operator==(const Invalidation &, const Invalidation &) = default;
};

// nullopt: a known event type whose data is malformed, so the caller cannot tell what changed
// and must treat the whole channel as stale. An unknown type gives an empty list (ignored).
std::optional<QList<Invalidation>> invalidationsFor(const QString &type, const QJsonObject &data);

} // namespace EventRouter

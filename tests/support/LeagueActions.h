#pragma once

#include "ServerProcess.h"

#include <QHash>
#include <QString>

class SyncClient;

// What integration tests do to the demo league over REST, as an admin, and what they count.
namespace LeagueActions {

QString openRoundId(ServerProcess &server);           // the first open round, empty if none
bool finalizeOpenRound(ServerProcess &server);         // finalizes it; false when there was none
qint64 revisionOf(ServerProcess &server, const QString &path); // a resource's revision, -2 on failure
QString squadPath(const QString &teamId);

} // namespace LeagueActions

// Counts the GETs a client makes, per path.
struct RequestLog
{
    QHash<QString, int> gets;
    void attach(SyncClient &client);
};

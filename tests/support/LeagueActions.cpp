#include "LeagueActions.h"

#include "RestCall.h"

#include <sync/RestClient.h>
#include <sync/SyncClient.h>

#include <QJsonArray>

namespace LeagueActions {

QString openRoundId(ServerProcess &server)
{
    const auto rounds = restCall(server.baseUrl(), server.adminToken(), "GET", QStringLiteral("/rounds"));
    if (!rounds)
        return {};
    for (const QJsonValue &round : jsonOf(*rounds).value(QLatin1String("rounds")).toArray()) {
        if (round[QLatin1String("status")].toString() == QLatin1String("open"))
            return round[QLatin1String("round_id")].toString();
    }
    return {};
}

bool finalizeOpenRound(ServerProcess &server)
{
    const QString round = openRoundId(server);
    if (round.isEmpty())
        return false;
    const auto answer = restCall(server.baseUrl(), server.adminToken(), "POST",
                                 QStringLiteral("/admin/rounds/%1/finalize").arg(round));
    return answer && answer->status == 200;
}

qint64 revisionOf(ServerProcess &server, const QString &path)
{
    const auto answer = restCall(server.baseUrl(), server.adminToken(), "GET", path);
    return answer && answer->status == 200 ? jsonOf(*answer).value(QLatin1String("revision")).toInteger() : -2;
}

QString squadPath(const QString &teamId)
{
    return QStringLiteral("/teams/%1/squad").arg(teamId);
}

} // namespace LeagueActions

void RequestLog::attach(SyncClient &client)
{
    QObject::connect(client.rest(), &RestClient::requestFinished, client.rest(),
                     [this](const QString &method, const QString &path, int) {
                         if (method == QLatin1String("GET"))
                             ++gets[path];
                     });
}

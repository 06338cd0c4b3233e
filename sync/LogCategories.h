#pragma once

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcSync)  // leaguedesk.sync: query cache and invalidation
Q_DECLARE_LOGGING_CATEGORY(lcHttp)  // leaguedesk.http: REST requests
Q_DECLARE_LOGGING_CATEGORY(lcLive)  // leaguedesk.live: WebSocket state and frames

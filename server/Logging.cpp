#include "Logging.h"

Q_LOGGING_CATEGORY(lcServer, "leaguedesk.server")
Q_LOGGING_CATEGORY(lcHttp, "leaguedesk.server.http")
Q_LOGGING_CATEGORY(lcLive, "leaguedesk.server.live")
Q_LOGGING_CATEGORY(lcDb, "leaguedesk.server.db")

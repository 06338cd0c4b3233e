#include "LogCategories.h"

Q_LOGGING_CATEGORY(lcSync, "leaguedesk.sync")
Q_LOGGING_CATEGORY(lcHttp, "leaguedesk.http")
Q_LOGGING_CATEGORY(lcLive, "leaguedesk.live")

#include "SessionLog.h"

Q_LOGGING_CATEGORY(lcSession, "leaguedesk.session")

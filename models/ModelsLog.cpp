#include "ModelsLog.h"

Q_LOGGING_CATEGORY(lcModels, "leaguedesk.models")

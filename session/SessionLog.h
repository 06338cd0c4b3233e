#pragma once

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcSession) // leaguedesk.session: sign-in, demo launcher, notifications

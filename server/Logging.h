#pragma once

#include <QLoggingCategory>

// One category per area, so QT_LOGGING_RULES can quiet or detail each one.
Q_DECLARE_LOGGING_CATEGORY(lcServer)
Q_DECLARE_LOGGING_CATEGORY(lcHttp)
Q_DECLARE_LOGGING_CATEGORY(lcLive)
Q_DECLARE_LOGGING_CATEGORY(lcDb)

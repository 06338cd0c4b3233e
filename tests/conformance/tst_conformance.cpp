// PROTOCOL.md conformance suite: runs AuctionConformance (1.1), RestConformance then
// LiveConformance against one server
// (see Harness.h for how to point it at another implementation). Extra arguments:
//   --url URL --tokens-file FILE --admin-token TOKEN   (or the LEAGUEDESK_CONFORMANCE_* variables)
// Everything else goes to QTest (e.g. -v2, -o file,txt).

#include "AuctionConformance.h"
#include "Harness.h"
#include "LiveConformance.h"
#include "RestConformance.h"

#include <QCoreApplication>
#include <QTest>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QStringList arguments = QCoreApplication::arguments();
    Harness &harness = Harness::instance();
    if (!harness.setUp(&arguments)) {
        qCritical("conformance: %s", qPrintable(harness.lastError()));
        return 1;
    }
    int failures = 0;
    {
        // First: it cleans up after itself, and the 1.0 suites spend team C's rate budget.
        AuctionConformance auction;
        failures += QTest::qExec(&auction, arguments);
    }
    {
        RestConformance rest;
        failures += QTest::qExec(&rest, arguments);
    }
    {
        LiveConformance live;
        failures += QTest::qExec(&live, arguments);
    }
    harness.tearDown();
    return failures == 0 ? 0 : 1;
}

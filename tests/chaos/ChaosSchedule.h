#pragma once

#include <QList>
#include <QString>

#include <cstdint>

// One trial's faults, drawn from a seed so that a failing trial can be replayed exactly.
namespace Chaos {

enum class Fault {
    CutRst,          // every connection aborted (RST)
    CloseLiveFin,    // the live connections closed (FIN, no close frame)
    Stall,           // all bytes held, both ways
    Latency,         // every chunk delayed
    Refuse,          // connections cut and new ones refused
    Http503,         // a share of new HTTP connections answered 503
    SlowAnswers,     // HTTP answers held back
    MalformedFrame,  // frames that are not JSON objects, or events with broken data
    UnknownFrame,    // unknown ops
    ServerRestart,   // the server stops and starts again on the same database
    NewEpoch,        // the server restarts having lost its live history (new epoch)
    DatabaseRestart, // PostgreSQL stops and starts again under the running server
};

struct Step
{
    Fault fault;
    int durationMs;  // how long the fault lasts (or the pause after a one-off fault)
    int amount;      // latency or answer delay in ms, 503 share in per mille
};

// Faults past what is allowed are never drawn, so a seed's schedule without database restarts is
// the same as before they existed.
QList<Step> schedule(std::uint64_t seed, bool allowRestarts, bool allowDatabaseRestarts = false);
QString describe(const Step &step);

} // namespace Chaos

#include "ChaosSchedule.h"

#include <QRandomGenerator>

namespace Chaos {

QList<Step> schedule(std::uint64_t seed, bool allowRestarts, bool allowDatabaseRestarts)
{
    const quint32 words[2] = {quint32(seed), quint32(seed >> 32)};
    QRandomGenerator rng(words, words + 2);
    const int faults = allowRestarts && allowDatabaseRestarts ? int(Fault::DatabaseRestart) + 1
        : allowRestarts                                       ? int(Fault::NewEpoch) + 1
                                                              : int(Fault::UnknownFrame) + 1;
    QList<Step> steps;
    const int count = 2 + rng.bounded(4); // 2..5 faults, some overlapping with the simulator's changes
    for (int i = 0; i < count; ++i) {
        Step step{Fault(rng.bounded(faults)), 100 + rng.bounded(700), 0};
        switch (step.fault) {
        case Fault::Latency: step.amount = 10 + rng.bounded(150); break;
        case Fault::Http503: step.amount = 200 + rng.bounded(600); break;
        case Fault::SlowAnswers: step.amount = 200 + rng.bounded(1200); break;
        default: break;
        }
        steps.append(step);
    }
    return steps;
}

QString describe(const Step &step)
{
    static const char *names[] = {"cut-rst", "close-live-fin", "stall", "latency", "refuse", "http-503",
                                  "slow-answers", "malformed-frame", "unknown-frame", "server-restart", "new-epoch",
                                  "database-restart"};
    QString text = QString::fromLatin1(names[int(step.fault)]) + QStringLiteral(" %1ms").arg(step.durationMs);
    if (step.amount)
        text += QStringLiteral(" (%1)").arg(step.amount);
    return text;
}

} // namespace Chaos

#pragma once

#include <chrono>
#include <functional>

// Exponential backoff with full jitter: the n-th delay is uniform in [0, min(max, base * 2^n)],
// never below `base`/2, so a league full of clients that lost the same server does not come back
// in the same second. The random source is injectable for deterministic tests.
class Backoff
{
public:
    using Random = std::function<double()>; // uniform in [0, 1)

    explicit Backoff(std::chrono::milliseconds base = std::chrono::milliseconds(500),
                     std::chrono::milliseconds max = std::chrono::seconds(30), Random random = {});

    std::chrono::milliseconds next() { return delay(m_attempt++); }
    std::chrono::milliseconds delay(int attempt) const; // the delay before try `attempt` (0-based)
    void reset() { m_attempt = 0; }
    int attempt() const { return m_attempt; }

private:
    std::chrono::milliseconds m_base;
    std::chrono::milliseconds m_max;
    Random m_random;
    int m_attempt = 0;
};

#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QString>

// Per-token token bucket: `rate` requests per second on average, bursts up to `burst`.
// rate <= 0 disables limiting. Monotonic time, so wall-clock jumps do not matter.
class RateLimiter
{
public:
    struct Decision
    {
        bool allowed = true;
        int retryAfterSeconds = 0; // when refused: seconds until one request is allowed again
    };

    RateLimiter(double rate, double burst) : m_rate(rate), m_burst(burst > 0 ? burst : rate) { m_clock.start(); }

    bool enabled() const { return m_rate > 0; }
    // For tests (--rate-limit-frozen): time stands still for the buckets, so they never refill
    // and a drained bucket stays drained however slow the machine is.
    void freezeRefill() { m_frozen = true; }
    bool frozen() const { return m_frozen; }
    double rate() const { return m_rate; }
    double burst() const { return m_burst; }

    Decision take(const QString &key)
    {
        if (!enabled())
            return {};
        const double nowSeconds = m_frozen ? 0.0 : double(m_clock.nsecsElapsed()) / 1e9;
        Bucket &b = m_buckets[key];
        if (!b.initialized) {
            b = {m_burst, nowSeconds, true};
        } else {
            b.tokens = std::min(m_burst, b.tokens + (nowSeconds - b.updated) * m_rate);
            b.updated = nowSeconds;
        }
        if (b.tokens >= 1.0) {
            b.tokens -= 1.0;
            return {};
        }
        const double wait = (1.0 - b.tokens) / m_rate;
        return {false, std::max(1, int(wait + 0.999))};
    }

private:
    struct Bucket
    {
        double tokens = 0;
        double updated = 0;
        bool initialized = false;
    };
    double m_rate;
    double m_burst;
    QElapsedTimer m_clock;
    bool m_frozen = false;
    QHash<QString, Bucket> m_buckets;
};

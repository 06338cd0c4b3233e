#include "Backoff.h"

#include <QRandomGenerator>

#include <algorithm>

Backoff::Backoff(std::chrono::milliseconds base, std::chrono::milliseconds max, Random random)
    : m_base(base), m_max(max), m_random(std::move(random))
{
    if (!m_random)
        m_random = [] { return QRandomGenerator::global()->generateDouble(); };
}

std::chrono::milliseconds Backoff::delay(int attempt) const
{
    const int exponent = std::clamp(attempt, 0, 20);
    const double ceiling = std::min<double>(double(m_max.count()), double(m_base.count()) * double(1 << exponent));
    const double floor = double(m_base.count()) / 2.0;
    const double delay = std::max(floor, m_random() * ceiling);
    return std::chrono::milliseconds(qint64(delay));
}

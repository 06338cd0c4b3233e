#pragma once

#include <QDateTime>

// Where the league's rules read the time. Production uses SystemClock; unit tests drive a
// ManualClock so that deadlines and extensions are tested without sleeping.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual QDateTime now() const = 0; // UTC
};

class SystemClock final : public Clock
{
public:
    QDateTime now() const override { return QDateTime::currentDateTimeUtc(); }
};

class ManualClock final : public Clock
{
public:
    explicit ManualClock(QDateTime start = QDateTime::currentDateTimeUtc()) : m_now(start.toUTC()) { }
    QDateTime now() const override { return m_now; }
    void set(const QDateTime &time) { m_now = time.toUTC(); }
    void advanceMs(qint64 ms) { m_now = m_now.addMSecs(ms); }

private:
    QDateTime m_now;
};

#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QString>

// What a client sends must not decide how much the server writes to its log: client-supplied
// text is cut to kMaxClientText characters, and lines a client can trigger at will (refusals,
// unauthenticated requests) go through a LogThrottle.
namespace LogLimits {

constexpr qsizetype kMaxClientText = 200;

inline QString clientText(const QByteArray &text)
{
    if (text.size() <= kMaxClientText)
        return QString::fromLatin1(text);
    return QString::fromLatin1(text.left(kMaxClientText)) + QStringLiteral("…(%1 bytes)").arg(text.size());
}

inline QString clientText(const QString &text)
{
    if (text.size() <= kMaxClientText)
        return text;
    return text.left(kMaxClientText) + QStringLiteral("…(%1 chars)").arg(text.size());
}

} // namespace LogLimits

// At most `perSecond` lines per second; the first line after a quiet spell says how many were
// left out. Single-threaded (the server's event loop).
class LogThrottle
{
public:
    explicit LogThrottle(int perSecond = 20) : m_perSecond(perSecond) { m_window.start(); }

    // True when this line may be written; `suppressed` is set to the lines skipped before it.
    bool allow(qint64 *suppressed)
    {
        if (m_window.elapsed() >= 1000) {
            m_window.restart();
            m_inWindow = 0;
        }
        if (++m_inWindow > m_perSecond) {
            ++m_suppressed;
            return false;
        }
        *suppressed = m_suppressed;
        m_suppressed = 0;
        return true;
    }

private:
    int m_perSecond;
    int m_inWindow = 0;
    qint64 m_suppressed = 0;
    QElapsedTimer m_window;
};

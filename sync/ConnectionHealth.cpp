#include "ConnectionHealth.h"

#include "LogCategories.h"

#include <QNetworkInformation>

ConnectionHealth::ConnectionHealth(QObject *parent) : QObject(parent)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ConnectionHealth::retryDue);
}

void ConnectionHealth::watchNetwork()
{
    if (!QNetworkInformation::instance()
        && !QNetworkInformation::loadBackendByFeatures(QNetworkInformation::Feature::Reachability)) {
        qCInfo(lcSync) << "no network reachability backend; relying on retries alone";
        return;
    }
    connect(QNetworkInformation::instance(), &QNetworkInformation::reachabilityChanged, this,
            [this](QNetworkInformation::Reachability reachability) {
                if (reachability == QNetworkInformation::Reachability::Online && m_failing) {
                    qCInfo(lcSync) << "the network is back: retrying now";
                    retryNow();
                }
            });
}

void ConnectionHealth::reportSuccess()
{
    if (m_failing) {
        m_failing = false;
        m_timer.stop();
        Q_EMIT recovered();
    }
}

void ConnectionHealth::reportFailure()
{
    m_failing = true;
    if (m_timer.isActive())
        return;
    const auto delay = m_backoff.next();
    m_nextRetryAt = QDateTime::currentDateTimeUtc().addMSecs(delay.count());
    m_timer.start(delay);
}

void ConnectionHealth::retryNow()
{
    m_timer.stop();
    Q_EMIT retryDue();
}

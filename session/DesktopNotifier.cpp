#include "DesktopNotifier.h"

#include "SessionLog.h"

#include <QCoreApplication>

#ifdef LEAGUEDESK_HAVE_DBUS
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QDBusVariant>

namespace {
const QString service = QStringLiteral("org.freedesktop.Notifications");
const QString path = QStringLiteral("/org/freedesktop/Notifications");
} // namespace
#endif

DesktopNotifier::DesktopNotifier(QObject *parent) : QObject(parent) { }

bool DesktopNotifier::isAvailable() const
{
#ifdef LEAGUEDESK_HAVE_DBUS
    const QDBusConnection bus = QDBusConnection::sessionBus();
    return bus.isConnected() && bus.interface() && bus.interface()->isServiceRegistered(service).value();
#else
    return false;
#endif
}

void DesktopNotifier::notify(const QString &key, const QString &title, const QString &body)
{
#ifdef LEAGUEDESK_HAVE_DBUS
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected())
        return;
    QDBusMessage call = QDBusMessage::createMethodCall(service, path, service, QStringLiteral("Notify"));
    call << QCoreApplication::applicationName() << m_ids.value(key, 0u) << QStringLiteral("io.github.leaguedesk.LeagueDesk")
         << title << body << QStringList() << QVariantMap{{QStringLiteral("desktop-entry"), QStringLiteral("io.github.leaguedesk.LeagueDesk")}}
         << int(-1);
    // Asynchronous: a slow or missing notification service must never block the window.
    auto *watcher = new QDBusPendingCallWatcher(bus.asyncCall(call), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, key](QDBusPendingCallWatcher *watcher) {
        watcher->deleteLater();
        const QDBusPendingReply<uint> reply = *watcher;
        if (reply.isError()) {
            qCDebug(lcSession) << "no desktop notification:" << reply.error().message();
            return;
        }
        m_ids.insert(key, reply.value());
        Q_EMIT notified(key, reply.value());
    });
#else
    Q_UNUSED(key)
    Q_UNUSED(title)
    Q_UNUSED(body)
#endif
}

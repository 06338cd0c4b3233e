#pragma once

#include <QHash>
#include <QObject>
#include <QQmlEngine>

// Desktop notifications for changes that arrive while the window is not focused. On Linux
// desktops it speaks org.freedesktop.Notifications over the session bus (a burst that merges
// into one toast replaces its notification instead of stacking up); where there is no such
// service it does nothing, and `available` says so.
class DesktopNotifier : public QObject
{
    Q_OBJECT
    QML_ELEMENT

    Q_PROPERTY(bool available READ isAvailable CONSTANT)

public:
    explicit DesktopNotifier(QObject *parent = nullptr);

    bool isAvailable() const;
    // `key` names the thing notified about (e.g. a toast id): the same key replaces its notification.
    Q_INVOKABLE void notify(const QString &key, const QString &title, const QString &body);

Q_SIGNALS:
    void notified(const QString &key, uint notificationId);

private:
    QHash<QString, uint> m_ids; // key -> the server's notification id, for replacing
};

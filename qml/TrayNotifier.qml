import QtQuick
import Qt.labs.platform as Platform

// Desktop notifications where there is no freedesktop notification service, i.e. on Windows and
// macOS: an icon in the notification area (Windows) or the menu bar (macOS) shows each change as
// the system's own notification and counts the changes not seen yet in its tooltip; activating
// the icon or a notification brings the window back. On Linux, DesktopNotifier speaks D-Bus and
// no icon is shown (a tray there is a desktop extension, not a place users look).
Item {
    id: tray

    property string os: Qt.platform.os
    property bool windowActive: true
    property url iconSource: "qrc:/icons/io.github.leaguedesk.LeagueDesk.png"
    readonly property bool wanted: os === "windows" || os === "osx"
    // The platform has a tray and shows it (false offscreen, and where no tray service runs).
    readonly property Platform.SystemTrayIcon icon: instance.object as Platform.SystemTrayIcon
    readonly property bool shown: icon !== null && icon.available
    property int unread: 0
    readonly property string tooltip: unread === 0 ? qsTr("LeagueDesk")
                                                   : qsTr("LeagueDesk — %n unread change(s)", "", unread)

    signal activated()

    // A change arrived while the window is not focused.
    function notify(title: string, text: string) {
        unread++
        if (shown && icon.supportsMessages)
            icon.showMessage(title, text)
    }

    onWindowActiveChanged: if (windowActive) unread = 0

    // Made only where it is wanted: creating one asks the platform for a tray (on Linux a D-Bus
    // round trip on the GUI thread) even when it stays hidden. Wired here, in this scope.
    Instantiator {
        id: instance
        active: tray.wanted
        delegate: Platform.SystemTrayIcon { }
        onObjectAdded: (index, object) => {
            const icon = object as Platform.SystemTrayIcon
            icon.icon.source = Qt.binding(() => tray.iconSource)
            icon.tooltip = Qt.binding(() => tray.tooltip)
            icon.visible = Qt.binding(() => icon.available)
            icon.activated.connect(tray.activated)
            icon.messageClicked.connect(tray.activated)
        }
    }
}

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// The header's promise about freshness. It only says "Live" while events are flowing; otherwise it
// says what is going on and how old the shown data is. Text only, so the header keeps its height
// whatever the state; the actions (Retry now) are on the ConnectionBanner.
RowLayout {
    id: root

    // offline | connecting | live | reconnecting | unauthorized
    property string connectionState: "offline"
    property date nextRetryAt
    property date asOf
    // The clock the countdown reads; a property so tests can set it.
    property date now: new Date()
    property bool running: true
    // Colours for a dark background (the header follows the system's dark theme).
    property bool dark: false

    readonly property int secondsToRetry: isNaN(nextRetryAt.getTime())
        ? 0 : Math.max(0, Math.ceil((nextRetryAt.getTime() - now.getTime()) / 1000))
    readonly property bool hasAsOf: !isNaN(asOf.getTime())

    readonly property string text: {
        switch (connectionState) {
        case "live": return qsTr("Live")
        case "connecting": return qsTr("Connecting…")
        case "reconnecting":
            // Once data is on screen, its age matters more than the next attempt (the banner
            // counts that down).
            if (hasAsOf)
                return qsTr("Offline — data as of %1").arg(Qt.formatTime(asOf, "HH:mm"))
            return secondsToRetry > 0 ? qsTr("Reconnecting in %1 s…").arg(secondsToRetry) : qsTr("Reconnecting…")
        case "unauthorized": return qsTr("Signed out")
        default:
            return hasAsOf ? qsTr("Offline — data as of %1").arg(Qt.formatTime(asOf, "HH:mm")) : qsTr("Offline")
        }
    }
    // Dark enough on a light surface and light enough on a dark one to read (WCAG AA for the
    // bold label); the dot carries the same colour.
    readonly property color color: {
        switch (connectionState) {
        case "live": return dark ? "#81c784" : "#2e7d32"
        case "connecting":
        case "reconnecting": return dark ? "#ffb74d" : "#a35200"
        case "unauthorized": return dark ? "#ef9a9a" : "#c62828"
        default: return dark ? "#bdbdbd" : "#616161"
        }
    }

    spacing: 8
    Accessible.role: Accessible.StaticText
    Accessible.name: text

    Timer {
        interval: 1000
        repeat: true
        running: root.running && root.connectionState === "reconnecting"
        onTriggered: root.now = new Date()
    }

    Rectangle {
        objectName: "dot"
        implicitWidth: 10
        implicitHeight: 10
        radius: 5
        color: root.color
    }
    Label {
        objectName: "label"
        text: root.text
        color: root.color
        font.bold: true
    }
}

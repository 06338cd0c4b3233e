import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts

// The strip under the header that says when the data on screen may be old, in the style of chat
// clients: "Connection lost — showing data from 19:19, retrying in 5 s" with Retry now while the
// connection is down, then "Back online" for a moment once events flow again. Reusable by any
// view that shows live data; it only reads the connection state it is given.
Pane {
    id: root

    // offline | connecting | live | reconnecting | unauthorized
    property string connectionState: "connecting"
    property date nextRetryAt
    property date asOf
    // The clock the countdown reads; `now` is a property so tests can set it.
    property date now: new Date()
    property bool running: true
    // How long "Back online" stays.
    property int backOnlineMs: 4000
    // What changed while away, if the caller knows ("2 changes while you were away"); may be "".
    property string awaySummary

    signal retryRequested()

    // Lost once it had been live (or had data to show): the first connect is not a loss. While it
    // reconnects ("connecting" again) it stays lost, so the banner does not flicker.
    property bool wasLive: false
    property bool hadLoss: false
    property bool backOnline: false
    readonly property bool hasAsOf: !isNaN(asOf.getTime())
    readonly property bool lost: (connectionState === "reconnecting" || connectionState === "offline"
                                  || (connectionState === "connecting" && hadLoss)) && (wasLive || hasAsOf)
    readonly property int secondsToRetry: isNaN(nextRetryAt.getTime())
        ? 0 : Math.max(0, Math.ceil((nextRetryAt.getTime() - now.getTime()) / 1000))
    readonly property bool shown: lost || backOnline

    readonly property string text: {
        if (lost) {
            const since = hasAsOf ? qsTr("Connection lost — showing data from %1").arg(Qt.formatTime(asOf, "HH:mm"))
                                  : qsTr("Connection lost")
            return secondsToRetry > 0 ? qsTr("%1, retrying in %2 s").arg(since).arg(secondsToRetry)
                                      : qsTr("%1, retrying…").arg(since)
        }
        if (backOnline)
            return awaySummary.length > 0 ? qsTr("Back online — %1").arg(awaySummary) : qsTr("Back online")
        return ""
    }

    onLostChanged: if (lost) { hadLoss = true; backOnline = false }
    onConnectionStateChanged: {
        if (connectionState === "live") {
            backOnline = hadLoss
            hadLoss = false
            wasLive = true
        } else if (connectionState === "unauthorized") {
            hadLoss = false
            backOnline = false
        }
    }
    Component.onCompleted: {
        wasLive = connectionState === "live"
        hadLoss = lost
    }

    visible: shown
    padding: 8
    leftPadding: 16
    Material.background: lost ? (Material.theme === Material.Dark ? "#5d4037" : "#fff3e0")
                              : (Material.theme === Material.Dark ? "#1b5e20" : "#e8f5e9")
    Accessible.role: Accessible.AlertMessage
    Accessible.name: text

    Timer {
        interval: 1000
        repeat: true
        running: root.running && root.lost
        onTriggered: root.now = new Date()
    }
    Timer {
        id: backTimer
        interval: root.backOnlineMs
        running: root.backOnline
        onTriggered: root.backOnline = false
    }

    RowLayout {
        anchors.fill: parent
        spacing: 12
        Label {
            objectName: "bannerText"
            text: root.text
            font.bold: true
            wrapMode: Text.WordWrap
            Layout.fillWidth: true
        }
        Button {
            FocusRing { }
            objectName: "bannerRetry"
            visible: root.lost
            flat: true
            text: qsTr("Retry now")
            Accessible.name: text
            onClicked: root.retryRequested()
        }
    }
}

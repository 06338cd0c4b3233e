import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// Shown instead of the views while a server that was never reached stays silent: says so, when the
// next attempt is, and offers to retry or to sign in elsewhere (instead of "Loading…" forever).
Pane {
    id: root

    property url serverUrl
    property int failedAttempts: 0
    property date nextRetryAt
    property date now: new Date()
    property bool running: true

    signal retryRequested()
    signal signOutRequested()

    readonly property int secondsToRetry: isNaN(nextRetryAt.getTime())
        ? 0 : Math.max(0, Math.ceil((nextRetryAt.getTime() - now.getTime()) / 1000))

    Accessible.role: Accessible.AlertMessage
    Accessible.name: title.text

    Timer {
        interval: 1000
        repeat: true
        running: root.running && root.visible
        onTriggered: root.now = new Date()
    }

    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(parent.width - 48, 460)
        spacing: 12
        Label {
            id: title
            objectName: "unreachableTitle"
            text: qsTr("Cannot reach the league server")
            font.pixelSize: 20
            font.bold: true
            wrapMode: Text.WordWrap
            Layout.fillWidth: true
        }
        Label {
            objectName: "unreachableText"
            text: (root.failedAttempts <= 1
                   ? qsTr("%1 has not answered. Check the address, or whether the server is running.").arg(String(root.serverUrl))
                   : qsTr("%1 has not answered %2 attempts. Check the address, or whether the server is running.")
                         .arg(String(root.serverUrl)).arg(root.failedAttempts))
                  + " " + (root.secondsToRetry > 0 ? qsTr("Trying again in %1 s.").arg(root.secondsToRetry)
                                                  : qsTr("Trying again…"))
            wrapMode: Text.WordWrap
            Layout.fillWidth: true
        }
        RowLayout {
            spacing: 8
            Button {
                FocusRing { }
                objectName: "unreachableRetry"
                text: qsTr("Retry now")
                highlighted: true
                focus: true
                Accessible.name: text
                onClicked: root.retryRequested()
            }
            Button {
                FocusRing { }
                objectName: "unreachableSignOut"
                text: qsTr("Use another server")
                Accessible.name: text
                onClicked: root.signOutRequested()
            }
        }
    }
}

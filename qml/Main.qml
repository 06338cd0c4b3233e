import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import LeagueDesk.Models

ApplicationWindow {
    id: window
    width: 900
    height: 640
    visible: true
    title: Session.userName.length > 0 ? qsTr("LeagueDesk — %1").arg(Session.userName) : qsTr("LeagueDesk")

    header: ToolBar {
        visible: Session.signedIn
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: 12
            anchors.rightMargin: 12
            Label {
                text: Session.userName.length > 0 ? Session.userName : qsTr("Connecting…")
                font.pixelSize: 18
                font.bold: true
                Layout.fillWidth: true
                elide: Text.ElideRight
            }
            LiveIndicator {
                objectName: "liveIndicator"
                connectionState: Session.state
                nextRetryAt: Session.nextRetryAt
                asOf: Session.lastConfirmedAt
                onRetryRequested: Session.retryNow()
                onSignInRequested: Session.signOut()
            }
            ToolButton {
                text: qsTr("Refresh")
                Accessible.name: qsTr("Refresh now")
                onClicked: Session.refresh()
            }
        }
    }

    Loader {
        anchors.fill: parent
        sourceComponent: !Session.signedIn ? signIn
                       : Session.teamId.length > 0 ? squad
                       : Session.role === "admin" ? adminNoTeam : null
    }

    Component {
        id: signIn
        SignInPage {
            onSignInRequested: (serverUrl, token) => Session.signIn(serverUrl, token)
        }
    }
    Component {
        id: squad
        SquadView {
            teamId: Session.teamId
        }
    }
    Component {
        id: adminNoTeam
        Label {
            text: qsTr("Signed in as admin. Team views come with the live board.")
            horizontalAlignment: Text.AlignHCenter
            verticalAlignment: Text.AlignVCenter
        }
    }
}

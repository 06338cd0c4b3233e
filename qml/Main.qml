import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import LeagueDesk.Models
import LeagueDesk.Session

// The dashboard's window: the sign-in page, or the signed-in shell (Dashboard.qml). Remembers its
// size; follows the system's light or dark theme.
ApplicationWindow {
    id: root
    width: 1100
    height: 720
    minimumWidth: 720
    minimumHeight: 480
    visible: true
    title: Session.userName.length > 0 ? qsTr("LeagueDesk — %1").arg(Session.userName) : qsTr("LeagueDesk")

    Component.onCompleted: {
        width = Number(Preferences.value("window/width", 1100))
        height = Number(Preferences.value("window/height", 720))
    }
    onClosing: {
        if (root.visibility === Window.Windowed) {
            Preferences.setValue("window/width", width)
            Preferences.setValue("window/height", height)
        }
    }

    // Quits from the sign-in page as from the dashboard.
    Shortcut {
        sequence: "Ctrl+Q"
        context: Qt.ApplicationShortcut
        onActivated: Qt.quit()
    }

    Loader {
        id: shell
        anchors.fill: parent
        sourceComponent: Session.signedIn ? dashboard : signIn
    }

    Component {
        id: signIn
        SignInPage {
            demoStarting: DemoLeague.starting
            demoError: DemoLeague.errorString
            lastServerUrl: Session.lastServerUrl
            restoring: Session.restoring
            credentialNotice: Session.credentialNotice
            plainFileAllowed: Session.plainFileAllowed
            errorText: Session.signInError
            onPlainFileAllowedToggled: (allowed) => { Session.plainFileAllowed = allowed }
            onSignInRequested: (serverUrl, token) => Session.signIn(serverUrl, token)
            onDemoRequested: (asAdmin) => DemoLeague.start(Session, asAdmin)
        }
    }

    Component {
        id: dashboard
        Dashboard { }
    }
}

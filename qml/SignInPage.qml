import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// Where a user points the dashboard at a league server.
Page {
    id: page

    signal signInRequested(url serverUrl, string token)
    // "Try the demo league": start the bundled server and sign in as a manager or the admin.
    signal demoRequested(bool asAdmin)
    property bool demoStarting: false
    property string demoError
    // The remembered server, if any, prefills the form.
    property string lastServerUrl
    // Restoring a remembered sign-in: the form waits.
    property bool restoring: false
    // Where the token is kept when no keychain answers, and the user's choice about it.
    property string credentialNotice
    property bool plainFileAllowed: false
    signal plainFileAllowedToggled(bool allowed)

    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(parent.width - 48, 420)
        spacing: 12

        Label {
            text: qsTr("Sign in to your league")
            font.pixelSize: 22
            Layout.fillWidth: true
        }
        TextField {
            id: serverField
            objectName: "serverField"
            Layout.fillWidth: true
            placeholderText: qsTr("Server URL, e.g. http://127.0.0.1:8080")
            text: page.lastServerUrl.length > 0 ? page.lastServerUrl : "http://127.0.0.1:8080"
            enabled: !page.restoring
            Accessible.name: qsTr("Server URL")
        }
        TextField {
            id: tokenField
            objectName: "tokenField"
            Layout.fillWidth: true
            placeholderText: qsTr("Access token")
            echoMode: TextInput.Password
            Accessible.name: qsTr("Access token")
            onAccepted: signInButton.clicked()
        }
        Button {
            id: signInButton
            text: page.restoring ? qsTr("Signing in…") : qsTr("Sign in")
            enabled: !page.restoring && serverField.text.length > 0 && tokenField.text.length > 0
            Layout.alignment: Qt.AlignRight
            Accessible.name: text
            onClicked: page.signInRequested(serverField.text, tokenField.text)
        }
        Label {
            objectName: "credentialNotice"
            visible: page.credentialNotice.length > 0
            text: page.credentialNotice
            wrapMode: Text.WordWrap
            Layout.fillWidth: true
        }
        CheckBox {
            objectName: "plainFileCheck"
            visible: page.credentialNotice.length > 0
            checked: page.plainFileAllowed
            text: qsTr("Remember the token in a file only I can read")
            Accessible.name: text
            onToggled: page.plainFileAllowedToggled(checked)
        }

        MenuSeparator { Layout.fillWidth: true }
        Label {
            text: qsTr("No league yet? Try the demo: a league that plays by itself.")
            wrapMode: Text.WordWrap
            Layout.fillWidth: true
        }
        RowLayout {
            spacing: 8
            RadioButton {
                id: asManager
                objectName: "demoAsManager"
                text: qsTr("as a team manager")
                checked: true
                Accessible.name: qsTr("Try the demo as a team manager")
            }
            RadioButton {
                objectName: "demoAsAdmin"
                text: qsTr("as the league admin")
                Accessible.name: qsTr("Try the demo as the league admin")
            }
        }
        Button {
            objectName: "demoButton"
            text: page.demoStarting ? qsTr("Starting the demo league…") : qsTr("Try the demo league")
            enabled: !page.demoStarting
            Accessible.name: qsTr("Try the demo league")
            onClicked: page.demoRequested(!asManager.checked)
        }
        Label {
            visible: text.length > 0
            text: page.demoError
            color: "#c62828"
            wrapMode: Text.WordWrap
            Layout.fillWidth: true
        }
    }
}

import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
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
    // Why the last sign-in ended (the server refused the token), in words; "" when none.
    property string errorText

    // The keyboard starts where typing is needed: the address, or the token when the address is known.
    Component.onCompleted: (lastServerUrl.length > 0 ? tokenField : serverField).forceActiveFocus()

    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(parent.width - 48, 420)
        spacing: 12

        Label {
            text: qsTr("Sign in to your league")
            font.pixelSize: 22
            Layout.fillWidth: true
        }
        Label {
            objectName: "signInError"
            visible: text.length > 0
            text: page.errorText
            color: page.Material.theme === Material.Dark ? "#ef9a9a" : "#c62828"
            font.bold: true
            wrapMode: Text.WordWrap
            Layout.fillWidth: true
            Accessible.role: Accessible.AlertMessage
            Accessible.name: text
        }
        Label {
            text: qsTr("League server address")
            font.bold: true
        }
        TextField {
            id: serverField
            objectName: "serverField"
            Layout.fillWidth: true
            // An example, never a value: a prefilled address looked like a real one.
            placeholderText: qsTr("e.g. https://league.example.org")
            text: page.lastServerUrl
            enabled: !page.restoring
            inputMethodHints: Qt.ImhUrlCharactersOnly | Qt.ImhNoAutoUppercase
            Accessible.name: qsTr("League server address")
            onAccepted: tokenField.forceActiveFocus()
        }
        Label {
            text: qsTr("Access token")
            font.bold: true
        }
        TextField {
            id: tokenField
            objectName: "tokenField"
            Layout.fillWidth: true
            placeholderText: qsTr("ld_…")
            echoMode: TextInput.Password
            Accessible.name: qsTr("Access token")
            Accessible.description: tokenHint.text
            onAccepted: signInButton.clicked()
        }
        Label {
            id: tokenHint
            objectName: "tokenHint"
            text: qsTr("Your league admin gives each team manager a token (leaguedesk-server token create). It is kept in your system keychain.")
            wrapMode: Text.WordWrap
            opacity: 0.7
            font.pixelSize: 12
            Layout.fillWidth: true
        }
        Button {
            FocusRing { }
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
            FocusRing { }
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
                FocusRing { }
                id: asManager
                objectName: "demoAsManager"
                text: qsTr("as a team manager")
                checked: true
                Accessible.name: qsTr("Try the demo as a team manager")
            }
            RadioButton {
                FocusRing { }
                objectName: "demoAsAdmin"
                text: qsTr("as the league admin")
                Accessible.name: qsTr("Try the demo as the league admin")
            }
        }
        Button {
            FocusRing { }
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

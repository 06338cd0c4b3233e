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
            text: "http://127.0.0.1:8080"
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
            text: qsTr("Sign in")
            enabled: serverField.text.length > 0 && tokenField.text.length > 0
            Layout.alignment: Qt.AlignRight
            Accessible.name: text
            onClicked: page.signInRequested(serverField.text, tokenField.text)
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

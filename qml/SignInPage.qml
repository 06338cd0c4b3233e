import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// Where a user points the dashboard at a league server.
Page {
    id: page

    signal signInRequested(url serverUrl, string token)

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
    }
}

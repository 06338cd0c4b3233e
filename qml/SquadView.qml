import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import LeagueDesk.Models

// A team's squad, updated in place as players are acquired or removed.
Item {
    id: view

    required property string teamId

    SquadModel {
        id: squad
        session: Session
        teamId: view.teamId
    }

    Label {
        anchors.centerIn: parent
        visible: squad.count === 0
        text: !squad.hasData ? (squad.errorString.length > 0 ? squad.errorString : qsTr("Loading squad…"))
                             : qsTr("No players yet")
        color: palette.placeholderText
    }

    ListView {
        id: list
        objectName: "squadList"
        anchors.fill: parent
        model: squad
        clip: true
        Accessible.name: qsTr("Squad")

        add: Transition { NumberAnimation { property: "opacity"; from: 0; to: 1; duration: 250 } }
        remove: Transition { NumberAnimation { property: "opacity"; to: 0; duration: 250 } }
        displaced: Transition { NumberAnimation { property: "y"; duration: 200 } }

        delegate: ItemDelegate {
            required property string name
            required property string position
            required property string club
            required property var price
            required property string currency_type
            width: ListView.view.width
            Accessible.name: qsTr("%1, %2, %3, %4 %5").arg(name).arg(position).arg(club)
                                 .arg(Number(price).toLocaleString(Qt.locale(), "f", 0)).arg(currency_type)
            contentItem: RowLayout {
                spacing: 12
                Label {
                    text: position
                    font.bold: true
                    Layout.preferredWidth: 40
                }
                Label {
                    text: name
                    Layout.fillWidth: true
                    elide: Text.ElideRight
                }
                Label {
                    text: club
                    color: palette.placeholderText
                    Layout.preferredWidth: 140
                    elide: Text.ElideRight
                }
                Label {
                    text: Number(price).toLocaleString(Qt.locale(), "f", 0) + " " + currency_type
                    horizontalAlignment: Text.AlignRight
                    Layout.preferredWidth: 140
                }
            }
        }
    }
}

import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import LeagueDesk.Models
import LeagueDesk.Session

// The admin's form for a new round (protocol 1.1 catalogue): the available players of one
// position, searchable by name or club, several selected, a currency and how long it stays open.
Pane {
    id: pane

    signal created(string roundId)
    signal cancelled()

    CatalogueModel {
        id: catalogue
        session: Session
        position: positionBox.currentText
        onRoundCreated: (roundId) => pane.created(roundId)
    }
    SearchSortModel {
        id: shown
        sourceModel: catalogue
        searchText: search.text
        searchRoles: ["name", "club", "player_id"]
        sortRoleName: "name"
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 6

        Label {
            text: qsTr("New round")
            font.pixelSize: 16
            font.bold: true
        }
        // Wraps in a narrow window rather than pushing the list's check boxes off screen.
        Flow {
            Layout.fillWidth: true
            spacing: 8
            Row {
                spacing: 4
                Label { text: qsTr("Position"); anchors.verticalCenter: parent.verticalCenter }
                ComboBox {
                    id: positionBox
                    objectName: "positionBox"
                    model: ["GK", "DEF", "MID", "FWD"]
                    Accessible.name: qsTr("Position")
                }
            }
            Row {
                spacing: 4
                Label { text: qsTr("Currency"); anchors.verticalCenter: parent.verticalCenter }
                ComboBox {
                    id: currencyBox
                    objectName: "currencyBox"
                    model: ["football", "real"]
                    Accessible.name: qsTr("Currency")
                }
            }
            Row {
                spacing: 4
                Label { text: qsTr("Open for (minutes)"); anchors.verticalCenter: parent.verticalCenter }
                SpinBox {
                    id: minutes
                    objectName: "minutesBox"
                    from: 1
                    to: 60 * 24 * 14
                    value: 60
                    editable: true
                    Accessible.name: qsTr("Open for, in minutes")
                }
            }
        }
        TextField {
            id: search
            objectName: "playerSearch"
            Layout.fillWidth: true
            placeholderText: qsTr("Search available players by name or club")
            Accessible.name: placeholderText
        }
        Label {
            text: qsTr("%n selected", "", catalogue.selectedIds.length)
            opacity: 0.8
        }
        ListView {
            id: list
            objectName: "availablePlayers"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: shown
            activeFocusOnTab: true
            // qmllint disable unqualified
            delegate: CheckDelegate {
                id: entry
                required property string player_id
                required property string name
                required property string club
                required property bool selected
                width: ListView.view.width
                text: qsTr("%1 (%2)").arg(name).arg(club)
                checked: selected
                onToggled: catalogue.setSelected(player_id, checked)
            }
            // qmllint enable unqualified
        }
        Label {
            objectName: "newRoundError"
            visible: catalogue.errorText.length > 0
            text: catalogue.errorText
            color: Material.theme === Material.Dark ? "#ef9a9a" : "#c62828"
            wrapMode: Text.WordWrap
            Layout.fillWidth: true
        }
        RowLayout {
            Layout.alignment: Qt.AlignRight
            Button {
                text: qsTr("Cancel")
                onClicked: pane.cancelled()
            }
            GuardedButton {
                objectName: "createRoundButton"
                text: qsTr("Open round")
                busy: catalogue.sending
                enabled: catalogue.selectedIds.length > 0 && !catalogue.sending
                onTriggered: catalogue.createRound(currencyBox.currentText,
                                                   new Date(Date.now() + minutes.value * 60 * 1000))
            }
        }
    }
}

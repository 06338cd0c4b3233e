import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import LeagueDesk.Models
import LeagueDesk.Session

// A team's squad grouped by position, filterable, with totals per currency; rows animate in
// and out as players are acquired or removed.
Page {
    id: view

    property string teamId

    SquadModel {
        id: squad
        session: Session
        teamId: view.teamId
    }
    SquadFilterModel {
        id: filtered
        sourceModel: squad
        search: tools.searchText
        sortBy: tools.sortKey
    }
    Shortcut {
        sequence: "Ctrl+F"
        enabled: view.visible
        onActivated: tools.focusSearch()
    }

    header: ColumnLayout {
        spacing: 4
        RowLayout {
            Layout.fillWidth: true
            Layout.margins: 12
            spacing: 12
            Label {
                text: qsTr("Squad")
                font.pixelSize: 20
                font.bold: true
            }
            Label {
                text: squad.count === 1 ? qsTr("1 player") : qsTr("%1 players").arg(squad.count)
                opacity: 0.7
            }
            Item { Layout.fillWidth: true }
            Label {
                visible: squad.totals.length > 0
                text: qsTr("Spent on players:")
                opacity: 0.7
            }
            Repeater {
                model: squad.totals
                delegate: Label {
                    required property var modelData
                    objectName: "squadTotal"
                    text: Format.moneyIn(modelData.total, modelData.currency_type)
                    font.bold: true
                    Accessible.role: Accessible.StaticText
                    Accessible.name: qsTr("Total spent on players in %1: %2").arg(modelData.currency_type).arg(Format.money(modelData.total))
                }
            }
        }
        SearchSortBar {
            id: tools
            objectName: "squadTools"
            Layout.fillWidth: true
            Layout.leftMargin: 12
            Layout.rightMargin: 12
            placeholder: qsTr("Search players or clubs")
            listName: qsTr("squad")
            sortOptions: [{ key: "position", label: qsTr("By position") }, { key: "name", label: qsTr("By name") },
                          { key: "price", label: qsTr("By price") }]
        }
        TabBar {
            id: positions
            objectName: "positionFilter"
            Layout.fillWidth: true
            Layout.leftMargin: 12
            Layout.rightMargin: 12
            readonly property var keys: ["", "GK", "DEF", "MID", "FWD"]
            onCurrentIndexChanged: filtered.position = keys[currentIndex]
            Repeater {
                model: [qsTr("All"), qsTr("Goalkeepers"), qsTr("Defenders"), qsTr("Midfielders"), qsTr("Forwards")]
                delegate: TabButton {
                    FocusRing { }
                    required property string modelData
                    text: modelData
                    width: implicitWidth
                    Accessible.name: qsTr("Show %1").arg(modelData)
                }
            }
        }
    }

    Label {
        anchors.centerIn: parent
        visible: filtered.count === 0
        text: !squad.hasData ? (squad.errorString.length > 0 ? squad.errorString : qsTr("Loading squad…"))
                             : squad.count === 0 ? qsTr("No players yet")
                             : tools.searchText.length > 0 ? qsTr("No player matches “%1”").arg(tools.searchText)
                             : qsTr("No players in this position")
        opacity: 0.6
    }

    ListView {
        id: list
        objectName: "squadList"
        anchors.fill: parent
        model: filtered
        clip: true
        keyNavigationEnabled: true
        activeFocusOnTab: true
        Accessible.role: Accessible.List
        Accessible.name: qsTr("Squad")
        ScrollBar.vertical: ScrollBar { }

        // Grouped by position only while sorted by it.
        section.property: filtered.sortBy === "position" ? "position" : ""
        section.criteria: ViewSection.FullString
        section.delegate: Pane {
            id: sectionHeader
            required property string section
            width: ListView.view.width
            padding: 6
            leftPadding: 16
            Label {
                text: ({ GK: qsTr("Goalkeepers"), DEF: qsTr("Defenders"), MID: qsTr("Midfielders"), FWD: qsTr("Forwards") })[sectionHeader.section] ?? sectionHeader.section
                font.bold: true
                font.capitalization: Font.AllUppercase
                font.pixelSize: 12
                opacity: 0.7
            }
        }

        // New rows fade in from the delegate (ListView.onAdd), not an add transition: a relayout
        // cancels a transition and left rows at opacity 0 or half faded (two bids at once).
        remove: Transition { NumberAnimation { property: "opacity"; to: 0; duration: 250 } }
        displaced: Transition { NumberAnimation { property: "y"; duration: 200 } }

        delegate: ItemDelegate {
            id: row
            ListView.onAdd: rowFadeIn.start()
            NumberAnimation { id: rowFadeIn; target: row; property: "opacity"; from: 0; to: 1; duration: 250; onStopped: row.opacity = 1 }
            // The current row of the focused list shows the keyboard focus.
            FocusRing { shown: row.ListView.isCurrentItem && row.ListView.view.activeFocus }
            required property int index
            required property string name
            required property string position
            required property string club
            required property var price
            required property string currency_type
            required property string round_id
            width: ListView.view.width
            highlighted: ListView.isCurrentItem && ListView.view.activeFocus
            onClicked: ListView.view.currentIndex = index
            Accessible.name: qsTr("%1, %2, %3, %4 %5, round %6").arg(name).arg(position).arg(club)
                                 .arg(Format.money(price)).arg(currency_type).arg(round_id)
            contentItem: RowLayout {
                spacing: 12
                Label {
                    text: row.position
                    font.bold: true
                    Layout.preferredWidth: 40
                }
                Label {
                    text: row.name
                    Layout.fillWidth: true
                    elide: Text.ElideRight
                }
                Label {
                    text: row.club
                    opacity: 0.7
                    Layout.preferredWidth: 140
                    elide: Text.ElideRight
                }
                Label {
                    text: qsTr("Round %1").arg(row.round_id)
                    opacity: 0.7
                    Layout.preferredWidth: 90
                }
                Label {
                    text: Format.moneyIn(row.price, row.currency_type)
                    horizontalAlignment: Text.AlignRight
                    Layout.preferredWidth: 140
                }
            }
        }
    }
}

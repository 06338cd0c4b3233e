import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import LeagueDesk.Models
import LeagueDesk.Session

// (qmllint 6.4 flags a delegate's use of the file's ids, which QML allows: those lines say so.)
// For admins: every active tiebreaker as a card that updates as bids arrive (the new bid lights up
// briefly), with deadline countdowns; finished ones move to the history on the right.
Page {
    id: view

    signal openTiebreaker(string tiebreakerId)

    TiebreakerListModel {
        id: active
        session: Session
    }
    TiebreakerListModel {
        id: closed
        session: Session
        status: "closed"
    }

    header: RowLayout {
        spacing: 12
        Label {
            text: qsTr("Live board")
            font.pixelSize: 20
            font.bold: true
            padding: 12
        }
        Item { Layout.fillWidth: true }
        Label {
            rightPadding: 12
            text: active.count === 1 ? qsTr("1 active tiebreaker") : qsTr("%1 active tiebreakers").arg(active.count)
            opacity: 0.7
        }
    }

    RowLayout {
        anchors.fill: parent
        anchors.margins: 12
        spacing: 12

        Item {
            Layout.fillWidth: true
            Layout.fillHeight: true
            Label {
                anchors.centerIn: parent
                visible: active.count === 0
                text: active.hasData ? qsTr("No tiebreaker is running") : qsTr("Loading…")
                opacity: 0.6
            }
            GridView {
                id: grid
                objectName: "liveBoardGrid"
                focus: true
                anchors.fill: parent
                model: active
                clip: true
                cellWidth: 260
                cellHeight: 150
                activeFocusOnTab: true
                keyNavigationEnabled: true
                Accessible.role: Accessible.List
                Accessible.name: qsTr("Active tiebreakers")
                // New rows fade in from the delegate (ListView.onAdd), not an add transition: a relayout
                // cancels a transition and left rows at opacity 0 or half faded (two bids at once).
                remove: Transition { NumberAnimation { property: "opacity"; to: 0; duration: 300 } }
                displaced: Transition { NumberAnimation { properties: "x,y"; duration: 250 } }
                delegate: Item {
                    id: cell
                    GridView.onAdd: cellFadeIn.start()
                    NumberAnimation { id: cellFadeIn; target: cell; property: "opacity"; from: 0; to: 1; duration: 250; onStopped: cell.opacity = 1 }
                    required property string tiebreaker_id
                    required property string player_name
                    required property var highest_bid_amount
                    required property string highest_bid_team_name
                    required property string highest_bid_ts
                    required property string currency_type
                    required property var minimum_next_bid
                    required property date deadline
                    width: 260
                    height: 150

                    Frame {
                        id: card
                        objectName: "liveCard"
                        anchors.fill: parent
                        anchors.margins: 6
                        focusPolicy: Qt.StrongFocus
                        Accessible.role: Accessible.Button
                        Accessible.name: qsTr("%1: highest bid %2 by %3").arg(cell.player_name)
                                             .arg(Format.money(cell.highest_bid_amount)).arg(cell.highest_bid_team_name)
                        Keys.onReturnPressed: view.openTiebreaker(cell.tiebreaker_id) // qmllint disable unqualified
                        background: Rectangle {
                            radius: 6
                            color: flash.running ? "#fff59d" : card.Material.dialogColor
                            border.color: card.activeFocus ? card.Material.accentColor : card.Material.dividerColor
                            border.width: card.activeFocus ? 2 : 1
                            Behavior on color { ColorAnimation { duration: 400 } }
                        }
                        // The bid just arrived: light the card up for a moment.
                        Timer { id: flash; interval: 1500 }
                        Connections {
                            target: cell
                            function onHighest_bid_tsChanged() { flash.restart() }
                        }
                        TapHandler { onTapped: view.openTiebreaker(cell.tiebreaker_id) } // qmllint disable unqualified
                        ColumnLayout {
                            anchors.fill: parent
                            spacing: 4
                            RowLayout {
                                Label {
                                    text: cell.player_name
                                    font.bold: true
                                    font.pixelSize: 16
                                    elide: Text.ElideRight
                                    Layout.fillWidth: true
                                    color: flash.running ? "#212121" : card.Material.foreground
                                }
                                Countdown { deadline: cell.deadline }
                            }
                            Label {
                                text: cell.highest_bid_amount >= 0 ? Format.moneyIn(cell.highest_bid_amount, cell.currency_type)
                                                                   : qsTr("No bids yet")
                                font.pixelSize: 22
                                font.bold: true
                                color: flash.running ? "#212121" : card.Material.foreground
                            }
                            Label {
                                text: cell.highest_bid_amount >= 0 ? qsTr("by %1").arg(cell.highest_bid_team_name) : " "
                                color: flash.running ? "#212121" : card.Material.foreground
                                opacity: 0.8
                            }
                            Label {
                                text: qsTr("Next bid at least %1").arg(Format.money(cell.minimum_next_bid))
                                font.pixelSize: 12
                                opacity: 0.6
                                color: flash.running ? "#212121" : card.Material.foreground
                            }
                        }
                    }
                }
            }
        }

        ColumnLayout {
            Layout.preferredWidth: 320
            Layout.fillWidth: false // a layout fills by default
            Layout.fillHeight: true
            Label {
                text: qsTr("History")
                font.bold: true
            }
            Label {
                visible: closed.count === 0
                text: qsTr("No finished tiebreakers yet")
                opacity: 0.6
            }
            ListView {
                objectName: "liveBoardHistory"
                Layout.fillWidth: true
                Layout.fillHeight: true
                model: closed
                clip: true
                activeFocusOnTab: true
                Accessible.role: Accessible.List
                Accessible.name: qsTr("Finished tiebreakers")
                // New rows fade in from the delegate (ListView.onAdd), not an add transition: a relayout
                // cancels a transition and left rows at opacity 0 or half faded (two bids at once).
                displaced: Transition { NumberAnimation { property: "y"; duration: 200 } }
                delegate: ItemDelegate {
                    id: past
                    ListView.onAdd: pastFadeIn.start()
                    NumberAnimation { id: pastFadeIn; target: past; property: "opacity"; from: 0; to: 1; duration: 250; onStopped: past.opacity = 1 }
                    // The current row of the focused list shows the keyboard focus.
                    FocusRing { shown: past.ListView.isCurrentItem && past.ListView.view.activeFocus }
                    required property string tiebreaker_id
                    required property string player_name
                    required property string status
                    required property string winner_team_name
                    required property var winning_amount
                    required property bool highest_bid_lost
                    required property string currency_type
                    required property date deadline
                    width: ListView.view.width
                    // What the winner paid, not the highest bid (which may not have been paid).
                    text: qsTr("%1 — %2").arg(player_name)
                              .arg(Format.outcome(status, winner_team_name, winning_amount, currency_type, highest_bid_lost, deadline))
                    Accessible.name: text
                    onClicked: view.openTiebreaker(tiebreaker_id) // qmllint disable unqualified
                }
            }
        }
    }
}

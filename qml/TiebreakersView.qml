import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import LeagueDesk.Models

// The team's tiebreakers: the active ones with a live countdown, the finished ones with their
// winner, and the chosen one in detail with the bid form.
Page {
    id: view

    property string teamId     // the team on screen
    property string ownTeamId  // the team this dashboard bids for ("" for admins)
    property string selectedId

    function show(tiebreakerId: string) {
        if (tiebreakerId.length > 0)
            selectedId = tiebreakerId
    }
    // The lists follow the selection (imperatively: a click assigns currentIndex) and set it.
    function syncLists() {
        activeList.currentIndex = active.indexOf(selectedId)
        closedList.currentIndex = closed.indexOf(selectedId)
    }
    onSelectedIdChanged: syncLists()

    TiebreakerListModel {
        id: active
        session: Session
        participant: view.teamId
        // A manager hears bids only on each tiebreaker's own channel.
        followEach: Session.role !== "admin"
        onCountChanged: { view.pickDefault(); view.syncLists() }
    }
    TiebreakerListModel {
        id: closed
        session: Session
        status: "closed"
        participant: view.teamId
        onCountChanged: view.syncLists()
    }
    function pickDefault() {
        if (selectedId.length === 0 && active.count > 0)
            selectedId = active.idAt(0)
    }

    header: Label {
        text: qsTr("Tiebreakers")
        font.pixelSize: 20
        font.bold: true
        padding: 12
    }

    RowLayout {
        anchors.fill: parent
        spacing: 0

        ColumnLayout {
            Layout.preferredWidth: 300
            Layout.fillWidth: false // a layout fills by default
            Layout.fillHeight: true
            spacing: 4
            Label {
                text: qsTr("Active (%1)").arg(active.count)
                font.bold: true
                leftPadding: 12
            }
            Label {
                visible: active.count === 0
                text: active.hasData ? qsTr("No active tiebreakers") : qsTr("Loading…")
                opacity: 0.6
                leftPadding: 12
            }
            ListView {
                id: activeList
                objectName: "activeTiebreakers"
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.minimumHeight: 80
                model: active
                clip: true
                activeFocusOnTab: true
                keyNavigationEnabled: true
                // The selection lives in view.selectedId; the lists follow it and set it.
                onCurrentIndexChanged: if (currentIndex >= 0) view.selectedId = active.idAt(currentIndex)
                Accessible.role: Accessible.List
                Accessible.name: qsTr("Active tiebreakers")
                add: Transition { NumberAnimation { property: "opacity"; from: 0; to: 1; duration: 250 } }
                remove: Transition { NumberAnimation { property: "opacity"; to: 0; duration: 250 } }
                displaced: Transition {
                    NumberAnimation { property: "y"; duration: 200 }
                    // An add transition that this interrupts leaves its row where it stopped (half
                    // transparent) unless displaced finishes it too (seen on Qt 6.8).
                    NumberAnimation { property: "opacity"; to: 1; duration: 200 }
                }
                delegate: ItemDelegate {
                    id: item
                    required property string tiebreaker_id
                    required property string player_name
                    required property var highest_bid_amount
                    required property string highest_bid_team_name
                    required property string currency_type
                    required property date deadline
                    width: ListView.view.width
                    required property int index
                    highlighted: ListView.isCurrentItem
                    onClicked: ListView.view.currentIndex = index
                    Accessible.name: qsTr("%1, highest bid %2").arg(player_name)
                                         .arg(highest_bid_amount >= 0 ? Format.money(highest_bid_amount) : qsTr("none"))
                    contentItem: ColumnLayout {
                        spacing: 2
                        RowLayout {
                            Label {
                                text: item.player_name
                                font.bold: true
                                Layout.fillWidth: true
                                elide: Text.ElideRight
                            }
                            Countdown { deadline: item.deadline }
                        }
                        Label {
                            text: item.highest_bid_amount >= 0
                                  ? qsTr("%1 by %2").arg(Format.moneyIn(item.highest_bid_amount, item.currency_type)).arg(item.highest_bid_team_name)
                                  : qsTr("No bids yet")
                            opacity: 0.7
                            font.pixelSize: 12
                        }
                    }
                }
            }
            Label {
                text: qsTr("Finished (%1)").arg(closed.count)
                font.bold: true
                leftPadding: 12
            }
            ListView {
                id: closedList
                objectName: "closedTiebreakers"
                Layout.fillWidth: true
                Layout.preferredHeight: 180
                model: closed
                clip: true
                activeFocusOnTab: true
                keyNavigationEnabled: true
                onCurrentIndexChanged: if (currentIndex >= 0) view.selectedId = closed.idAt(currentIndex)
                Accessible.role: Accessible.List
                Accessible.name: qsTr("Finished tiebreakers")
                add: Transition { NumberAnimation { property: "opacity"; from: 0; to: 1; duration: 250 } }
                displaced: Transition {
                    NumberAnimation { property: "y"; duration: 200 }
                    NumberAnimation { property: "opacity"; to: 1; duration: 200 }
                }
                delegate: ItemDelegate {
                    id: done
                    required property string tiebreaker_id
                    required property string player_name
                    required property string status
                    required property string winner_team_name
                    width: ListView.view.width
                    required property int index
                    highlighted: ListView.isCurrentItem
                    onClicked: ListView.view.currentIndex = index
                    text: status === "cancelled" ? qsTr("%1 — no winner").arg(player_name)
                                                 : qsTr("%1 — won by %2").arg(player_name).arg(winner_team_name)
                    Accessible.name: text
                }
            }
        }
        ToolSeparator {
            orientation: Qt.Vertical
            Layout.fillHeight: true
        }
        TiebreakerDetail {
            Layout.fillWidth: true
            Layout.fillHeight: true
            tiebreakerId: view.selectedId
            ownTeamId: view.ownTeamId
        }
    }
}

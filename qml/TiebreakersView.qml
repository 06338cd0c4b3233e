import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import LeagueDesk.Models
import LeagueDesk.Session

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
        closedList.currentIndex = shownClosed.rowOfSource(closed.indexOf(selectedId))
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
    // The finished ones as the user searches and orders them (newest first by default).
    SearchSortModel {
        id: shownClosed
        sourceModel: closed
        searchText: finishedTools.searchText
        searchRoles: ["player_name", "winner_team_name", "tiebreaker_id"]
        sortRoleName: finishedTools.sortKey
        descending: finishedTools.sortKey === "deadline"
        onCountChanged: view.syncLists()
    }
    Shortcut {
        sequence: "Ctrl+F"
        enabled: view.visible
        onActivated: finishedTools.focusSearch()
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
            id: lists
            // Narrower in a small window, so the detail keeps room for amounts and the bid button.
            Layout.preferredWidth: view.width < 700 ? 210 : 300
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
                focus: true
                Layout.fillWidth: true
                // Active and finished share the column: neither is squeezed by the other.
                Layout.fillHeight: true
                Layout.preferredHeight: 100
                Layout.minimumHeight: active.count > 0 ? 60 : 0
                // Selected while still 0 high, it scrolled its row out of sight: when every row
                // fits, show them from the top.
                onHeightChanged: if (contentHeight <= height) positionViewAtBeginning()
                model: active
                clip: true
                activeFocusOnTab: true
                keyNavigationEnabled: true
                // The selection lives in view.selectedId; the lists follow it and set it.
                onCurrentIndexChanged: if (currentIndex >= 0) view.selectedId = active.idAt(currentIndex)
                Accessible.role: Accessible.List
                Accessible.name: qsTr("Active tiebreakers")
                // New rows fade in from the delegate (ListView.onAdd), not an add transition: a relayout
                // cancels a transition and left rows at opacity 0 or half faded (two bids at once).
                remove: Transition { NumberAnimation { property: "opacity"; to: 0; duration: 250 } }
                displaced: Transition { NumberAnimation { property: "y"; duration: 200 } }
                delegate: ItemDelegate {
                    id: item
                    ListView.onAdd: itemFadeIn.start()
                    NumberAnimation { id: itemFadeIn; target: item; property: "opacity"; from: 0; to: 1; duration: 250; onStopped: item.opacity = 1 }
                    // The current row of the focused list shows the keyboard focus.
                    FocusRing { shown: item.ListView.isCurrentItem && item.ListView.view.activeFocus }
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
                            Countdown {
                                deadline: item.deadline
                                endedText: qsTr("Awaiting result")
                            }
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
            SearchSortBar {
                id: finishedTools
                objectName: "finishedTools"
                compact: true
                Layout.fillWidth: true
                Layout.leftMargin: 8
                Layout.rightMargin: 8
                placeholder: qsTr("Search players or teams")
                listName: qsTr("finished tiebreakers")
                sortOptions: [{ key: "deadline", label: qsTr("Newest first") }, { key: "player_name", label: qsTr("By player") },
                              { key: "winner_team_name", label: qsTr("By winner") }]
            }
            ListView {
                id: closedList
                objectName: "closedTiebreakers"
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredHeight: 100
                Layout.minimumHeight: 80
                model: shownClosed
                clip: true
                activeFocusOnTab: true
                keyNavigationEnabled: true
                onCurrentIndexChanged: if (currentIndex >= 0) view.selectedId = closed.idAt(shownClosed.sourceRow(currentIndex))
                Accessible.role: Accessible.List
                Accessible.name: qsTr("Finished tiebreakers")
                // New rows fade in from the delegate (ListView.onAdd), not an add transition: a relayout
                // cancels a transition and left rows at opacity 0 or half faded (two bids at once).
                displaced: Transition { NumberAnimation { property: "y"; duration: 200 } }
                delegate: ItemDelegate {
                    id: done
                    ListView.onAdd: doneFadeIn.start()
                    NumberAnimation { id: doneFadeIn; target: done; property: "opacity"; from: 0; to: 1; duration: 250; onStopped: done.opacity = 1 }
                    // The current row of the focused list shows the keyboard focus.
                    FocusRing { shown: done.ListView.isCurrentItem && done.ListView.view.activeFocus }
                    required property string tiebreaker_id
                    required property string player_name
                    required property string status
                    required property string winner_team_name
                    required property var winning_amount
                    required property bool highest_bid_lost
                    required property string currency_type
                    required property date deadline
                    width: ListView.view.width
                    required property int index
                    highlighted: ListView.isCurrentItem
                    onClicked: ListView.view.currentIndex = index
                    text: qsTr("%1 — %2").arg(player_name)
                              .arg(Format.outcome(status, winner_team_name, winning_amount, currency_type, highest_bid_lost, deadline))
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

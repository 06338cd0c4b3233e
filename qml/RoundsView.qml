import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import LeagueDesk.Models
import LeagueDesk.Session

// The sealed-bid rounds (protocol 1.1): open ones with their countdown, the chosen one's players
// with the team's own sealed bid on each, placed, replaced or withdrawn inline; "committed" (the
// team's open bids per currency) above. Finalized rounds stay listed below the open ones. Hidden
// content against a 1.0 server, which has no catalogue or own bids.
Page {
    id: view

    property string selectedId
    readonly property bool manager: Session.role === "manager"
    readonly property bool admin: Session.role === "admin"
    property bool composing: false // the admin's new-round form is open

    RoundsModel {
        id: rounds
        session: Session
        onCountChanged: view.pickDefault()
    }
    RoundPlayersModel {
        id: players
        session: Session
        roundId: view.selectedId
    }
    // Team names for the admin's view of every team's sealed bids (the shared teams query).
    TeamListModel {
        id: teamNames
        session: Session
    }
    // "Team Red 1,200 · Team Blue 1,000": every team's sealed bids on a player, highest first.
    function teamBidsText(bids: var): string {
        const names = teamNames.names
        const parts = []
        for (let i = 0; i < bids.length; ++i) {
            const name = names[bids[i].team_id] ?? ""
            parts.push((name.length > 0 ? name : bids[i].team_id) + " " + Format.moneyIn(bids[i].amount, players.currencyType))
        }
        return parts.join(" · ")
    }
    function pickDefault() {
        if (selectedId.length === 0 && rounds.count > 0)
            selectedId = rounds.data(rounds.index(0, 0), RoundsModel.RoundIdRole)
    }
    function committedText(): string {
        const parts = []
        for (const currency in rounds.committed) {
            if (rounds.committed[currency] > 0)
                parts.push(Format.moneyIn(rounds.committed[currency], currency))
        }
        return parts.length > 0 ? parts.join(" · ") : qsTr("nothing")
    }

    Dialog {
        id: finalizeDialog
        objectName: "finalizeDialog"
        anchors.centerIn: parent
        // The text's width is given, not taken from the wrapped text: that made the dialog's
        // implicit size depend on itself (a binding loop, seen at 200 %).
        contentWidth: 420
        modal: true
        title: qsTr("Finalize round %1?").arg(view.selectedId)
        standardButtons: Dialog.Ok | Dialog.Cancel
        Label {
            text: qsTr("The highest affordable sealed bid wins each player and is debited; tied top bids open tiebreakers. Managers can no longer bid in this round.")
            wrapMode: Text.WordWrap
            width: finalizeDialog.contentWidth
        }
        onAccepted: rounds.finalizeRound(view.selectedId)
    }
    Dialog {
        id: deleteDialog
        objectName: "deleteDialog"
        anchors.centerIn: parent
        // The text's width is given, not taken from the wrapped text: that made the dialog's
        // implicit size depend on itself (a binding loop, seen at 200 %).
        contentWidth: 420
        modal: true
        title: qsTr("Delete round %1?").arg(view.selectedId)
        standardButtons: Dialog.Ok | Dialog.Cancel
        Label {
            text: players.finalized
                ? qsTr("Every player won in this round, also through its tiebreakers, leaves its squad and the price is refunded to the team; its active tiebreakers are cancelled.")
                : qsTr("The round is still open: its sealed bids are dropped; nobody has paid anything yet.")
            wrapMode: Text.WordWrap
            width: deleteDialog.contentWidth
        }
        onAccepted: rounds.deleteRound(view.selectedId)
    }

    header: ColumnLayout {
        spacing: 0
        Label {
            text: qsTr("Rounds")
            font.pixelSize: 20
            font.bold: true
            padding: 12
            bottomPadding: 0
        }
        Label {
            objectName: "committedLabel"
            visible: view.manager && rounds.available
            text: qsTr("Committed in open sealed bids: %1").arg(view.committedText())
            leftPadding: 12
            bottomPadding: 8
            opacity: 0.8
        }
    }

    Label {
        objectName: "roundsUnavailable"
        anchors.centerIn: parent
        visible: !rounds.available && Session.signedIn
        width: parent.width * 0.8
        wrapMode: Text.WordWrap
        horizontalAlignment: Text.AlignHCenter
        text: rounds.hasData || rounds.errorString.length > 0
            ? qsTr("This server speaks protocol 1.0: sealed-bid rounds need 1.1.")
            : qsTr("Loading…")
    }

    RowLayout {
        anchors.fill: parent
        visible: rounds.available
        spacing: 0

        ListView {
            id: roundList
            objectName: "roundList"
            Layout.preferredWidth: view.width < 700 ? 210 : 280
            Layout.fillHeight: true
            clip: true
            model: rounds
            currentIndex: rounds.indexOf(view.selectedId)
            keyNavigationEnabled: true
            activeFocusOnTab: true
            Accessible.name: qsTr("Rounds")
            Keys.onReturnPressed: if (currentIndex >= 0) view.selectedId = rounds.data(rounds.index(currentIndex, 0), RoundsModel.RoundIdRole)
            // Delegates reach the view's models by id (components: qmllint cannot see the scope).
            // qmllint disable unqualified
            delegate: ItemDelegate {
                id: entry
                required property string round_id
                required property string position
                required property string currency_type
                required property bool finalized
                required property date closes_at
                required property int player_count
                required property int own_bid_count
                width: ListView.view.width
                highlighted: ListView.isCurrentItem
                onClicked: view.selectedId = round_id
                contentItem: ColumnLayout {
                    spacing: 2
                    Label {
                        text: qsTr("%1 · %2 · %3").arg(entry.round_id).arg(entry.position).arg(entry.currency_type)
                        font.bold: true
                    }
                    RowLayout {
                        Label {
                            text: entry.finalized ? qsTr("Finalized") : ""
                            visible: entry.finalized
                            opacity: 0.7
                        }
                        Countdown {
                            visible: !entry.finalized
                            deadline: entry.closes_at
                            endedText: qsTr("Closed, awaiting finalize")
                        }
                        Label {
                            text: qsTr("%n player(s)", "", entry.player_count)
                                  + (entry.own_bid_count > 0 ? qsTr(", %n own bid(s)", "", entry.own_bid_count) : "")
                            opacity: 0.7
                        }
                    }
                }
            }
            // qmllint enable unqualified
        }

        ToolSeparator {
            orientation: Qt.Vertical
            Layout.fillHeight: true
        }

        NewRoundPane {
            objectName: "newRoundPane"
            visible: view.composing
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.preferredWidth: 1 // share the row by stretch, never by the form's implicit width
            onCreated: (roundId) => { view.composing = false; if (roundId.length > 0) view.selectedId = roundId }
            onCancelled: view.composing = false
        }

        ColumnLayout {
            visible: !view.composing
            Layout.preferredWidth: 1
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.margins: 8
            spacing: 6

            // The admin's console for the chosen round; every destructive action asks once.
            RowLayout {
                objectName: "adminActions"
                visible: view.admin
                Button {
                    objectName: "newRoundButton"
                    text: qsTr("New round…")
                    onClicked: view.composing = true
                }
                GuardedButton {
                    objectName: "finalizeButton"
                    text: qsTr("Finalize…")
                    enabled: view.selectedId.length > 0 && !players.finalized && !rounds.busy
                    busy: rounds.busy
                    onTriggered: finalizeDialog.open()
                }
                GuardedButton {
                    objectName: "deleteButton"
                    text: qsTr("Delete…")
                    enabled: view.selectedId.length > 0 && !rounds.busy
                    busy: rounds.busy
                    onTriggered: deleteDialog.open()
                }
            }
            Label {
                objectName: "actionResult"
                visible: view.admin && (rounds.actionText.length > 0 || rounds.actionError.length > 0)
                text: rounds.actionError.length > 0 ? rounds.actionError : rounds.actionText
                color: rounds.actionError.length > 0 ? (Material.theme === Material.Dark ? "#ef9a9a" : "#c62828")
                                                     : palette.windowText
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }

            Label {
                objectName: "roundTitle"
                visible: view.selectedId.length > 0
                text: players.finalized
                    ? qsTr("Round %1 is finalized").arg(view.selectedId)
                    : qsTr("Round %1: %2 players, %3 money").arg(view.selectedId).arg(players.position).arg(players.currencyType)
                font.pixelSize: 16
                font.bold: true
            }
            RowLayout {
                visible: view.selectedId.length > 0 && !players.finalized
                Label { text: qsTr("Closes in") }
                Countdown {
                    id: roundClock
                    objectName: "roundCountdown"
                    deadline: players.closesAt
                    endedText: qsTr("closed: no more bids, awaiting finalize")
                }
            }
            Label {
                visible: view.manager && view.selectedId.length > 0 && players.committed > 0
                text: qsTr("Your bids in this round: %1").arg(Format.moneyIn(players.committed, players.currencyType))
                opacity: 0.8
            }

            Label {
                visible: view.selectedId.length > 0 && !players.hasData
                text: qsTr("Loading…")
            }
            ListView {
                id: playerList
                objectName: "roundPlayers"
                visible: players.hasData
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                model: players
                spacing: 2
                activeFocusOnTab: true
                // qmllint disable unqualified
                delegate: Frame {
                    id: row
                    required property string player_id
                    required property string name
                    required property string club
                    required property real own_bid
                    required property int bid_count
                    required property var team_bids
                    required property bool sending
                    required property string error_text
                    readonly property bool closed: players.finalized || roundClock.ended
                    width: ListView.view.width
                    ColumnLayout {
                        width: row.availableWidth
                        RowLayout {
                            Layout.fillWidth: true
                            ColumnLayout {
                                Layout.fillWidth: true
                                spacing: 0
                                // fillWidth on the labels too: a nested layout grows no wider
                                // than its children may, and the bid controls belong at the right.
                                Label { text: row.name; font.bold: true; elide: Text.ElideRight; Layout.fillWidth: true }
                                Label { text: row.club; opacity: 0.7; elide: Text.ElideRight; Layout.fillWidth: true }
                            }
                            Label {
                                objectName: "ownBid"
                                visible: view.manager
                                text: row.own_bid > 0 ? qsTr("Your bid: %1").arg(Format.moneyIn(row.own_bid, players.currencyType))
                                                      : qsTr("No bid")
                            }
                            Label {
                                visible: !view.manager
                                text: qsTr("%n sealed bid(s)", "", row.bid_count)
                            }
                            TextField {
                                id: amountField
                                visible: view.manager && !row.closed
                                placeholderText: qsTr("Amount")
                                inputMethodHints: Qt.ImhDigitsOnly
                                validator: RegularExpressionValidator { regularExpression: /[1-9][0-9]{0,14}/ }
                                Layout.preferredWidth: 110
                                Accessible.name: qsTr("Sealed bid for %1").arg(row.name)
                                onAccepted: bidButton.triggered()
                            }
                            GuardedButton {
                                id: bidButton
                                visible: view.manager && !row.closed
                                text: row.own_bid > 0 ? qsTr("Replace") : qsTr("Bid")
                                busy: row.sending
                                enabled: amountField.acceptableInput && !row.sending
                                onTriggered: {
                                    if (players.placeBid(row.player_id, Number(amountField.text)))
                                        amountField.clear()
                                }
                            }
                            GuardedButton {
                                visible: view.manager && !row.closed && row.own_bid > 0
                                text: qsTr("Withdraw")
                                busy: row.sending
                                enabled: !row.sending
                                onTriggered: players.withdrawBid(row.player_id)
                            }
                        }
                        Label {
                            // The admin sees who bid what (the server shows every team's bids to
                            // admins; the console finalizes or deletes from here).
                            objectName: "teamBids"
                            visible: !view.manager && row.team_bids.length > 0
                            text: view.teamBidsText(row.team_bids)
                            opacity: 0.8
                            wrapMode: Text.WordWrap
                            Layout.fillWidth: true
                        }
                        Label {
                            objectName: "bidError"
                            visible: row.error_text.length > 0
                            text: row.error_text
                            color: Material.theme === Material.Dark ? "#ef9a9a" : "#c62828"
                            wrapMode: Text.WordWrap
                            Layout.fillWidth: true
                        }
                    }
                }
                // qmllint enable unqualified
            }
        }
    }
}

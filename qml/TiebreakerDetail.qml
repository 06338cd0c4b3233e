import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import LeagueDesk.Models
import LeagueDesk.Session

// One tiebreaker: countdown, highest bid and who holds it, this team's last bid, the bid history
// as it grows, the bid form for participants, and the winner once it is resolved.
Pane {
    id: root

    property string tiebreakerId
    // The team this dashboard bids for ("" for admins, who only watch).
    property string ownTeamId

    TiebreakerBidsModel {
        id: bids
        session: Session
        tiebreakerId: root.tiebreakerId
        teamId: root.ownTeamId
    }
    WalletModel {
        id: wallet
        session: Session
        teamId: root.ownTeamId
    }

    readonly property bool active: bids.status === "active"
    // Past the deadline the server takes no bid, even before it announces the result: the form
    // closes then, not after a refusal.
    readonly property bool biddingOpen: active && !detailCountdown.ended
    readonly property bool participant: bids.isParticipant
    readonly property bool admin: Session.role === "admin"
    readonly property real balance: { wallet.revision; return wallet.balanceOf(bids.currencyType) }

    Label {
        anchors.centerIn: parent
        visible: !bids.hasData
        text: root.tiebreakerId.length === 0 ? qsTr("Choose a tiebreaker")
            : bids.errorString.length > 0 ? bids.errorString : qsTr("Loading tiebreaker…")
        opacity: 0.6
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 10
        visible: bids.hasData

        RowLayout {
            Layout.fillWidth: true
            Label {
                text: bids.playerName
                font.pixelSize: 22
                font.bold: true
                Layout.fillWidth: true
                elide: Text.ElideRight
            }
            Countdown {
                id: detailCountdown
                objectName: "detailCountdown"
                visible: root.active
                deadline: bids.deadline
                font.pixelSize: 22
            }
        }
        Label {
            objectName: "winnerLabel"
            visible: !root.active
            // Who won, for what price, and why the highest bid lost when it did (TiebreakerBidsModel).
            text: bids.outcome.length > 0 ? bids.outcome : qsTr("Resolved")
            font.pixelSize: 16
            font.bold: true
            // Green only for this team's own win: "Won by Team Red" is not good news for you.
            color: bids.winnerTeamId.length > 0 && bids.winnerTeamId === root.ownTeamId
                   ? (root.Material.theme === Material.Dark ? "#81c784" : "#2e7d32") : root.Material.foreground
            wrapMode: Text.WordWrap
            Layout.fillWidth: true
        }
        Label {
            objectName: "awaitingLabel"
            visible: root.active && !root.biddingOpen
            text: qsTr("Bidding closed at %1; waiting for the result").arg(Qt.formatTime(bids.deadline, "HH:mm:ss"))
            font.bold: true
            wrapMode: Text.WordWrap
            Layout.fillWidth: true
        }
        GridLayout {
            columns: 2
            columnSpacing: 16
            rowSpacing: 4
            Label { text: qsTr("Highest bid"); opacity: 0.7 }
            Label {
                objectName: "highestBidLabel"
                text: bids.highestBidAmount >= 0
                      ? qsTr("%1 by %2").arg(Format.moneyIn(bids.highestBidAmount, bids.currencyType))
                                        .arg(bids.highestBidTeamId === root.ownTeamId ? qsTr("you") : bids.highestBidTeamName)
                      : qsTr("No bids yet")
                font.bold: true
            }
            Label { text: qsTr("Teams in the tie"); opacity: 0.7 }
            Label {
                objectName: "participantsLabel"
                text: bids.participantsText
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
            Label { text: qsTr("Tied at"); opacity: 0.7 }
            Label {
                objectName: "startingAmountLabel"
                text: Format.moneyIn(bids.startingAmount, bids.currencyType)
            }
            Label { text: qsTr("Your last bid"); opacity: 0.7; visible: root.participant }
            Label {
                visible: root.participant
                text: bids.myLastBid >= 0 ? Format.moneyIn(bids.myLastBid, bids.currencyType) : qsTr("none")
            }
        }

        // Admins may end a running tiebreaker before its deadline; the result arrives as its
        // tiebreaker_resolved event, like any other change.
        RowLayout {
            visible: root.admin && root.active
            Layout.fillWidth: true
            ConfirmButton {
                objectName: "resolveButton"
                text: qsTr("Resolve now…")
                title: qsTr("Resolve the tiebreaker for %1 now?").arg(bids.playerName)
                prompt: bids.resolvePrompt
                busy: bids.resolving
                enabled: !bids.resolving
                Accessible.description: bids.resolvePrompt
                onConfirmed: bids.resolveNow()
            }
            Label {
                objectName: "resolveError"
                visible: bids.resolveError.length > 0
                text: bids.resolveError
                color: root.Material.theme === Material.Dark ? "#ef9a9a" : "#c62828"
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
        }

        BidForm {
            id: form
            objectName: "bidForm"
            Layout.fillWidth: true
            visible: root.participant && root.active
            open: root.biddingOpen
            minimumBid: bids.minimumNextBid
            balance: root.balance
            currencyType: bids.currencyType
            sending: bids.sending
            serverError: bids.bidErrorText
            confirmation: bids.confirmation
            leadingAmount: bids.leadingAmount
            onSubmitted: (amount) => bids.placeBid(amount)
        }

        Label {
            text: qsTr("Bids")
            font.bold: true
        }
        ListView {
            id: history
            objectName: "bidHistory"
            Layout.fillWidth: true
            Layout.fillHeight: true
            model: bids
            clip: true
            activeFocusOnTab: true
            keyNavigationEnabled: true
            Accessible.role: Accessible.List
            Accessible.name: qsTr("Bid history")
            ScrollBar.vertical: ScrollBar { }
            // New rows fade in from the delegate (ListView.onAdd), not an add transition: a relayout
            // cancels a transition and left rows at opacity 0 or half faded (two bids at once).
            displaced: Transition { NumberAnimation { property: "y"; duration: 200 } }
            delegate: ItemDelegate {
                id: bidRow
                ListView.onAdd: bidRowFadeIn.start()
                NumberAnimation { id: bidRowFadeIn; target: bidRow; property: "opacity"; from: 0; to: 1; duration: 250; onStopped: bidRow.opacity = 1 }
                // The current row of the focused list shows the keyboard focus.
                FocusRing { shown: bidRow.ListView.isCurrentItem && bidRow.ListView.view.activeFocus }
                required property string team_name
                required property var amount
                required property string ts
                required property bool is_highest
                required property bool is_own
                width: ListView.view.width
                rightPadding: 24 // clear of the scroll bar
                Accessible.name: qsTr("%1 bid %2 at %3").arg(team_name).arg(Format.money(amount)).arg(Format.time(ts))
                contentItem: RowLayout {
                    spacing: 12
                    Label {
                        text: Format.time(bidRow.ts)
                        opacity: 0.7
                        Layout.preferredWidth: 70
                    }
                    Label {
                        text: bidRow.is_own ? qsTr("%1 (you)").arg(bidRow.team_name) : bidRow.team_name
                        font.bold: bidRow.is_highest
                        Layout.fillWidth: true
                        elide: Text.ElideRight
                    }
                    Label {
                        text: Format.money(bidRow.amount)
                        font.bold: bidRow.is_highest
                        horizontalAlignment: Text.AlignRight
                    }
                }
            }
        }
    }
}

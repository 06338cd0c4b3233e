import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import LeagueDesk.Models
import LeagueDesk.Session

// "Committed" and "available" for one currency, beside a balance (protocol 1.1): committed is the
// sum of the team's sealed bids in open rounds, which reserve no money; available is the balance
// less that. Warns when the bids add up to more than the balance (finalize skips the bids the team
// can no longer pay). Invisible against a 1.0 server and for admins.
RowLayout {
    id: funds

    required property RoundsModel rounds
    required property string currency
    required property real balance
    // Through the `committed` map, so the binding follows its change signal.
    readonly property real committed: Number(rounds.committed[currency] ?? 0)
    readonly property bool overCommitted: committed > balance

    visible: rounds.available && Session.role === "manager"
    spacing: 8

    Label {
        objectName: "committedAmount"
        text: qsTr("Committed %1").arg(Format.moneyIn(funds.committed, funds.currency))
        opacity: 0.8
    }
    Label {
        objectName: "availableAmount"
        text: qsTr("Available %1").arg(Format.moneyIn(funds.balance - funds.committed, funds.currency))
        opacity: 0.8
    }
    Label {
        objectName: "overCommitted"
        visible: funds.overCommitted
        text: qsTr("Your sealed bids exceed the balance: some may be skipped at finalize")
        color: Material.theme === Material.Dark ? "#ef9a9a" : "#c62828"
        wrapMode: Text.WordWrap
        Layout.fillWidth: true
    }
}

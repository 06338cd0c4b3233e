import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts

// Where a participant raises their bid. Knows the minimum next bid and the balance, checks the
// amount before sending, disables itself while sending and shows the server's answer in words
// next to the field.
ColumnLayout {
    id: root

    property real minimumBid: 0
    property real balance: -1        // -1: not known yet
    property string currencyType
    property bool open: true         // the tiebreaker still takes bids
    property bool sending: false
    property string serverError      // in words, from TiebreakerBidsModel.bidErrorText
    property string confirmation     // "Your bid of 15,500 is in"
    // This team holds the highest bid: another would only raise its own price (-1: not leading).
    property real leadingAmount: -1
    readonly property bool leading: leadingAmount >= 0

    signal submitted(real amount)

    readonly property real amount: amountField.text.length > 0 ? Number(amountField.text) : NaN
    readonly property string validationError: {
        if (!open)
            return ""
        if (amountField.text.length === 0 || isNaN(amount))
            return qsTr("Enter an amount")
        if (amount < minimumBid)
            return qsTr("Bid at least %1").arg(Format.money(minimumBid))
        if (balance >= 0 && amount > balance)
            return qsTr("More than your balance of %1").arg(Format.moneyIn(balance, currencyType))
        return ""
    }
    readonly property bool canSubmit: open && !sending && !leading && validationError.length === 0
    // What the line under the field says: the server's refusal wins over the local check.
    readonly property string shownError: serverError.length > 0 ? serverError
        : (amountField.text.length > 0 || amountField.activeFocus ? validationError : "")

    spacing: 6

    // Enter in the field goes through the button's guard too, so Enter twice bids once.
    function submit() {
        if (canSubmit)
            bidButton.trigger()
    }
    // A fresh minimum after an outbid fills in the next sensible amount unless the user typed.
    function suggest() {
        if (!amountField.activeFocus)
            amountField.text = minimumBid > 0 ? String(minimumBid) : ""
    }
    onMinimumBidChanged: suggest()
    Component.onCompleted: suggest()

    RowLayout {
        spacing: 8
        Layout.fillWidth: true
        TextField {
            id: amountField
            objectName: "amountField"
            Layout.fillWidth: true
            enabled: root.open && !root.sending && !root.leading
            inputMethodHints: Qt.ImhDigitsOnly
            validator: RegularExpressionValidator { regularExpression: /[0-9]{0,12}/ }
            placeholderText: qsTr("Amount, at least %1").arg(Format.money(root.minimumBid))
            selectByMouse: true
            Accessible.name: qsTr("Bid amount in %1").arg(root.currencyType)
            Accessible.description: root.shownError
            onAccepted: root.submit()
        }
        GuardedButton {
            FocusRing { }
            id: bidButton
            objectName: "bidButton"
            text: root.sending ? qsTr("Sending…") : qsTr("Place bid")
            enabled: root.canSubmit
            busy: root.sending
            highlighted: true
            Accessible.name: qsTr("Place bid")
            onTriggered: if (root.canSubmit) root.submitted(root.amount)
        }
    }
    Label {
        objectName: "leadingLabel"
        visible: root.open && root.leading
        text: qsTr("You are the highest bidder with %1. You can bid again when another team outbids you.")
              .arg(Format.moneyIn(root.leadingAmount, root.currencyType))
        font.bold: true
        wrapMode: Text.WordWrap
        Layout.fillWidth: true
    }
    Label {
        objectName: "minimumLabel"
        visible: root.open && !root.leading
        text: root.balance >= 0
              ? qsTr("Minimum %1 · balance %2").arg(Format.money(root.minimumBid)).arg(Format.moneyIn(root.balance, root.currencyType))
              : qsTr("Minimum %1").arg(Format.money(root.minimumBid))
        opacity: 0.7
        font.pixelSize: 12
    }
    Label {
        objectName: "errorLabel"
        visible: text.length > 0
        text: root.shownError
        color: root.Material.theme === Material.Dark ? "#ef9a9a" : "#c62828"
        wrapMode: Text.WordWrap
        Layout.fillWidth: true
        Accessible.role: Accessible.AlertMessage
        Accessible.name: text
    }
    Label {
        objectName: "confirmationLabel"
        visible: text.length > 0 && root.serverError.length === 0
        text: root.confirmation
        color: root.Material.theme === Material.Dark ? "#81c784" : "#2e7d32"
        font.bold: true
        Layout.fillWidth: true
    }
}

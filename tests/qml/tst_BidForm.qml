import QtQuick
import QtTest
import LeagueDesk.Ui

// The bid form: the minimum and the balance are checked before sending, it disables itself
// while sending, and the server's refusal shows in words next to the field.
TestCase {
    id: testCase
    name: "BidForm"
    width: 500
    height: 200
    when: windowShown
    visible: true

    Component {
        id: formComponent
        BidForm {
            width: 480
            minimumBid: 15500
            balance: 20000
            currencyType: "football"
        }
    }
    SignalSpy {
        id: submitSpy
        signalName: "submitted"
    }

    function make(props) {
        const form = createTemporaryObject(formComponent, testCase, props || {})
        verify(form !== null)
        submitSpy.target = form
        submitSpy.clear()
        return form
    }

    function test_suggestsMinimumAndSubmits() {
        const form = make()
        const field = findChild(form, "amountField")
        compare(field.text, "15500")
        compare(form.canSubmit, true)
        mouseClick(findChild(form, "bidButton"))
        compare(submitSpy.count, 1)
        compare(submitSpy.signalArguments[0][0], 15500)
    }

    function test_belowMinimum() {
        const form = make()
        const field = findChild(form, "amountField")
        field.text = "15000"
        compare(form.canSubmit, false)
        compare(findChild(form, "errorLabel").text, "Bid at least 15,500")
        compare(findChild(form, "bidButton").enabled, false)
        field.forceActiveFocus()
        keyClick(Qt.Key_Return)
        compare(submitSpy.count, 0)
    }

    function test_aboveBalance() {
        const form = make()
        findChild(form, "amountField").text = "25000"
        compare(form.canSubmit, false)
        compare(findChild(form, "errorLabel").text, "More than your balance of 20,000 football")
    }

    function test_disabledWhileSending() {
        const form = make({ sending: true })
        compare(findChild(form, "bidButton").enabled, false)
        compare(findChild(form, "amountField").enabled, false)
        compare(findChild(form, "bidButton").text, "Sending…")
    }

    function test_serverErrorShownNextToField() {
        const form = make({ serverError: "Too low: bid at least 15,600" })
        const label = findChild(form, "errorLabel")
        compare(label.visible, true)
        compare(label.text, "Too low: bid at least 15,600")
        form.serverError = ""
        form.confirmation = "Your bid of 15,500 is in"
        compare(label.visible, false)
        compare(findChild(form, "confirmationLabel").visible, true)
    }

    function test_keyboardOnly() {
        const form = make()
        const field = findChild(form, "amountField")
        field.forceActiveFocus()
        field.selectAll()
        keyClick(Qt.Key_1); keyClick(Qt.Key_6); keyClick(Qt.Key_0); keyClick(Qt.Key_0); keyClick(Qt.Key_0)
        compare(field.text, "16000")
        keyClick(Qt.Key_Return)
        compare(submitSpy.count, 1)
        compare(submitSpy.signalArguments[0][0], 16000)
    }

    // Issue 14.1: the second click of a double-click (and Enter pressed twice) does not bid again,
    // even when the form has already refilled itself with the next minimum.
    function test_doubleClickBidsOnce() {
        const form = make()
        const button = findChild(form, "bidButton")
        button.now = () => 1000 // the clock stands still: both clicks fall in one double-click
        mouseClick(button)
        form.minimumBid = 15600 // the answer came back and refilled the field
        compare(form.canSubmit, true)
        mouseClick(button)
        compare(submitSpy.count, 1)
        const field = findChild(form, "amountField")
        field.forceActiveFocus()
        keyClick(Qt.Key_Return)
        compare(submitSpy.count, 1)
        button.now = () => 1000 + Qt.styleHints.mouseDoubleClickInterval + 1
        keyClick(Qt.Key_Return)
        compare(submitSpy.count, 2)
    }

    function test_leadingLocksTheForm() {
        const form = make({ leadingAmount: 15400 })
        compare(form.canSubmit, false)
        compare(findChild(form, "bidButton").enabled, false)
        compare(findChild(form, "amountField").enabled, false)
        const label = findChild(form, "leadingLabel")
        compare(label.visible, true)
        verify(label.text.indexOf("You are the highest bidder with 15,400 football") === 0, label.text)
        findChild(form, "amountField").forceActiveFocus()
        keyClick(Qt.Key_Return)
        compare(submitSpy.count, 0)
        form.leadingAmount = -1 // outbid
        compare(form.canSubmit, true)
    }
}

import QtQuick
import QtTest
import LeagueDesk.Ui

// The ask-once confirmation of destructive admin actions (resolving a tiebreaker early): the
// button opens a dialog stating what will happen; Escape drops it, Enter or OK confirms it once;
// all of it from the keyboard; nothing while the action is under way.
TestCase {
    id: testCase
    name: "ConfirmButton"
    width: 600
    height: 400
    when: windowShown
    visible: true

    Component {
        id: buttonComponent
        ConfirmButton {
            x: 20
            y: 20
            text: "Resolve now…"
            title: "Resolve the tiebreaker for Ada now?"
            prompt: "Team Blue leads with 60 real: it wins Ada at that price if its wallet can still pay it."
            // A clock the test moves, so the double-activation guard does not depend on timing.
            property real clock: 100000
            now: () => clock
        }
    }
    SignalSpy {
        id: confirmedSpy
        signalName: "confirmed"
    }

    function make() {
        const button = createTemporaryObject(buttonComponent, testCase)
        verify(button !== null)
        confirmedSpy.target = button
        confirmedSpy.clear()
        return button
    }

    function openedFromKeyboard(button) {
        button.forceActiveFocus()
        verify(button.activeFocus)
        keyClick(Qt.Key_Return)
        tryVerify(() => button.dialog.opened, 15000)
    }

    function test_statesWhatWillHappen() {
        const button = make()
        mouseClick(button)
        tryVerify(() => button.dialog.opened, 15000)
        compare(button.dialog.title, "Resolve the tiebreaker for Ada now?")
        compare(findChild(button.dialog.contentItem, "confirmPrompt").text, button.prompt)
        // Data that changes while it is open shows at once (a new bid changes who leads).
        button.prompt = "Team Red leads with 70 real."
        compare(findChild(button.dialog.contentItem, "confirmPrompt").text, "Team Red leads with 70 real.")
        compare(confirmedSpy.count, 0) // opening asks, it does not act
    }

    function test_escapeCancels() {
        const button = make()
        openedFromKeyboard(button)
        keyClick(Qt.Key_Escape)
        tryVerify(() => !button.dialog.visible, 15000)
        compare(confirmedSpy.count, 0)
    }

    function test_enterConfirmsOnce() {
        const button = make()
        openedFromKeyboard(button)
        keyClick(Qt.Key_Return)
        tryVerify(() => !button.dialog.visible, 15000)
        compare(confirmedSpy.count, 1)
        // A second Enter on the button within the double-click interval of the first activation
        // is swallowed: no second dialog.
        button.forceActiveFocus()
        keyClick(Qt.Key_Return)
        verify(!button.dialog.visible)
        compare(confirmedSpy.count, 1)
    }

    function test_okButtonConfirms() {
        const button = make()
        mouseClick(button)
        tryVerify(() => button.dialog.opened, 15000)
        button.dialog.accept()
        compare(confirmedSpy.count, 1)
    }

    function test_busyDoesNothing() {
        const button = make()
        button.busy = true
        mouseClick(button)
        button.forceActiveFocus()
        keyClick(Qt.Key_Return)
        verify(!button.dialog.visible)
        // Confirming while the previous action is still on its way does not send another.
        button.busy = false
        button.clock += 10000
        mouseClick(button)
        tryVerify(() => button.dialog.opened, 15000)
        button.busy = true
        button.dialog.accept()
        compare(confirmedSpy.count, 0)
    }
}

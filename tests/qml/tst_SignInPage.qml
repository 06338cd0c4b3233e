import QtQuick
import QtTest
import LeagueDesk.Ui

// The sign-in page (issue 14.2): labelled fields, a hint where a token comes from, no address
// that looks like a real one, and the reason the last sign-in ended.
TestCase {
    id: testCase
    name: "SignInPage"
    width: 600
    height: 700
    when: windowShown
    visible: true

    Component {
        id: pageComponent
        SignInPage {
            width: 600
            height: 700
        }
    }
    SignalSpy {
        id: signInSpy
        signalName: "signInRequested"
    }

    function test_emptyFormExplainsItself() {
        const page = createTemporaryObject(pageComponent, testCase)
        const server = findChild(page, "serverField")
        compare(server.text, "") // an example is a placeholder, never a value
        verify(server.placeholderText.indexOf("e.g.") === 0, server.placeholderText)
        verify(findChild(page, "tokenHint").text.indexOf("league admin") > 0)
        compare(findChild(page, "signInError").visible, false)
    }

    function test_refusalIsShownAndTheServerKept() {
        const page = createTemporaryObject(pageComponent, testCase, {
            lastServerUrl: "http://127.0.0.1:9999",
            errorText: "http://127.0.0.1:9999 did not accept this token: it is wrong, expired or was revoked." })
        const error = findChild(page, "signInError")
        compare(error.visible, true)
        verify(error.text.indexOf("did not accept this token") > 0)
        compare(findChild(page, "serverField").text, "http://127.0.0.1:9999")
        // The token field has the focus: type a new one and press Enter.
        const token = findChild(page, "tokenField")
        tryVerify(() => token.activeFocus)
        signInSpy.target = page
        signInSpy.clear()
        keyClick(Qt.Key_L); keyClick(Qt.Key_D)
        keyClick(Qt.Key_Return)
        compare(signInSpy.count, 1)
        compare(signInSpy.signalArguments[0][1], "ld")
    }
}

import QtQuick
import QtQuick.Controls
import QtTest
import LeagueDesk.Ui

// Issue 14.7: keyboard focus is visible. A button reached with Tab shows the ring (a click does
// not); a list's current row shows it while the list has the focus.
TestCase {
    id: testCase
    name: "FocusRing"
    width: 400
    height: 300
    when: windowShown
    visible: true

    Component {
        id: formComponent
        Column {
            spacing: 8
            property alias first: first
            property alias second: second
            TextField { id: first; width: 200 }
            GuardedButton { id: second; objectName: "second"; text: "Place bid" }
        }
    }

    function ringOf(item) {
        for (let i = 0; i < item.children.length; ++i) {
            if (item.children[i].border !== undefined && item.children[i].border.width === 2)
                return item.children[i]
        }
        return null
    }

    function test_tabShowsTheRing() {
        const form = createTemporaryObject(formComponent, testCase)
        const ring = ringOf(form.second)
        verify(ring !== null)
        compare(ring.visible, false)
        form.first.forceActiveFocus()
        keyClick(Qt.Key_Tab)
        verify(form.second.activeFocus)
        compare(ring.visible, true)
        mouseClick(form.first)
        compare(ring.visible, false)
    }
}

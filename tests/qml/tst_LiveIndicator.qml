import QtQuick
import QtTest
import LeagueDesk.Ui

TestCase {
    id: testCase
    name: "LiveIndicator"
    width: 400
    height: 80
    when: windowShown
    visible: true // TestCase is invisible by default; the buttons' visibility is under test

    Component {
        id: indicatorComponent
        LiveIndicator {
            running: false // the test sets the clock
        }
    }

    function make(props) {
        const item = createTemporaryObject(indicatorComponent, testCase, props)
        verify(item !== null)
        return item
    }

    function test_live() {
        const item = make({ connectionState: "live" })
        compare(item.text, "Live")
        compare(Qt.colorEqual(item.color, "#2e7d32"), true)
    }

    function test_reconnectingCountsDown() {
        const now = new Date(2026, 10, 26, 14, 3, 0)
        const item = make({ connectionState: "reconnecting", now: now,
                            nextRetryAt: new Date(now.getTime() + 3500) })
        compare(item.text, "Reconnecting in 4 s…")
        item.now = new Date(now.getTime() + 2000)
        compare(item.text, "Reconnecting in 2 s…")
    }

    // Issue 14.3: disconnected with data on screen, the header says how old it is, not the next
    // attempt; and it keeps its height (no button appears in it).
    function test_reconnectingWithDataSaysAsOf() {
        const now = new Date(2026, 10, 26, 19, 21, 0)
        const item = make({ connectionState: "live", now: now })
        const height = item.implicitHeight
        item.asOf = new Date(2026, 10, 26, 19, 19, 30)
        item.nextRetryAt = new Date(now.getTime() + 5000)
        item.connectionState = "reconnecting"
        compare(item.text, "Offline — data as of 19:19")
        compare(item.implicitHeight, height)
    }

    function test_offlineSaysHowOld() {
        const item = make({ connectionState: "offline", asOf: new Date(2026, 10, 26, 14, 3, 7) })
        compare(item.text, "Offline — data as of 14:03")
        const bare = make({ connectionState: "offline" })
        compare(bare.text, "Offline")
    }

    function test_signedOut() {
        const item = make({ connectionState: "unauthorized" })
        compare(item.text, "Signed out")
    }

    function test_neverSaysLiveUnlessLive() {
        for (const state of ["offline", "connecting", "reconnecting", "unauthorized", "garbage"]) {
            const item = make({ connectionState: state })
            verify(item.text !== "Live", state)
        }
    }
}

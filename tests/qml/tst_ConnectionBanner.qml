import QtQuick
import QtTest
import LeagueDesk.Ui

// The connection banner (issue 14.3): silent on the first connect, "Connection lost — showing
// data from HH:mm, retrying in N s" once live data is on screen and the link drops, "Back online"
// for a moment when it returns.
TestCase {
    id: testCase
    name: "ConnectionBanner"
    width: 600
    height: 100
    when: windowShown
    visible: true

    Component {
        id: bannerComponent
        ConnectionBanner {
            width: 600
            running: false // the test sets the clock
        }
    }
    SignalSpy {
        id: retrySpy
        signalName: "retryRequested"
    }

    function make(props) {
        const item = createTemporaryObject(bannerComponent, testCase, props || {})
        verify(item !== null)
        return item
    }

    function test_firstConnectIsNotALoss() {
        const banner = make({ connectionState: "connecting" })
        compare(banner.shown, false)
        banner.connectionState = "reconnecting" // never live, no data: the unreachable page says it
        compare(banner.shown, false)
        banner.connectionState = "live"
        compare(banner.shown, false)
    }

    function test_lostThenBackOnline() {
        const now = new Date(2026, 11, 1, 19, 21, 0)
        const banner = make({ connectionState: "live", now: now, backOnlineMs: 50 })
        banner.asOf = new Date(2026, 11, 1, 19, 19, 40)
        banner.nextRetryAt = new Date(now.getTime() + 4200)
        banner.connectionState = "reconnecting"
        compare(banner.shown, true)
        compare(banner.text, "Connection lost — showing data from 19:19, retrying in 5 s")
        const retry = findChild(banner, "bannerRetry")
        compare(retry.visible, true)
        retrySpy.target = banner
        retrySpy.clear()
        mouseClick(retry)
        compare(retrySpy.count, 1)

        banner.connectionState = "connecting"
        banner.connectionState = "live"
        compare(banner.text, "Back online")
        compare(retry.visible, false)
        tryCompare(banner, "shown", false, 5000) // the "Back online" timer ends it
    }

    function test_offlineWithRestoredDataCountsAsLost() {
        // Opened offline with the last good data from disk: the banner says how old it is.
        const banner = make({ connectionState: "offline", asOf: new Date(2026, 11, 1, 8, 5, 0) })
        compare(banner.shown, true)
        verify(banner.text.indexOf("showing data from 08:05") > 0, banner.text)
    }
}

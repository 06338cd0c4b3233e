import QtQuick
import QtTest
import LeagueDesk.Ui

// Issue 14: desktop notifications on Windows and macOS go through a tray icon, which counts the
// changes the user has not seen. (Offscreen there is no tray, so the icon itself is not shown
// here; what is decided in QML is.)
TestCase {
    id: testCase
    name: "TrayNotifier"

    Component {
        id: trayComponent
        TrayNotifier { iconSource: "" }
    }

    function test_wantedOnWindowsAndMacOnly() {
        const data = [["windows", true], ["osx", true], ["linux", false], ["unix", false]]
        for (let i = 0; i < data.length; ++i) {
            const tray = createTemporaryObject(trayComponent, testCase, { os: data[i][0] })
            compare(tray.wanted, data[i][1], data[i][0])
            // Never shown without a tray to show it in (this test runs offscreen).
            compare(tray.shown, false, data[i][0])
        }
    }

    function test_countsUnreadUntilTheWindowIsActive() {
        const tray = createTemporaryObject(trayComponent, testCase, { os: "windows", windowActive: false })
        compare(tray.unread, 0)
        compare(tray.tooltip, "LeagueDesk")
        tray.notify("LeagueDesk", "Jan Nakamura joined the squad")
        tray.notify("LeagueDesk", "New bid 1,300 football by Team Blue")
        compare(tray.unread, 2)
        verify(tray.tooltip.indexOf("2") > 0, tray.tooltip)
        tray.windowActive = true
        compare(tray.unread, 0)
        compare(tray.tooltip, "LeagueDesk")
    }
}

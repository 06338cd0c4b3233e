import QtQuick
import QtTest
import LeagueDesk.Ui

// The countdown to a tiebreaker's deadline.
TestCase {
    id: testCase
    name: "Countdown"
    width: 200
    height: 50
    when: windowShown

    Component {
        id: countdownComponent
        Countdown { running: false }
    }

    function test_formats() {
        const now = new Date(2026, 10, 26, 14, 0, 0)
        const item = createTemporaryObject(countdownComponent, testCase, { now: now, deadline: new Date(now.getTime() + 125000) })
        compare(item.text, "2:05")
        compare(item.urgent, false)
        item.now = new Date(now.getTime() + 100500)
        compare(item.text, "0:25")
        compare(item.urgent, true)
        item.now = new Date(now.getTime() + 125000)
        compare(item.text, "Ended")
        compare(item.ended, true)
        item.deadline = new Date(now.getTime() + 3723000)
        item.now = now
        compare(item.text, "1:02:03")
    }

    function test_ticksByItself() {
        const item = createTemporaryObject(countdownComponent, testCase,
                                           { deadline: new Date(Date.now() + 1500), running: true })
        verify(!item.ended)
        tryCompare(item, "ended", true, 4000)
        compare(item.text, "Ended")
    }

    // Issue 14.6: a countdown that sat without a deadline (nothing selected yet) shows the new
    // deadline against the current time at once, not against the time it last ticked.
    function test_freshDeadlineReadsTheClock() {
        const t0 = new Date(2026, 10, 26, 14, 0, 0).getTime()
        let clockMs = t0
        const item = createTemporaryObject(countdownComponent, testCase,
                                           { running: true, clock: () => new Date(clockMs), now: new Date(t0) })
        verify(item.ended) // no deadline: the timer is stopped
        clockMs = t0 + 63000 // a minute later the user selects a tiebreaker ending in 25 s
        item.deadline = new Date(clockMs + 25000)
        compare(item.text, "0:25")
    }
}

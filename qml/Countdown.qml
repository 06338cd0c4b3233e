import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material

// Time left until a deadline, ticking each second; says "Ended" once it passed. Under 30 s it
// turns urgent (a late bid pushes the deadline to 30 s after it).
Label {
    id: root

    property date deadline
    // The time it shows against, and the clock that sets it; properties so tests can set them.
    property date now: new Date()
    property var clock: () => new Date()
    property bool running: true
    // What it says once the deadline passed (a list may say "Awaiting result").
    property string endedText: qsTr("Ended")
    property color urgentColor: Material.theme === Material.Dark ? "#ef9a9a" : "#c62828"

    readonly property real secondsLeft: isNaN(deadline.getTime()) ? 0
        : Math.max(0, (deadline.getTime() - now.getTime()) / 1000)
    readonly property bool ended: secondsLeft <= 0
    readonly property bool urgent: !ended && secondsLeft <= 30

    text: ended ? endedText : Format.countdown(deadline, now)
    color: urgent ? urgentColor : Material.foreground
    font.bold: urgent
    Accessible.role: Accessible.StaticText
    Accessible.name: ended ? qsTr("Deadline passed") : qsTr("%1 left").arg(text)

    // The timer stops once ended (or while there is no deadline), so `now` may be old when a new
    // deadline arrives (another tiebreaker selected): read the clock before showing it.
    function readClock(): date {
        const read = clock
        return read()
    }
    onDeadlineChanged: if (running) now = readClock()
    onRunningChanged: if (running) now = readClock()

    Timer {
        interval: 1000
        repeat: true
        running: root.running && !root.ended
        onTriggered: root.now = root.readClock()
    }
}

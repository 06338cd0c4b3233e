import QtQuick
import QtQuick.Controls

// A button for actions that must happen once per intent (placing a bid, a one-click "Bid N"):
// clicks while `busy` are swallowed, and so is a second activation within the platform's
// double-click interval of the last one, so a double-click or Enter pressed twice acts once.
// Connect `triggered`, not `clicked`.
Button {
    id: root

    // The action is under way (e.g. the request is sent and not answered yet).
    property bool busy: false
    // The clock the guard reads; a property so tests can set it.
    property var now: () => Date.now()
    property real lastTriggeredAt: -Infinity

    signal triggered()

    function trigger() {
        const read = now
        const at = read()
        if (busy || !enabled || at - lastTriggeredAt < Qt.styleHints.mouseDoubleClickInterval)
            return false
        lastTriggeredAt = at
        triggered()
        return true
    }
    onClicked: trigger()

    FocusRing { }
}

import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import LeagueDesk.Models

// The toasts of a ToastQueue, newest on top. Resting the pointer on them pauses their timers;
// clicking one opens what it is about.
ListView {
    id: root

    required property ToastQueue queue
    // A one-click bid is on its way: the toasts' "Bid N" buttons wait.
    property bool bidding: false

    // "Bid N" on an outbid toast; the owner places the bid and reports back with a toast.
    signal bidRequested(string toastId, string tiebreakerId, real amount)

    width: 340
    height: contentHeight
    spacing: 8
    interactive: false
    model: queue
    Accessible.role: Accessible.List
    Accessible.name: qsTr("Notifications")

    HoverHandler {
        id: hover
        onHoveredChanged: root.queue.paused = hovered
    }

    // The fade is the delegate's own (ListView.onAdd): a cancelled transition cannot leave it faded.
    add: Transition {
        NumberAnimation { property: "x"; from: 40; to: 0; duration: 200; easing.type: Easing.OutCubic }
    }
    remove: Transition { NumberAnimation { property: "opacity"; to: 0; duration: 200 } }
    displaced: Transition {
        NumberAnimation { property: "y"; duration: 200 }
        // An add transition that this interrupts leaves its row where it stopped (half
        // transparent) unless displaced finishes it too (seen on Qt 6.8).
        NumberAnimation { property: "opacity"; to: 1; duration: 200 }
        NumberAnimation { property: "x"; to: 0; duration: 200 }
    }

    delegate: ItemDelegate {
        id: toast
        ListView.onAdd: toastFadeIn.start()
        NumberAnimation { id: toastFadeIn; target: toast; property: "opacity"; from: 0; to: 1; duration: 250; onStopped: toast.opacity = 1 }
        objectName: "toast"
        required property string toast_id
        required property string message
        required property int count
        required property string target_id
        required property var bid_amount
        // Inverse of the theme, like Material snackbars: dark on a light window, light on a dark one.
        readonly property bool dark: Material.theme === Material.Dark
        readonly property color textColor: dark ? "#202124" : "#ffffff"
        width: ListView.view.width
        padding: 12
        Accessible.role: Accessible.Button
        Accessible.name: message
        Accessible.description: qsTr("Opens the matching view")
        // The view's model is the queue (qmllint 6.4 flags a delegate naming the file's ids).
        onClicked: ListView.view.model.activate(toast_id)
        contentItem: RowLayout {
            spacing: 8
            Label {
                text: toast.message
                wrapMode: Text.WordWrap
                color: toast.textColor
                Layout.fillWidth: true
            }
            GuardedButton {
                objectName: "toastBidButton"
                visible: toast.bid_amount > 0
                busy: root.bidding // qmllint disable unqualified
                text: qsTr("Bid %1").arg(Format.money(toast.bid_amount))
                highlighted: true
                Accessible.name: qsTr("Bid %1 now").arg(Format.money(toast.bid_amount))
                onTriggered: root.bidRequested(toast.toast_id, toast.target_id, toast.bid_amount) // qmllint disable unqualified
            }
            ToolButton {
                FocusRing { }
                objectName: "dismissButton"
                text: "\u2715"
                Accessible.name: qsTr("Dismiss")
                onClicked: toast.ListView.view.model.dismiss(toast.toast_id)
                contentItem: Label {
                    text: "\u2715"
                    color: toast.textColor
                    horizontalAlignment: Text.AlignHCenter
                    verticalAlignment: Text.AlignVCenter
                }
            }
        }
        background: Rectangle {
            radius: 8
            color: toast.dark ? (toast.hovered ? "#ffffff" : "#e8eaed") : (toast.hovered ? "#424242" : "#323232")
            opacity: 0.96
        }
    }
}

import QtQuick
import QtQuick.Controls

// A destructive action that asks once: the button (guarded like GuardedButton, and also taking
// Enter) opens a confirmation stating what will happen; OK or Enter confirms, Cancel or Escape
// drops it. `confirmed` fires once per accepted confirmation and never while `busy`.
GuardedButton {
    id: root

    property string title
    // What the action will do, in words; bound, so it follows the data while the dialog is open.
    property string prompt
    readonly property alias dialog: dialog

    signal confirmed()

    onTriggered: dialog.open()
    Keys.onReturnPressed: trigger()
    Keys.onEnterPressed: trigger()

    Dialog {
        id: dialog
        objectName: "confirmDialog"
        parent: Overlay.overlay
        anchors.centerIn: parent
        // A width of its own: the Material dialog's implicit width follows its title, which
        // follows the dialog's width (a binding loop that stretched it across the window).
        width: Math.min(480, parent ? parent.width - 48 : 480)
        modal: true
        focus: true
        title: root.title
        standardButtons: Dialog.Ok | Dialog.Cancel
        Label {
            objectName: "confirmPrompt"
            text: root.prompt
            wrapMode: Text.WordWrap
            width: dialog.availableWidth
            focus: true
            Keys.onReturnPressed: dialog.accept()
            Keys.onEnterPressed: dialog.accept()
        }
        onAccepted: {
            if (!root.busy)
                root.confirmed()
        }
    }
}

import QtQuick
import QtQuick.Controls.Material

// A visible keyboard-focus ring, drawn over its parent (or `target`): Material's own focus hint is
// a faint tint that cannot be seen on most surfaces. Controls show it on keyboard focus
// (visualFocus); lists set `shown` to "this row is current and the list has the focus".
Rectangle {
    id: ring

    property var target: parent // an Item; var, because Controls add visualFocus to it
    property bool shown: target ? (target.visualFocus !== undefined ? target.visualFocus : target.activeFocus) : false

    x: target && target !== parent ? target.x - 2 : -2
    y: target && target !== parent ? target.y - 2 : -2
    width: target ? target.width + 4 : 0
    height: target ? target.height + 4 : 0
    radius: 4
    color: "transparent"
    border.width: 2
    border.color: Material.theme === Material.Dark ? "#90caf9" : "#1565c0"
    visible: shown
    z: 100
}

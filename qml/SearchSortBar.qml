import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// A search field and a sort choice over a list (Squad, Transactions, Finished tiebreakers).
// Ctrl+F in the view focuses the field; Escape clears it.
RowLayout {
    id: root

    property alias searchText: field.text
    property string placeholder: qsTr("Search")
    // [{ key, label }]; the first is the default.
    property var sortOptions: []
    readonly property string sortKey: sortOptions.length > 0 && sort.currentIndex >= 0 ? sortOptions[sort.currentIndex].key : ""
    property string listName // for screen readers: "Search transactions"
    property bool compact: false

    function focusSearch() { field.forceActiveFocus(Qt.ShortcutFocusReason) }

    spacing: 8

    TextField {
        id: field
        objectName: "searchField"
        Layout.fillWidth: true
        Layout.minimumWidth: 60
        placeholderText: root.placeholder
        selectByMouse: true
        Accessible.name: root.listName.length > 0 ? qsTr("Search %1").arg(root.listName) : qsTr("Search")
        Keys.onEscapePressed: (event) => { if (text.length > 0) { text = ""; event.accepted = true } else { event.accepted = false } }
    }
    ComboBox {
        id: sort
        objectName: "sortBox"
        FocusRing { }
        visible: root.sortOptions.length > 1
        model: root.sortOptions
        textRole: "label"
        // In a narrow column it shares the room with the field instead of pushing past it.
        Layout.preferredWidth: root.compact ? 110 : 170
        Accessible.name: qsTr("Sort by")
    }
}

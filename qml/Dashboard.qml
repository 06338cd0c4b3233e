import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import LeagueDesk.Models
import LeagueDesk.Session

// The signed-in shell: header (team, admin's team picker, live indicator, refresh), sidebar,
// one view at a time, and the toasts. Remembers the last view and the admin's team.
Page {
    id: page
    objectName: "dashboard"

    // Follows the system's theme (Material.theme is System: see app/main.cpp).
    readonly property bool dark: Material.theme === Material.Dark
    readonly property bool isAdmin: Session.role === "admin"
    property string adminTeamId: String(Preferences.value("view/adminTeam", ""))
    readonly property string teamId: isAdmin ? adminTeamId : Session.teamId
    property string currentView: String(Preferences.value("view/last", "squad"))

    readonly property var views: {
        const list = [
            { key: "squad", label: qsTr("Squad"), shortcut: "Ctrl+1" },
            { key: "wallet", label: qsTr("Wallet"), shortcut: "Ctrl+2" },
            { key: "tiebreakers", label: qsTr("Tiebreakers"), shortcut: "Ctrl+3" }
        ]
        if (isAdmin)
            list.push({ key: "live", label: qsTr("Live board"), shortcut: "Ctrl+4" })
        return list
    }

    // The view's place in the sidebar, or -1 (the Live board before GET /me said "admin").
    function viewIndex(key: string): int {
        for (let i = 0; i < views.length; ++i) {
            if (views[i].key === key)
                return i
        }
        return -1
    }
    // What is on screen: the current view, or the first while it is not available (yet).
    readonly property int shownIndex: Math.max(0, viewIndex(currentView))
    // Opens a view; for the tiebreakers, the one named.
    function openView(key: string, targetId: string) {
        if (viewIndex(key) >= 0)
            currentView = key
        if (currentView === "tiebreakers" && targetId.length > 0)
            tiebreakersView.show(targetId)
    }
    onCurrentViewChanged: Preferences.setValue("view/last", currentView)
    onAdminTeamIdChanged: if (adminTeamId.length > 0) Preferences.setValue("view/adminTeam", adminTeamId)

    TeamListModel {
        id: teams
        session: Session
        onCountChanged: {
            if (page.isAdmin && page.adminTeamId.length === 0 && count > 0)
                page.adminTeamId = idAt(0)
            else if (page.isAdmin && indexOf(page.adminTeamId) < 0 && count > 0)
                page.adminTeamId = idAt(0)
        }
        onNamesChanged: page.namesTick++
    }
    property int namesTick: 0
    readonly property string teamName: { namesTick; return teams.nameOf(page.teamId) }

    header: ToolBar {
        objectName: "header"
        // A neutral surface, so the indicator's colours keep their contrast.
        Material.background: page.dark ? "#263238" : "#ffffff"
        Material.foreground: page.dark ? "#ffffff" : "#212121"
        Material.elevation: 2
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: 16
            anchors.rightMargin: 8
            spacing: 12
            Label {
                objectName: "teamName"
                visible: !page.isAdmin
                text: page.teamName.length > 0 ? page.teamName
                    : page.isAdmin ? qsTr("League admin")
                    : Session.userName.length > 0 ? Session.userName : qsTr("Connecting…")
                font.pixelSize: 18
                font.bold: true
                elide: Text.ElideRight
                Layout.maximumWidth: 260
            }
            Label {
                visible: page.isAdmin
                text: qsTr("Admin · team")
                font.bold: true
                font.pixelSize: 16
            }
            ComboBox {
                id: teamPicker
                objectName: "teamPicker"
                visible: page.isAdmin
                model: teams
                textRole: "name"
                valueRole: "team_id"
                currentIndex: { page.namesTick; return teams.indexOf(page.adminTeamId) }
                Layout.preferredWidth: 200
                Accessible.name: qsTr("Team to view")
                onActivated: page.adminTeamId = currentValue
            }
            Label {
                visible: !page.isAdmin && Session.userName.length > 0 && page.teamName.length > 0
                text: Session.userName
                opacity: 0.7
            }
            Item { Layout.fillWidth: true }
            Rectangle {
                // The indicator on a pill of its own, readable on either theme.
                radius: height / 2
                color: page.dark ? "#37474f" : "#f1f3f4"
                implicitHeight: indicator.implicitHeight + 8
                implicitWidth: indicator.implicitWidth + 24
                LiveIndicator {
                    id: indicator
                    objectName: "liveIndicator"
                    anchors.centerIn: parent
                    dark: page.dark
                    connectionState: Session.state
                    nextRetryAt: Session.nextRetryAt
                    asOf: Session.lastConfirmedAt
                    onRetryRequested: Session.retryNow()
                    onSignInRequested: Session.signOut()
                }
            }
            ToolButton {
                objectName: "refreshButton"
                text: qsTr("Refresh")
                Accessible.name: qsTr("Refresh now")
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Fetch everything on screen again (F5)")
                onClicked: Session.refresh()
            }
            ToolButton {
                objectName: "signOutButton"
                text: qsTr("Sign out")
                Accessible.name: text
                onClicked: Session.signOut()
            }
        }
    }
    Shortcut {
        sequences: ["F5", "Ctrl+R"]
        onActivated: Session.refresh()
    }

    RowLayout {
        anchors.fill: parent
        spacing: 0

        Pane {
            objectName: "sidebar"
            Layout.fillHeight: true
            Layout.preferredWidth: 190
            padding: 0
            Material.background: page.dark ? "#1f2a30" : "#f5f6f8"
            ListView {
                id: sidebar
                anchors.fill: parent
                anchors.topMargin: 8
                model: page.views
                // Bound, never assigned: clicks, keys and shortcuts change page.currentView.
                currentIndex: page.shownIndex
                // A new model (the Live board appears once GET /me says "admin") resets the index.
                onCountChanged: currentIndex = Qt.binding(() => page.shownIndex)
                keyNavigationEnabled: false
                activeFocusOnTab: true
                focus: true
                Accessible.role: Accessible.List
                Accessible.name: qsTr("Views")
                Keys.onUpPressed: page.openView(page.views[Math.max(0, page.shownIndex - 1)].key, "")
                Keys.onDownPressed: page.openView(page.views[Math.min(page.views.length - 1, page.shownIndex + 1)].key, "")
                // (qmllint 6.4 flags a delegate naming the file's ids, which QML allows.)
                delegate: ItemDelegate {
                    id: entry
                    required property var modelData
                    width: ListView.view.width
                    text: modelData.label
                    highlighted: ListView.isCurrentItem
                    font.bold: highlighted
                    focusPolicy: Qt.NoFocus // the list takes the focus; arrows move between views
                    Accessible.name: modelData.label
                    Accessible.role: Accessible.PageTab
                    onClicked: page.openView(modelData.key, "") // qmllint disable unqualified
                    Shortcut {
                        sequence: entry.modelData.shortcut
                        onActivated: page.openView(entry.modelData.key, "") // qmllint disable unqualified
                    }
                }
            }
        }

        StackLayout {
            id: stack
            objectName: "views"
            Layout.fillWidth: true
            Layout.fillHeight: true
            currentIndex: page.shownIndex
            SquadView {
                objectName: "squadView"
                teamId: page.teamId
            }
            WalletView {
                objectName: "walletView"
                teamId: page.teamId
            }
            TiebreakersView {
                id: tiebreakersView
                objectName: "tiebreakersView"
                teamId: page.teamId
                ownTeamId: Session.teamId
            }
            Loader {
                objectName: "liveBoardLoader"
                active: page.isAdmin
                sourceComponent: LiveBoardView {
                    objectName: "liveBoardView"
                    onOpenTiebreaker: (tiebreakerId) => {
                        page.currentView = "tiebreakers"
                        tiebreakersView.show(tiebreakerId)
                    }
                }
            }
        }
    }

    ToastQueue {
        id: toasts
        session: Session
        teamId: page.teamId
        ownTeamId: Session.teamId
        onActivated: (view, targetId) => page.openView(page.isAdmin && view === "tiebreakers" && targetId.length === 0 ? "live" : view, targetId)
    }
    // While the window is not focused, each toast is also a desktop notification.
    DesktopNotifier {
        id: notifier
    }
    Connections {
        target: toasts
        function onToastShown(toastId: string, text: string) {
            if (!page.Window.active)
                notifier.notify(toastId, qsTr("LeagueDesk"), text)
        }
    }
    ToastStack {
        objectName: "toastStack"
        queue: toasts
        anchors.bottom: parent.bottom
        anchors.right: parent.right
        anchors.margins: 16
        z: 10
    }
}

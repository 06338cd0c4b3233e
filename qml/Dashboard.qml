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
            { key: "tiebreakers", label: qsTr("Tiebreakers"), shortcut: "Ctrl+3" },
            { key: "rounds", label: qsTr("Rounds"), shortcut: "Ctrl+4" }
        ]
        if (isAdmin) {
            list.push({ key: "live", label: qsTr("Live board"), shortcut: "Ctrl+5" })
            list.push({ key: "overview", label: qsTr("League overview"), shortcut: "Ctrl+6" })
        }
        return list
    }

    // The view's place in the sidebar, or -1 (the admin's views before GET /me said "admin").
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
    // A view shortcut (Ctrl+1…6) also moves the keyboard into the view: each view gives the
    // focus to its first list (Controls are focus scopes).
    function focusCurrentView() {
        const view = stack.children[shownIndex]
        if (view)
            view.forceActiveFocus(Qt.ShortcutFocusReason)
    }
    onAdminTeamIdChanged: if (adminTeamId.length > 0) Preferences.setValue("view/adminTeam", adminTeamId)

    TeamListModel {
        id: teams
        session: Session
        onCountChanged: page.pickAdminTeam()
    }
    // The admin's team must be one the league has. Either may arrive first: the teams list (from
    // the cache or the network) or GET /me saying "admin"; checking on both keeps the picker and
    // the squad from staying empty after switching from a manager's sign-in.
    function pickAdminTeam() {
        if (isAdmin && teams.count > 0 && teams.indexOf(adminTeamId) < 0)
            adminTeamId = teams.idAt(0)
    }
    onIsAdminChanged: pickAdminTeam()
    // The team picker applies to the team views; the Live board and the tiebreakers are league-wide
    // for an admin.
    readonly property bool teamViewShown: views[shownIndex] !== undefined
                                         && (views[shownIndex].key === "squad" || views[shownIndex].key === "wallet")
    // Near the minimum window size (720 px) the header and sidebar drop what they can spare.
    readonly property bool narrow: width < 900
    readonly property string teamName: teams.names[page.teamId] ?? ""

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
                // Never squeezed to "Te…": the user's name and the spacer give way first.
                Layout.minimumWidth: Math.min(implicitWidth, 150)
            }
            Label {
                visible: page.isAdmin && !page.teamViewShown
                text: qsTr("League admin")
                font.bold: true
                font.pixelSize: 16
            }
            Label {
                visible: page.isAdmin && page.teamViewShown && !page.narrow
                text: qsTr("Admin · team")
                font.bold: true
                font.pixelSize: 16
            }
            ComboBox {
                FocusRing { }
                id: teamPicker
                objectName: "teamPicker"
                visible: page.isAdmin && page.teamViewShown
                model: teams
                textRole: "name"
                valueRole: "team_id"
                Layout.preferredWidth: page.narrow ? 150 : 200
                Accessible.name: qsTr("Team to view")
                onActivated: page.adminTeamId = currentValue
                // Set, not bound: Qt 6.8's ComboBox resets currentIndex itself when its model's
                // rows change, after a binding on it has run (then the picker stays blank after a
                // manager's sign-in is replaced by the admin's). So it follows the team from here,
                // once the ComboBox has handled the change.
                function showTeam() {
                    const index = teams.indexOf(page.adminTeamId)
                    if (currentIndex !== index)
                        currentIndex = index
                }
                onCountChanged: showTeamLater.restart()
                Component.onCompleted: showTeam()
                Timer {
                    id: showTeamLater
                    interval: 0 // the next turn of the event loop, after the ComboBox's own handling
                    onTriggered: teamPicker.showTeam()
                }
                Connections {
                    target: page
                    function onAdminTeamIdChanged() { showTeamLater.restart() }
                }
                Connections {
                    target: teams
                    function onNamesChanged() { showTeamLater.restart() }
                }
            }
            Label {
                visible: !page.isAdmin && Session.userName.length > 0 && page.teamName.length > 0 && !page.narrow
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
                }
            }
            ToolButton {
                FocusRing { }
                objectName: "refreshButton"
                text: qsTr("Refresh")
                Accessible.name: qsTr("Refresh now")
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Fetch everything on screen again (F5)")
                onClicked: Session.refresh()
            }
            ToolButton {
                FocusRing { }
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

    ConnectionBanner {
        id: banner
        objectName: "connectionBanner"
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        connectionState: Session.state
        nextRetryAt: Session.nextRetryAt
        asOf: Session.lastConfirmedAt
        z: 5
        // Changes heard as the connection came back (the live channel replays what was missed).
        property int awayChanges: 0
        awaySummary: awayChanges === 1 ? qsTr("1 change while you were away")
                   : awayChanges > 1 ? qsTr("%1 changes while you were away").arg(awayChanges) : ""
        onLostChanged: if (lost) awayChanges = 0
        onRetryRequested: Session.retryNow()
    }

    ServerUnreachable {
        objectName: "serverUnreachable"
        anchors.fill: parent
        visible: Session.unreachable && !banner.shown
        z: 6
        serverUrl: Session.serverUrl
        failedAttempts: Session.failedAttempts
        nextRetryAt: Session.nextRetryAt
        onRetryRequested: Session.retryNow()
        onSignOutRequested: Session.signOut()
    }

    RowLayout {
        anchors.fill: parent
        anchors.topMargin: banner.shown ? banner.height : 0
        spacing: 0

        Pane {
            objectName: "sidebar"
            Layout.fillHeight: true
            // A small window (down to the 720 px minimum) keeps its room for the view.
            Layout.preferredWidth: page.narrow ? 140 : 190
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
                    // The current row of the focused list shows the keyboard focus.
                    FocusRing { shown: entry.ListView.isCurrentItem && entry.ListView.view.activeFocus }
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
                        onActivated: {
                            page.openView(entry.modelData.key, "") // qmllint disable unqualified
                            page.focusCurrentView() // qmllint disable unqualified
                        }
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
                // An admin sees every tiebreaker (the Live board opens any of them here).
                teamId: page.isAdmin ? "" : page.teamId
                ownTeamId: Session.teamId
            }
            RoundsView {
                objectName: "roundsView"
            }
            Loader {
                objectName: "liveBoardLoader"
                active: page.isAdmin
                focus: true
                sourceComponent: LiveBoardView {
                    objectName: "liveBoardView"
                    onOpenTiebreaker: (tiebreakerId) => {
                        page.currentView = "tiebreakers"
                        tiebreakersView.show(tiebreakerId)
                    }
                }
            }
            Loader {
                objectName: "overviewLoader"
                active: page.isAdmin
                focus: true
                sourceComponent: LeagueOverviewView {
                    objectName: "leagueOverviewView"
                    onOpenTeam: (teamId) => {
                        page.adminTeamId = teamId
                        page.currentView = "squad"
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
    // While the window is not focused, each toast is also a desktop notification: over D-Bus on
    // Linux desktops, through the tray icon on Windows and macOS.
    DesktopNotifier {
        id: notifier
    }
    TrayNotifier {
        id: tray
        windowActive: page.Window.active
        onActivated: {
            page.Window.window.show()
            page.Window.window.raise()
            page.Window.window.requestActivate()
        }
    }
    Connections {
        target: toasts
        function onToastShown(toastId: string, text: string) {
            if (banner.lost || banner.backOnline)
                banner.awayChanges++
            if (page.Window.active)
                return
            if (tray.wanted)
                tray.notify(qsTr("LeagueDesk"), text)
            else
                notifier.notify(toastId, qsTr("LeagueDesk"), text)
        }
    }
    // The one-click "Bid N" of an outbid toast goes through a bids model of its own, so it has the
    // same guards as the form (one request at a time, none while this team leads).
    TiebreakerBidsModel {
        id: quickBid
        session: Session
        teamId: Session.teamId
        property string toastId
        onBidStateChanged: {
            if (sending || toastId.length === 0)
                return
            if (confirmation.length > 0 || bidErrorText.length > 0) {
                toasts.dismiss(toastId)
                toasts.showMessage(confirmation.length > 0 ? qsTr("%1 on %2").arg(confirmation).arg(playerName) : bidErrorText,
                                   "tiebreakers", tiebreakerId)
                toastId = ""
            }
        }
    }
    function quickBidFor(toastId: string, tiebreakerId: string, amount: real) {
        quickBid.tiebreakerId = tiebreakerId
        quickBid.clearBidState()
        quickBid.toastId = toastId
        if (!quickBid.placeBid(amount)) {
            quickBid.toastId = ""
            toasts.dismiss(toastId)
            toasts.showMessage(quickBid.leading ? qsTr("You already hold the highest bid on %1").arg(quickBid.playerName)
                                                : qsTr("That bid was not sent; open the tiebreaker to bid"),
                               "tiebreakers", tiebreakerId)
        }
    }
    ToastStack {
        objectName: "toastStack"
        queue: toasts
        bidding: quickBid.sending
        onBidRequested: (toastId, tiebreakerId, amount) => page.quickBidFor(toastId, tiebreakerId, amount)
        // Bottom left, over the sidebar's empty lower part: the amounts, right-aligned in every
        // list, stay visible under the toasts.
        anchors.bottom: parent.bottom
        anchors.left: parent.left
        anchors.margins: 12
        width: Math.min(340, page.width - 24)
        z: 10
    }
}

import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import LeagueDesk.Models
import LeagueDesk.Session

// For admins: every team's balance and spent per currency and its squad size, one row per team,
// live (the same cached squads and wallets as the team views, kept fresh by the team channels).
// Enter or a click opens the team's squad.
Page {
    id: view

    signal openTeam(string teamId)

    LeagueOverviewModel {
        id: overview
        session: Session
    }

    readonly property int numberWidth: view.width < 800 ? 90 : 120

    header: RowLayout {
        spacing: 12
        Label {
            text: qsTr("League overview")
            font.pixelSize: 20
            font.bold: true
            padding: 12
        }
        Item { Layout.fillWidth: true }
        Label {
            rightPadding: 12
            text: qsTr("%n team(s)", "", overview.count)
            opacity: 0.7
        }
    }

    Label {
        objectName: "overviewStatus"
        anchors.centerIn: parent
        visible: !overview.hasData
        text: overview.errorString.length > 0 ? overview.errorString : qsTr("Loading the league…")
        opacity: 0.6
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 12
        spacing: 0
        visible: overview.hasData

        // Column headings: team, squad, then balance and spent under each currency. The margins
        // match the rows' padding, so headings and numbers line up.
        RowLayout {
            objectName: "overviewHeadings"
            Layout.fillWidth: true
            Layout.leftMargin: list.rowPadding
            Layout.rightMargin: list.rowPadding
            spacing: 8
            Label {
                text: qsTr("Team")
                font.bold: true
                Layout.fillWidth: true
                Layout.alignment: Qt.AlignBottom
            }
            Label {
                text: qsTr("Squad")
                font.bold: true
                horizontalAlignment: Text.AlignRight
                Layout.preferredWidth: 60
                Layout.alignment: Qt.AlignBottom
            }
            // qmllint disable unqualified
            Repeater {
                model: overview.currencies
                delegate: ColumnLayout {
                    id: heading
                    required property string modelData
                    Layout.fillWidth: false // a layout fills by default
                    spacing: 2
                    Label {
                        text: heading.modelData
                        font.bold: true
                        font.capitalization: Font.AllUppercase
                        horizontalAlignment: Text.AlignHCenter
                        Layout.fillWidth: true
                    }
                    RowLayout {
                        Layout.fillWidth: false
                        spacing: 8
                        Label {
                            text: qsTr("balance")
                            font.bold: true
                            horizontalAlignment: Text.AlignRight
                            Layout.preferredWidth: view.numberWidth
                        }
                        Label {
                            text: qsTr("spent")
                            opacity: 0.7
                            horizontalAlignment: Text.AlignRight
                            Layout.preferredWidth: view.numberWidth
                        }
                    }
                }
            }
            // qmllint enable unqualified
        }
        MenuSeparator { Layout.fillWidth: true }

        ListView {
            id: list
            objectName: "overviewList"
            readonly property real rowPadding: 16 // an ItemDelegate's own (Material)
            Layout.fillWidth: true
            Layout.fillHeight: true
            focus: true
            clip: true
            model: overview
            activeFocusOnTab: true
            keyNavigationEnabled: true
            Accessible.role: Accessible.List
            Accessible.name: qsTr("Teams of the league")
            ScrollBar.vertical: ScrollBar { }
            function openCurrent() {
                if (currentIndex >= 0)
                    view.openTeam(overview.data(overview.index(currentIndex, 0), LeagueOverviewModel.TeamIdRole))
            }
            Keys.onReturnPressed: openCurrent()
            Keys.onEnterPressed: openCurrent()
            // qmllint disable unqualified
            delegate: ItemDelegate {
                id: team
                FocusRing { shown: team.ListView.isCurrentItem && team.ListView.view.activeFocus }
                required property int index
                required property string team_id
                required property string name
                required property int squad_size
                required property var balances
                required property var spent
                width: ListView.view.width
                leftPadding: list.rowPadding
                rightPadding: list.rowPadding
                highlighted: ListView.isCurrentItem
                onClicked: {
                    ListView.view.currentIndex = index
                    view.openTeam(team_id)
                }
                Accessible.name: qsTr("%1: %n player(s)", "", squad_size).arg(name)
                // Not the contentItem: that is deferred, and the cells need ids.
                RowLayout {
                    anchors.fill: parent
                    anchors.leftMargin: team.leftPadding
                    anchors.rightMargin: team.rightPadding
                    spacing: 8
                    Label {
                        text: team.name
                        font.bold: true
                        elide: Text.ElideRight
                        Layout.fillWidth: true
                    }
                    Label {
                        objectName: "squadSize"
                        text: team.squad_size >= 0 ? team.squad_size : "–"
                        horizontalAlignment: Text.AlignRight
                        Layout.preferredWidth: 60
                    }
                    Repeater {
                        model: overview.currencies
                        delegate: RowLayout {
                            id: cell
                            required property string modelData
                            Layout.fillWidth: false // a layout fills by default
                            spacing: 8
                            Label {
                                objectName: "teamBalance"
                                text: team.balances[cell.modelData] !== undefined ? Format.money(team.balances[cell.modelData]) : "–"
                                horizontalAlignment: Text.AlignRight
                                Layout.preferredWidth: view.numberWidth
                            }
                            Label {
                                text: team.spent[cell.modelData] !== undefined ? Format.money(team.spent[cell.modelData]) : "–"
                                horizontalAlignment: Text.AlignRight
                                opacity: 0.7
                                Layout.preferredWidth: view.numberWidth
                            }
                        }
                    }
                }
            }
            // qmllint enable unqualified
        }
    }
}

import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import LeagueDesk.Models
import LeagueDesk.Session

// Balance and spent per currency, each balance over time, and the transactions, newest first.
Page {
    id: view

    property string teamId

    WalletModel {
        id: wallet
        session: Session
        teamId: view.teamId
    }

    header: Label {
        text: qsTr("Wallet")
        font.pixelSize: 20
        font.bold: true
        padding: 12
    }

    Label {
        anchors.centerIn: parent
        visible: !wallet.hasData
        text: wallet.errorString.length > 0 ? wallet.errorString : qsTr("Loading wallet…")
        opacity: 0.6
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 12
        spacing: 12
        visible: wallet.hasData

        RowLayout {
            Layout.fillWidth: true
            spacing: 12
            Repeater {
                model: wallet.history
                delegate: Frame {
                    id: card
                    required property var modelData
                    objectName: "balanceCard"
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    Accessible.role: Accessible.Grouping
                    Accessible.name: qsTr("%1 balance %2").arg(modelData.currency_type).arg(Format.money(modelData.balance))
                    ColumnLayout {
                        anchors.fill: parent
                        spacing: 4
                        Label {
                            text: card.modelData.currency_type
                            font.capitalization: Font.AllUppercase
                            font.pixelSize: 12
                            opacity: 0.7
                        }
                        Label {
                            text: Format.money(card.modelData.balance)
                            font.pixelSize: 26
                            font.bold: true
                        }
                        Label {
                            text: qsTr("spent %1").arg(Format.money(card.modelData.spent))
                            opacity: 0.7
                        }
                        // The team's open sealed bids, for "committed" and "available" (1.1); the
                        // cards' models share one cached query.
                        RoundsModel {
                            id: cardRounds
                            session: Session
                        }
                        CommittedFunds {
                            Layout.fillWidth: true
                            rounds: cardRounds
                            currency: card.modelData.currency_type
                            balance: card.modelData.balance
                        }
                        BalanceChart {
                            Layout.fillWidth: true
                            Layout.preferredHeight: 130
                            points: card.modelData.points
                            balance: card.modelData.balance
                            maxValue: card.modelData.max
                            currencyType: card.modelData.currency_type
                            lineColor: card.Material.theme === Material.Dark ? "#64b5f6" : "#1e6fb8"
                        }
                    }
                }
            }
        }

        RowLayout {
            Layout.fillWidth: true
            spacing: 12
            Label {
                text: qsTr("Transactions")
                font.bold: true
            }
            SearchSortBar {
                id: tools
                objectName: "transactionTools"
                Layout.fillWidth: true
                placeholder: qsTr("Search notes, players or currencies")
                listName: qsTr("transactions")
                sortOptions: [{ key: "", label: qsTr("Newest first") }, { key: "amount", label: qsTr("By amount") },
                              { key: "currency_type", label: qsTr("By currency") }]
            }
        }
        SearchSortModel {
            id: shownTransactions
            sourceModel: wallet
            searchText: tools.searchText
            searchRoles: ["note", "player_id", "currency_type", "kind"]
            sortRoleName: tools.sortKey
            descending: tools.sortKey === "amount"
        }
        Shortcut {
            sequence: "Ctrl+F"
            enabled: view.visible
            onActivated: tools.focusSearch()
        }
        ListView {
            id: transactions
            objectName: "transactionList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            model: shownTransactions
            clip: true
            keyNavigationEnabled: true
            activeFocusOnTab: true
            Accessible.role: Accessible.List
            Accessible.name: qsTr("Transactions")
            ScrollBar.vertical: ScrollBar { }
            // New rows fade in from the delegate (ListView.onAdd), not an add transition: a relayout
            // cancels a transition and left rows at opacity 0 or half faded (two bids at once).
            displaced: Transition { NumberAnimation { property: "y"; duration: 200 } }
            delegate: ItemDelegate {
                id: tx
                ListView.onAdd: txFadeIn.start()
                NumberAnimation { id: txFadeIn; target: tx; property: "opacity"; from: 0; to: 1; duration: 250; onStopped: tx.opacity = 1 }
                // The current row of the focused list shows the keyboard focus.
                FocusRing { shown: tx.ListView.isCurrentItem && tx.ListView.view.activeFocus }
                required property int index
                required property string ts
                required property string kind
                required property var amount
                required property string currency_type
                required property string note
                width: ListView.view.width
                highlighted: ListView.isCurrentItem && ListView.view.activeFocus
                onClicked: ListView.view.currentIndex = index
                Accessible.name: qsTr("%1, %2 %3 %4").arg(Format.dateTime(ts)).arg(kind === "refund" ? qsTr("refund") : qsTr("spend"))
                                     .arg(Format.money(amount)).arg(currency_type)
                contentItem: RowLayout {
                    spacing: 12
                    Label {
                        text: Format.dateTime(tx.ts)
                        opacity: 0.7
                        Layout.preferredWidth: 110
                    }
                    Label {
                        text: tx.note
                        elide: Text.ElideRight
                        Layout.fillWidth: true
                    }
                    Label {
                        text: (tx.kind === "refund" ? "+" : "\u2212") + Format.moneyIn(tx.amount, tx.currency_type)
                        color: tx.kind === "refund" ? (tx.Material.theme === Material.Dark ? "#81c784" : "#2e7d32") : tx.Material.foreground
                        horizontalAlignment: Text.AlignRight
                        Layout.preferredWidth: 150
                    }
                }
            }
        }
    }
}

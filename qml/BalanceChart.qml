import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Shapes

// One balance over time as a step line, from WalletModel.history's points (oldest first) on to
// now. Drawn with Qt Quick Shapes: QtCharts would need QApplication and the Widgets module, and
// its successor QtGraphs is not in Debian 12.
Item {
    id: root

    property var points: []          // [{t: ms, v: balance}]
    property real balance: 0         // the current balance, drawn on to now
    property real maxValue: 0
    property string currencyType
    property color lineColor: "#3949ab"
    property date now: new Date()

    implicitHeight: 140
    implicitWidth: 320
    Accessible.role: Accessible.Chart
    Accessible.name: qsTr("%1 balance over time, now %2").arg(currencyType).arg(Format.money(balance))

    readonly property real t0: points.length > 0 ? points[0].t : now.getTime() - 60000
    readonly property real t1: Math.max(now.getTime(), t0 + 1000)
    readonly property real ceiling: Math.max(maxValue, balance, 1) * 1.1
    readonly property real plotLeft: 56
    readonly property real plotWidth: Math.max(1, width - plotLeft - 8)
    readonly property real plotHeight: Math.max(1, height - 24)

    function xOf(t: real): real {
        return plotLeft + (t - t0) / (t1 - t0) * plotWidth
    }
    function yOf(v: real): real {
        return 4 + plotHeight - v / ceiling * plotHeight
    }
    readonly property var path: {
        const out = []
        for (let i = 0; i < points.length; ++i)
            out.push(Qt.point(xOf(points[i].t), yOf(points[i].v)))
        if (out.length === 0)
            out.push(Qt.point(xOf(t0), yOf(balance)))
        out.push(Qt.point(xOf(t1), yOf(balance)))
        return out
    }

    Timer {
        interval: 30000
        repeat: true
        running: root.visible
        onTriggered: root.now = new Date()
    }

    // Axis: zero and the top value, and the time span underneath.
    Rectangle {
        x: root.plotLeft
        y: root.yOf(0)
        width: root.plotWidth
        height: 1
        color: root.Material.dividerColor
    }
    Label {
        x: 0
        width: root.plotLeft - 6
        y: root.yOf(root.ceiling / 1.1) - height / 2
        horizontalAlignment: Text.AlignRight
        text: Format.money(root.ceiling / 1.1)
        font.pixelSize: 11
        opacity: 0.7
    }
    Label {
        x: 0
        width: root.plotLeft - 6
        y: root.yOf(0) - height / 2
        horizontalAlignment: Text.AlignRight
        text: "0"
        font.pixelSize: 11
        opacity: 0.7
    }
    Label {
        x: root.plotLeft
        y: root.height - height
        text: Qt.formatTime(new Date(root.t0), "HH:mm")
        font.pixelSize: 11
        opacity: 0.7
    }
    Label {
        x: root.width - width - 8
        y: root.height - height
        text: qsTr("now")
        font.pixelSize: 11
        opacity: 0.7
    }

    Shape {
        anchors.fill: parent
        ShapePath {
            strokeColor: root.lineColor
            strokeWidth: 2
            fillColor: "transparent"
            joinStyle: ShapePath.RoundJoin
            PathPolyline { path: root.path }
        }
    }
}

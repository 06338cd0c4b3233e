// QML imports that leaguedesk makes from C++ rather than from qml/ (app/main.cpp): the probe
// component imports QtQml, and QQuickStyle::setStyle("Material") loads the Material style.
// qmlimportscanner reads this file beside qml/ so their Debian packages are checked too.
import QtQml
import QtQuick.Controls.Material

QtObject {}

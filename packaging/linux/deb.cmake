# CPack DEB settings: two packages from two components, included by packaging/CPackConfig.cmake.
#
# Depends = what dpkg-shlibdeps finds in the ELF files + what it cannot see:
#  - the Qt QML modules the views import (Qt loads them at run time; in Debian 12,
#    qml6-module-qtquick-controls does not even pull in qml6-module-qtquick). The list below is
#    checked against qmlimportscanner's output by tests/packaging (test packaging_deb).
#  - the SQLite driver QtSql loads as a plugin, for the server.
set(LEAGUEDESK_QML_DEPENDS
    qml6-module-qtqml
    qml6-module-qtqml-models
    qml6-module-qtqml-workerscript
    qml6-module-qtquick
    qml6-module-qtquick-controls
    qml6-module-qtquick-layouts
    qml6-module-qtquick-shapes
    qml6-module-qtquick-templates
    qml6-module-qtquick-window
    qml6-module-qt-labs-platform
    CACHE INTERNAL "Debian packages of the Qt QML modules leaguedesk imports")
list(JOIN LEAGUEDESK_QML_DEPENDS ", " _ld_qml_depends)

set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL client server)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${LEAGUEDESK_HOMEPAGE}")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)

# leaguedesk: the dashboard and the headless watcher.
set(CPACK_DEBIAN_CLIENT_PACKAGE_NAME leaguedesk)
set(CPACK_DEBIAN_CLIENT_PACKAGE_SECTION net)
set(CPACK_DEBIAN_CLIENT_PACKAGE_DEPENDS "${_ld_qml_depends}")
# Wayland sessions, certificates for https:// league servers, and a font for minimal systems.
set(CPACK_DEBIAN_CLIENT_PACKAGE_RECOMMENDS "qt6-wayland, ca-certificates, fonts-dejavu-core")
set(CPACK_DEBIAN_CLIENT_PACKAGE_SUGGESTS "leaguedesk-server")
set(CPACK_COMPONENT_CLIENT_DISPLAY_NAME "LeagueDesk dashboard")
set(CPACK_COMPONENT_CLIENT_DESCRIPTION
"live team dashboard for auction football leagues
LeagueDesk shows a team manager's squad, wallet and tiebreakers as they
change on the league server: a live connection tells it exactly which data
went stale, so the screen is never out of date and the app makes almost no
requests when nothing changes.
.
This package contains the Qt Quick dashboard (leaguedesk) and a headless
client that prints what it sees as JSON lines (leaguedesk-watch).")

# leaguedesk-server: the reference server, run by systemd as its own user.
set(CPACK_DEBIAN_SERVER_PACKAGE_NAME leaguedesk-server)
set(CPACK_DEBIAN_SERVER_PACKAGE_SECTION net)
set(CPACK_DEBIAN_SERVER_PACKAGE_DEPENDS "adduser, libqt6sql6-sqlite")
set(CPACK_DEBIAN_SERVER_PACKAGE_CONTROL_EXTRA
    "${CMAKE_CURRENT_LIST_DIR}/debian/server/postinst"
    "${CMAKE_CURRENT_LIST_DIR}/debian/server/prerm"
    "${CMAKE_CURRENT_LIST_DIR}/debian/server/postrm")
set(CPACK_COMPONENT_SERVER_DISPLAY_NAME "LeagueDesk reference server")
set(CPACK_COMPONENT_SERVER_DESCRIPTION
"reference league server for LeagueDesk
The reference implementation of the LeagueDesk protocol: REST and a live
WebSocket channel on one port, with its data in SQLite. It can seed a demo
league for trying the dashboard.
.
The package runs it as the systemd service leaguedesk-server, under its own
system user, with its data in /var/lib/leaguedesk.")

# Every asset the build uses, named in one place: the app's window icon, the installers' icons
# (hicolor PNGs and SVG for Linux desktops, .ico for Windows, .icns for macOS). The icons are
# rendered from icons/leaguedesk.svg by icons/render.sh and committed.
set(LEAGUEDESK_RESOURCES_DIR "${CMAKE_CURRENT_LIST_DIR}")
set(LEAGUEDESK_ICON_SVG "${LEAGUEDESK_RESOURCES_DIR}/icons/leaguedesk.svg")
set(LEAGUEDESK_ICON_HICOLOR_DIR "${LEAGUEDESK_RESOURCES_DIR}/icons/hicolor")
set(LEAGUEDESK_ICON_PNG_256_DIR "${LEAGUEDESK_ICON_HICOLOR_DIR}/256x256/apps")
set(LEAGUEDESK_ICON_PNG_256 "${LEAGUEDESK_ICON_PNG_256_DIR}/io.github.leaguedesk.LeagueDesk.png")
set(LEAGUEDESK_ICON_ICO "${LEAGUEDESK_RESOURCES_DIR}/icons/leaguedesk.ico")
set(LEAGUEDESK_ICON_ICNS "${LEAGUEDESK_RESOURCES_DIR}/icons/leaguedesk.icns")

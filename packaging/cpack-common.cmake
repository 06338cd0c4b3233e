# CPack values shared by every platform's packages. Included by packaging/CPackConfig.cmake and by
# the NSIS syntax check in tests/packaging (a dummy project with the same values).
# Needs project(VERSION ... DESCRIPTION ...).
set(_ld_pkg "${CMAKE_CURRENT_LIST_DIR}")

set(LEAGUEDESK_APP_ID "io.github.leaguedesk.LeagueDesk" CACHE STRING "Reverse-DNS application id (desktop file, AppStream, macOS bundle, Flatpak)")
set(LEAGUEDESK_MAINTAINER "LeagueDesk Maintainers <maintainers@leaguedesk.example.org>" CACHE STRING "Maintainer of the packages, 'Name <address>'")
set(LEAGUEDESK_HOMEPAGE "https://github.com/leaguedesk/leaguedesk" CACHE STRING "Project homepage shown by the packages")
set(LEAGUEDESK_VENDOR "LeagueDesk")

set(CPACK_PACKAGE_NAME "leaguedesk")
set(CPACK_PACKAGE_VENDOR "${LEAGUEDESK_VENDOR}")
set(CPACK_PACKAGE_CONTACT "${LEAGUEDESK_MAINTAINER}")
set(CPACK_PACKAGE_HOMEPAGE_URL "${LEAGUEDESK_HOMEPAGE}")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "LeagueDesk")
set(CPACK_PACKAGE_EXECUTABLES "leaguedesk;LeagueDesk")
set(CPACK_STRIP_FILES ON)
set(CPACK_SOURCE_IGNORE_FILES "/build/;/\\\\.git/;/\\\\.cache/")
set(CPACK_PACKAGE_CHECKSUM SHA256)
set(CPACK_PACKAGE_DIRECTORY "${CMAKE_BINARY_DIR}/packages")
set(CPACK_PROJECT_CONFIG_FILE "${_ld_pkg}/cpack-project-config.cmake")


# CPack NSIS settings: a per-user installer (no admin rights) with a Start-menu shortcut and an
# uninstaller. Included by packaging/CPackConfig.cmake on Windows, and by the NSIS syntax check in
# tests/packaging on Linux (makensis from Debian, dummy files).
#
# CPack's stock NSIS template asks for admin rights and writes the uninstall entry under HKLM.
# Rather than keep a fork of its ~1000 lines, the template that ships with the CMake in use is
# copied into the build tree with these replacements, and configuring fails if one of them no
# longer matches (a new CMake changed the template: look at it and adjust the list).

set(_ld_nsis_dir "${CMAKE_BINARY_DIR}/packaging/nsis")
set(_ld_nsis_stock "${CMAKE_ROOT}/Modules/Internal/CPack/NSIS.template.in")
if(NOT EXISTS "${_ld_nsis_stock}")
    set(_ld_nsis_stock "${CMAKE_ROOT}/Modules/NSIS.template.in")
endif()
file(READ "${_ld_nsis_stock}" _ld_nsis)

# pairs: text in CMake's template | replacement
set(_ld_nsis_patches
    "RequestExecutionLevel admin|RequestExecutionLevel user"
    "SetShellVarContext all|SetShellVarContext current"
    "HKLM \"Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall|HKCU \"Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall"
    "$DOCUMENTS\\@CPACK_PACKAGE_INSTALL_DIRECTORY@|@CPACK_NSIS_INSTALL_ROOT@\\@CPACK_PACKAGE_INSTALL_DIRECTORY@"
)
foreach(_ld_patch IN LISTS _ld_nsis_patches)
    string(FIND "${_ld_patch}" "|" _ld_bar)
    string(SUBSTRING "${_ld_patch}" 0 ${_ld_bar} _ld_from)
    math(EXPR _ld_bar "${_ld_bar} + 1")
    string(SUBSTRING "${_ld_patch}" ${_ld_bar} -1 _ld_to)
    string(FIND "${_ld_nsis}" "${_ld_from}" _ld_at)
    if(_ld_at EQUAL -1)
        message(FATAL_ERROR "packaging/windows/nsis.cmake: '${_ld_from}' is not in ${_ld_nsis_stock} any more; update the per-user patches")
    endif()
    string(REPLACE "${_ld_from}" "${_ld_to}" _ld_nsis "${_ld_nsis}")
endforeach()
file(WRITE "${_ld_nsis_dir}/NSIS.template.in" "${_ld_nsis}")
# CPack looks for NSIS.template.in in CMAKE_MODULE_PATH before its own.
list(PREPEND CMAKE_MODULE_PATH "${_ld_nsis_dir}")

get_filename_component(_ld_win "${CMAKE_CURRENT_LIST_DIR}" ABSOLUTE)
file(TO_NATIVE_PATH "${LEAGUEDESK_ICON_ICO}" _ld_ico)
string(REPLACE "\\" "\\\\" _ld_ico "${_ld_ico}")

set(CPACK_NSIS_PACKAGE_NAME "LeagueDesk")
set(CPACK_NSIS_DISPLAY_NAME "LeagueDesk ${CPACK_PACKAGE_VERSION}")
# Per-user location: %LOCALAPPDATA%\Programs\LeagueDesk, like other per-user installers.
set(CPACK_NSIS_INSTALL_ROOT "$LOCALAPPDATA\\\\Programs")
set(CPACK_PACKAGE_INSTALL_REGISTRY_KEY "LeagueDesk")
set(CPACK_NSIS_MUI_ICON "${_ld_ico}")
set(CPACK_NSIS_MUI_UNIICON "${_ld_ico}")
set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\\\leaguedesk.exe")
set(CPACK_NSIS_EXECUTABLES_DIRECTORY "bin")
set(CPACK_NSIS_MUI_FINISHPAGE_RUN "leaguedesk.exe")
set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
set(CPACK_NSIS_MODIFY_PATH OFF)
set(CPACK_NSIS_UNINSTALL_NAME "Uninstall")
set(CPACK_NSIS_URL_INFO_ABOUT "${CPACK_PACKAGE_HOMEPAGE_URL}")
set(CPACK_NSIS_CONTACT "${CPACK_PACKAGE_CONTACT}")
set(CPACK_NSIS_MANIFEST_DPI_AWARE ON)
set(CPACK_NSIS_COMPRESSOR "/SOLID lzma")
# Start-menu shortcuts: LeagueDesk (CPACK_PACKAGE_EXECUTABLES) and Uninstall (CPack adds it).

# Installers and packages for LeagueDesk (CPack), included by the top-level CMakeLists.txt.
# How each artifact is made and checked: packaging/README.md.
#
#   Linux   DEB (two packages: leaguedesk, leaguedesk-server) + one TGZ with everything
#   Windows NSIS (per-user, no admin rights) + ZIP, Qt runtime deployed by Qt's deploy script
#   macOS   DragNDrop .dmg with LeagueDesk.app, Qt runtime deployed by Qt's deploy script
#
# The executables' own install(TARGETS) rules (app/, server/) put them in the `client` and
# `server` components; only those components are packaged as .debs.

include("${CMAKE_CURRENT_LIST_DIR}/cpack-common.cmake")
set(_ld_pkg "${CMAKE_CURRENT_LIST_DIR}")
set(_ld_out "${CMAKE_BINARY_DIR}/packaging")
file(MAKE_DIRECTORY "${_ld_out}")

# ---------------------------------------------------------------------------------------------
# Platform files generated on every platform, so the Linux tests can check the Windows and macOS
# values too (tests/packaging).
string(TIMESTAMP LEAGUEDESK_YEAR "%Y" UTC)
set(LEAGUEDESK_VERSION_COMMA "${PROJECT_VERSION_MAJOR},${PROJECT_VERSION_MINOR},${PROJECT_VERSION_PATCH},0")
configure_file("${_ld_pkg}/windows/leaguedesk.rc.in" "${_ld_out}/windows/leaguedesk.rc" @ONLY)
configure_file("${_ld_pkg}/macos/Info.plist.in" "${_ld_out}/macos/Info.plist" @ONLY)

if(WIN32)
    # Version resource and the icon Explorer shows for leaguedesk.exe.
    target_sources(leaguedesk PRIVATE "${_ld_out}/windows/leaguedesk.rc")
    set_source_files_properties("${_ld_out}/windows/leaguedesk.rc" TARGET_DIRECTORY leaguedesk
        PROPERTIES OBJECT_DEPENDS "${LEAGUEDESK_ICON_ICO}")
endif()

if(APPLE)
    set_target_properties(leaguedesk PROPERTIES
        OUTPUT_NAME "LeagueDesk"
        MACOSX_BUNDLE_INFO_PLIST "${_ld_out}/macos/Info.plist")
    target_sources(leaguedesk PRIVATE "${LEAGUEDESK_ICON_ICNS}")
    set_source_files_properties("${LEAGUEDESK_ICON_ICNS}" TARGET_DIRECTORY leaguedesk
        PROPERTIES MACOSX_PACKAGE_LOCATION Resources)
endif()

# ---------------------------------------------------------------------------------------------
# Qt runtime next to the executable (Windows, macOS). Linux packages depend on Debian's Qt.
if(WIN32 OR APPLE)
    # qmlimportscanner reads the views from the source tree: the app's QML modules are static
    # libraries, so without this the deploy step would not see their imports.
    set_target_properties(leaguedesk PROPERTIES QT_QML_ROOT_PATH "${CMAKE_SOURCE_DIR}/qml")
    # The command's arguments changed: FILENAME_VARIABLE up to 6.4, OUTPUT_SCRIPT from 6.5.
    if(Qt6_VERSION VERSION_GREATER_EQUAL 6.5)
        qt_generate_deploy_qml_app_script(TARGET leaguedesk OUTPUT_SCRIPT _ld_deploy_script
            NO_UNSUPPORTED_PLATFORM_ERROR)
    else()
        qt_generate_deploy_qml_app_script(TARGET leaguedesk FILENAME_VARIABLE _ld_deploy_script
            NO_UNSUPPORTED_PLATFORM_ERROR)
    endif()
    install(SCRIPT "${_ld_deploy_script}")
    if(WIN32)
        # The server and the watcher sit beside leaguedesk.exe in bin/ and need Qt DLLs the
        # dashboard does not (Qt6HttpServer, Qt6Sql + sqldrivers/qsqlite).
        foreach(_ld_exe leaguedesk-server leaguedesk-watch)
            if(Qt6_VERSION VERSION_GREATER_EQUAL 6.5)
                qt_generate_deploy_app_script(TARGET ${_ld_exe} OUTPUT_SCRIPT _ld_deploy_exe
                    NO_UNSUPPORTED_PLATFORM_ERROR)
            else()
                qt_generate_deploy_app_script(TARGET ${_ld_exe} FILENAME_VARIABLE _ld_deploy_exe
                    NO_UNSUPPORTED_PLATFORM_ERROR)
            endif()
            install(SCRIPT "${_ld_deploy_exe}")
        endforeach()
    endif()
endif()

# ---------------------------------------------------------------------------------------------
# Linux: desktop integration, documentation, the server's systemd unit.
if(UNIX AND NOT APPLE)
    # Full RELRO, as Debian builds its packages (lintian: hardening-no-bindnow). Link-only.
    foreach(_ld_exe leaguedesk leaguedesk-watch leaguedesk-server)
        target_link_options(${_ld_exe} PRIVATE "LINKER:-z,relro,-z,now")
    endforeach()

    install(FILES "${_ld_pkg}/linux/${LEAGUEDESK_APP_ID}.desktop"
        DESTINATION ${CMAKE_INSTALL_DATADIR}/applications COMPONENT client)
    install(FILES "${_ld_pkg}/linux/${LEAGUEDESK_APP_ID}.metainfo.xml"
        DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo COMPONENT client)
    install(DIRECTORY "${LEAGUEDESK_ICON_HICOLOR_DIR}"
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons COMPONENT client)

    # Man pages and changelogs, compressed the way Debian wants them (gzip -9n: no timestamp).
    find_program(LEAGUEDESK_GZIP gzip REQUIRED)
    function(_ld_gzip src dst)
        configure_file("${src}" "${dst}" @ONLY)   # re-runs CMake when the source changes
        execute_process(COMMAND "${LEAGUEDESK_GZIP}" -9nf "${dst}" RESULT_VARIABLE rc)
        if(NOT rc EQUAL 0)
            message(FATAL_ERROR "gzip ${dst} failed")
        endif()
    endfunction()
    foreach(page leaguedesk leaguedesk-watch leaguedesk-server)
        _ld_gzip("${_ld_pkg}/linux/man/${page}.1" "${_ld_out}/man/${page}.1")
    endforeach()
    _ld_gzip("${_ld_pkg}/linux/changelog" "${_ld_out}/doc/changelog")
    install(FILES "${_ld_out}/man/leaguedesk.1.gz" "${_ld_out}/man/leaguedesk-watch.1.gz"
        DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT client)
    install(FILES "${_ld_out}/man/leaguedesk-server.1.gz"
        DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT server)
    foreach(comp_pkg client:leaguedesk server:leaguedesk-server)
        string(REPLACE ":" ";" comp_pkg "${comp_pkg}")
        list(GET comp_pkg 0 comp)
        list(GET comp_pkg 1 pkg)
        install(FILES "${_ld_pkg}/linux/copyright" "${_ld_out}/doc/changelog.gz"
            DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/${pkg} COMPONENT ${comp})
    endforeach()

    # The unit names the installed binary, so it is written at install time, when the prefix is
    # known (/usr in the .deb, whatever --prefix says otherwise). The tarball is staged under
    # _CPack_Packages/ and meant to be unpacked into /usr/local (packaging/README.md).
    install(CODE "
        set(LEAGUEDESK_BINDIR \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}\")
        if(LEAGUEDESK_BINDIR MATCHES \"/_CPack_Packages/\")
            set(LEAGUEDESK_BINDIR \"/usr/local/${CMAKE_INSTALL_BINDIR}\")
        endif()
        set(_unit \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/lib/systemd/system/leaguedesk-server.service\")
        message(STATUS \"Installing: \${_unit}\")
        configure_file(\"${_ld_pkg}/linux/systemd/leaguedesk-server.service.in\" \"\${_unit}\" @ONLY)
        file(CHMOD \"\${_unit}\" PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
    " COMPONENT server)
endif()

# ---------------------------------------------------------------------------------------------
# CPack: each platform's generators (shared values: cpack-common.cmake).
if(WIN32)
    set(CPACK_GENERATOR "NSIS;ZIP")
    include("${_ld_pkg}/windows/nsis.cmake")
    set(CPACK_PRE_BUILD_SCRIPTS "${_ld_pkg}/windows/sign.cmake")
elseif(APPLE)
    set(CPACK_GENERATOR "DragNDrop")
    set(CPACK_DMG_VOLUME_NAME "LeagueDesk ${PROJECT_VERSION}")
    set(CPACK_DMG_FORMAT "UDZO")
    set(CPACK_PACKAGE_ICON "${LEAGUEDESK_ICON_ICNS}")
    set(CPACK_SYSTEM_NAME "macos")
    set(CPACK_PRE_BUILD_SCRIPTS "${_ld_pkg}/macos/sign.cmake")
else()
    set(CPACK_GENERATOR "DEB;TGZ")
    set(CPACK_SYSTEM_NAME "linux-${CMAKE_SYSTEM_PROCESSOR}")
    # The tarball holds everything (both executables' sets, unit, icons) under its prefix.
    set(CPACK_ARCHIVE_COMPONENT_INSTALL OFF)
    include("${_ld_pkg}/linux/deb.cmake")
endif()

include(CPack)

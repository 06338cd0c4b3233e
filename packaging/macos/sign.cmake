# CPACK_PRE_BUILD_SCRIPTS on macOS: signs LeagueDesk.app in CPack's staging dir before the .dmg is
# made, when the release workflow provides an identity (MACOS_SIGN_IDENTITY, from its secrets).
# Notarization of the .dmg follows in the workflow.
set(_identity "$ENV{MACOS_SIGN_IDENTITY}")
foreach(_dir IN LISTS CPACK_TEMPORARY_INSTALL_DIRECTORY CPACK_TEMPORARY_DIRECTORY)
    file(GLOB_RECURSE _apps LIST_DIRECTORIES true "${_dir}/*.app")
    list(FILTER _apps INCLUDE REGEX "LeagueDesk\\.app$")
    if(_apps)
        break()
    endif()
endforeach()
if(NOT _identity)
    message(STATUS "macOS signing skipped: MACOS_SIGN_IDENTITY is not set (no signing secrets)")
    return()
endif()
foreach(_app IN LISTS _apps)
    message(STATUS "codesign ${_app}")
    execute_process(COMMAND codesign --force --deep --options runtime --timestamp
                            --sign "${_identity}" "${_app}" RESULT_VARIABLE _rc)
    if(NOT _rc EQUAL 0)
        message(FATAL_ERROR "codesign failed for ${_app}")
    endif()
endforeach()

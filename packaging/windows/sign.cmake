# CPACK_PRE_BUILD_SCRIPTS on Windows: signs every .exe and .dll in CPack's staging dir before NSIS
# packs them, when the release workflow provides a certificate (WINDOWS_SIGN_PFX: path of a .pfx,
# WINDOWS_SIGN_PASSWORD). The installer itself is signed by the workflow afterwards.
set(_pfx "$ENV{WINDOWS_SIGN_PFX}")
if(NOT _pfx)
    message(STATUS "Windows signing skipped: WINDOWS_SIGN_PFX is not set (no signing secrets)")
    return()
endif()
find_program(_signtool signtool REQUIRED)
foreach(_dir IN LISTS CPACK_TEMPORARY_INSTALL_DIRECTORY CPACK_TEMPORARY_DIRECTORY)
    file(GLOB_RECURSE _bins "${_dir}/*.exe" "${_dir}/*.dll")
    foreach(_bin IN LISTS _bins)
        execute_process(COMMAND "${_signtool}" sign /fd SHA256 /td SHA256 /tr http://timestamp.digicert.com
                                /f "${_pfx}" /p "$ENV{WINDOWS_SIGN_PASSWORD}" "${_bin}" RESULT_VARIABLE _rc)
        if(NOT _rc EQUAL 0)
            message(FATAL_ERROR "signtool failed for ${_bin}")
        endif()
    endforeach()
endforeach()

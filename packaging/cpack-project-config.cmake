# Read by cpack for each generator (CPACK_PROJECT_CONFIG_FILE).
if(CPACK_GENERATOR STREQUAL "DEB")
    # Each .deb's synopsis is the first line of its component description; CPackDeb would put
    # the project-wide summary in front of it.
    unset(CPACK_PACKAGE_DESCRIPTION_SUMMARY)
endif()

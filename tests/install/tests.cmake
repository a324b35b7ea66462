# Installing: the man page covers the CLI, `cmake --install` gives a working tree, and the
# Debian package passes lintian and runs. They read the finished build, so they run after it.
if(PAIRINFO_MAN_PAGE)
  add_test(NAME install.man_page
           COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/man_page_test.sh $<TARGET_FILE:pairinfo>
                   ${PROJECT_SOURCE_DIR}/docs/pairinfo.1.scd ${PROJECT_BINARY_DIR}/pairinfo.1)
  set_tests_properties(install.man_page PROPERTIES LABELS install TIMEOUT 60)
endif()

add_test(NAME install.prefix
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/install_prefix_test.sh ${PROJECT_BINARY_DIR}
                 ${PROJECT_SOURCE_DIR}/tests/completion $<BOOL:${PAIRINFO_MAN_PAGE}>)
add_test(NAME install.deb
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/deb_package_test.sh ${PROJECT_BINARY_DIR}
                 $<BOOL:${PAIRINFO_MAN_PAGE}>)
# Both install from the build tree (cmake --install writes install_manifest.txt there).
set_tests_properties(install.prefix install.deb PROPERTIES LABELS install TIMEOUT 600
                     RESOURCE_LOCK pairinfo_build_install
                     ENVIRONMENT "CMAKE=${CMAKE_COMMAND};CPACK=${CMAKE_CPACK_COMMAND}")

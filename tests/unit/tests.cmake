# Catch2 unit tests, one file per library module.
file(GLOB PAIRINFO_UNIT_SOURCES CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/*_test.cpp)
add_executable(pairinfo_unit_tests ${CMAKE_CURRENT_LIST_DIR}/main.cpp ${PAIRINFO_UNIT_SOURCES})
target_link_libraries(pairinfo_unit_tests PRIVATE pairinfo_lib Catch2::Catch2)
target_compile_options(pairinfo_unit_tests PRIVATE ${PAIRINFO_WARNINGS})
target_compile_definitions(pairinfo_unit_tests PRIVATE PAIRINFO_SEED_ARTICLE="${PROJECT_SOURCE_DIR}/tests/fixtures/seed-AES-001_HRM-001.txt"
                                                        PAIRINFO_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
include(Catch)
catch_discover_tests(pairinfo_unit_tests TEST_PREFIX "unit." PROPERTIES LABELS unit)

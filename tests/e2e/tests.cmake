# End-to-end cases: each tests/e2e/cases/NAME.cmd is a shell command line using
# $PAIRINFO; its expected stdout, stderr and exit status are NAME.out, NAME.err, NAME.status.
file(GLOB PAIRINFO_E2E_CASES CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/cases/*.cmd)
foreach(case_file ${PAIRINFO_E2E_CASES})
  get_filename_component(case_name ${case_file} NAME_WE)
  add_test(NAME e2e.${case_name}
           COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/run_case.sh $<TARGET_FILE:pairinfo> ${CMAKE_CURRENT_LIST_DIR}/cases ${case_name})
  set_tests_properties(e2e.${case_name} PROPERTIES LABELS e2e TIMEOUT 60)
endforeach()

# End-to-end cases: each tests/e2e/cases/NAME.cmd is a shell command line using
# $PAIRINFO; its expected stdout, stderr and exit status are NAME.out, NAME.err, NAME.status.
# A case that cannot run here (a missing precondition) exits 77 and is reported as skipped.
file(GLOB PAIRINFO_E2E_CASES CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/cases/*.cmd)
foreach(case_file ${PAIRINFO_E2E_CASES})
  get_filename_component(case_name ${case_file} NAME_WE)
  add_test(NAME e2e.${case_name}
           COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/run_case.sh $<TARGET_FILE:pairinfo> ${CMAKE_CURRENT_LIST_DIR}/cases ${case_name})
  # A case may ask for more time in NAME.timeout (seconds): big inputs under the sanitizers.
  set(case_timeout 60)
  if(EXISTS ${CMAKE_CURRENT_LIST_DIR}/cases/${case_name}.timeout)
    file(READ ${CMAKE_CURRENT_LIST_DIR}/cases/${case_name}.timeout case_timeout)
    string(STRIP "${case_timeout}" case_timeout)
  endif()
  set_tests_properties(e2e.${case_name} PROPERTIES LABELS e2e TIMEOUT ${case_timeout} SKIP_RETURN_CODE 77)
endforeach()

# Shell completions: bash driven as bash drives it (against a stand-in pairinfo and the
# built one), zsh and fish through their own completion systems (skipped, status 77,
# where that shell is not installed).
set(PAIRINFO_COMPLETIONS_DIR ${PROJECT_SOURCE_DIR}/completions)
add_test(NAME completion.bash
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/bash_completion_test.sh ${PAIRINFO_COMPLETIONS_DIR}/pairinfo.bash)
add_test(NAME completion.bash_real
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/bash_completion_real_test.sh ${PAIRINFO_COMPLETIONS_DIR}/pairinfo.bash
                 $<TARGET_FILE:pairinfo>)
add_test(NAME completion.zsh
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/zsh_completion_test.sh ${PAIRINFO_COMPLETIONS_DIR} $<TARGET_FILE:pairinfo>)
add_test(NAME completion.fish
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/fish_completion_test.sh ${PAIRINFO_COMPLETIONS_DIR}/pairinfo.fish
                 $<TARGET_FILE:pairinfo>)
set_tests_properties(completion.bash completion.bash_real completion.zsh completion.fish
                     PROPERTIES LABELS completion TIMEOUT 120 SKIP_RETURN_CODE 77)

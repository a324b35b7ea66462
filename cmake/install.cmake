# Install rules (binary, man page, shell completions, data and docs), and the man page build.
#
# Included from the top-level CMakeLists.txt after the pairinfo target is defined. The
# same file, run as `cmake -DSCDOC=... -DINPUT=... -DOUTPUT=... -P install.cmake`, is the
# build step that turns docs/pairinfo.1.scd into roff (and a gzipped copy to install).

# scdoc (1.11) starts paragraphs where roff needs none: after .TH and .SH, before .SH and
# .RE, and twice in a row. mandoc -Tlint warns about each one, so they are moved or
# dropped without changing what man(1) shows.
function(pairinfo_tidy_roff text_var)
  set(text "${${text_var}}")
  # Hyphenating option names (--ef-fect) breaks copying them; .TH turns hyphenation on again.
  string(REGEX REPLACE "(\n\\.TH [^\n]*\n)" "\\1.nh\n" text "${text}")
  set(previous "")
  while(NOT text STREQUAL previous)
    set(previous "${text}")
    # A paragraph break before the end of an indented block belongs after it.
    string(REGEX REPLACE "\n\\.P\n\\.RE\n" "\n.RE\n.P\n" text "${text}")
    string(REPLACE "\n.P\n.P\n" "\n.P\n" text "${text}")
    string(REGEX REPLACE "\n\\.P\n(\\.SH [^\n]*\n)" "\n\\1" text "${text}")
    string(REGEX REPLACE "(\n\\.SH [^\n]*\n)\\.P\n" "\\1" text "${text}")
    string(REGEX REPLACE "(\n\\.TH [^\n]*\n(\\.nh\n)?)\\.P\n" "\\1" text "${text}")
    string(REGEX REPLACE "\n\\.P\n*$" "\n" text "${text}")
  endwhile()
  set(${text_var} "${text}" PARENT_SCOPE)
endfunction()

if(CMAKE_SCRIPT_MODE_FILE)
  foreach(required SCDOC GZIP INPUT OUTPUT)
    if(NOT DEFINED ${required})
      message(FATAL_ERROR "install.cmake in script mode needs -D${required}=...")
    endif()
  endforeach()
  execute_process(COMMAND ${SCDOC} INPUT_FILE ${INPUT} OUTPUT_VARIABLE roff ERROR_VARIABLE errors
                  RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "scdoc failed on ${INPUT}: ${errors}")
  endif()
  pairinfo_tidy_roff(roff)
  file(WRITE ${OUTPUT} "${roff}")
  # -n keeps the name and time out of the archive, so that builds repeat.
  execute_process(COMMAND ${GZIP} -9 -n -c ${OUTPUT} OUTPUT_FILE ${OUTPUT}.gz RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "gzip failed on ${OUTPUT}")
  endif()
  return()
endif()

include(GNUInstallDirs)
# Man pages and Debian's changelog are installed compressed, as Debian policy asks.
find_program(PAIRINFO_GZIP gzip REQUIRED)

install(TARGETS pairinfo RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

# The man page: pairinfo.1 in the build tree (man -l build/pairinfo.1), installed gzipped.
option(PAIRINFO_MAN_PAGE "Build and install the pairinfo(1) man page (needs scdoc)" ON)
if(PAIRINFO_MAN_PAGE)
  find_program(PAIRINFO_SCDOC scdoc)
  if(NOT PAIRINFO_SCDOC)
    message(FATAL_ERROR "The man page needs scdoc: run scripts/install-deps.sh (Debian package "
                        "scdoc), or configure with -DPAIRINFO_MAN_PAGE=OFF.")
  endif()
  set(PAIRINFO_MAN_SOURCE ${PROJECT_SOURCE_DIR}/docs/pairinfo.1.scd)
  set(PAIRINFO_MAN_ROFF ${PROJECT_BINARY_DIR}/pairinfo.1)
  add_custom_command(
    OUTPUT ${PAIRINFO_MAN_ROFF} ${PAIRINFO_MAN_ROFF}.gz
    COMMAND ${CMAKE_COMMAND} -DSCDOC=${PAIRINFO_SCDOC} -DGZIP=${PAIRINFO_GZIP}
            -DINPUT=${PAIRINFO_MAN_SOURCE} -DOUTPUT=${PAIRINFO_MAN_ROFF}
            -P ${CMAKE_CURRENT_LIST_FILE}
    DEPENDS ${PAIRINFO_MAN_SOURCE} ${CMAKE_CURRENT_LIST_FILE}
    COMMENT "Generating the pairinfo(1) man page"
    VERBATIM)
  add_custom_target(pairinfo_man_page ALL DEPENDS ${PAIRINFO_MAN_ROFF} ${PAIRINFO_MAN_ROFF}.gz)
  install(FILES ${PAIRINFO_MAN_ROFF}.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
endif()

# Shell completions, where bash-completion, zsh (Debian's vendor directory) and fish look.
set(PAIRINFO_COMPLETIONS ${PROJECT_SOURCE_DIR}/completions)
install(FILES ${PAIRINFO_COMPLETIONS}/pairinfo.bash
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME pairinfo)
install(FILES ${PAIRINFO_COMPLETIONS}/_pairinfo DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)
install(FILES ${PAIRINFO_COMPLETIONS}/pairinfo.fish DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d)

# The bundled data is compiled in; these copies document the format for people writing
# their own data files.
install(FILES ${PROJECT_SOURCE_DIR}/data/pairinfo.json
              ${PROJECT_SOURCE_DIR}/data/pairinfo.schema.json
              ${PROJECT_SOURCE_DIR}/docs/data-format.md
        DESTINATION ${CMAKE_INSTALL_DATADIR}/pairinfo)

# Debian looks for the licence and a changelog here (lintian checks both); they do no
# harm on other systems. The changelog names the version; the history is in git.
install(FILES ${PROJECT_SOURCE_DIR}/LICENSE DESTINATION ${CMAKE_INSTALL_DOCDIR} RENAME copyright)
set(PAIRINFO_PACKAGE_MAINTAINER "The pairinfo authors <pairinfo@users.noreply.example.org>"
    CACHE STRING "Maintainer of the package (Debian control file and changelog): Name <address>")
# SOURCE_DATE_EPOCH, when set, fixes the date, so that packages can be rebuilt identically.
string(TIMESTAMP PAIRINFO_CHANGELOG_DATE "%a, %d %b %Y %H:%M:%S +0000" UTC)
file(WRITE ${PROJECT_BINARY_DIR}/changelog
     "pairinfo (${PROJECT_VERSION}) unstable; urgency=medium\n\n"
     "  * pairinfo ${PROJECT_VERSION}; see the project's git history for the changes.\n\n"
     " -- ${PAIRINFO_PACKAGE_MAINTAINER}  ${PAIRINFO_CHANGELOG_DATE}\n")
execute_process(COMMAND ${PAIRINFO_GZIP} -9 -n -f ${PROJECT_BINARY_DIR}/changelog COMMAND_ERROR_IS_FATAL ANY)
install(FILES ${PROJECT_BINARY_DIR}/changelog.gz DESTINATION ${CMAKE_INSTALL_DOCDIR})

# The published data format: data/pairinfo.schema.json, docs/data-format.md and pairinfo
# must agree. Needs python3 with the jsonschema module (Debian: python3-jsonschema).
# Prefer the system interpreter: it is the one scripts/install-deps.sh gives jsonschema to,
# whatever other Python (pyenv, a venv) comes first on PATH.
if(NOT DEFINED Python3_EXECUTABLE AND EXISTS /usr/bin/python3)
  set(Python3_EXECUTABLE /usr/bin/python3)
endif()
find_package(Python3 COMPONENTS Interpreter REQUIRED)

set(PAIRINFO_SCHEMA_DIR ${CMAKE_CURRENT_LIST_DIR})
set(PAIRINFO_SCHEMA ${PROJECT_SOURCE_DIR}/data/pairinfo.schema.json)
set(PAIRINFO_SCHEMA_TESTS ${Python3_EXECUTABLE} ${PAIRINFO_SCHEMA_DIR}/schema_tests.py)
set(PAIRINFO_SEMANTIC_ONLY ${PAIRINFO_SCHEMA_DIR}/semantic-only.txt)

add_test(NAME schema.meta COMMAND ${PAIRINFO_SCHEMA_TESTS} meta ${PAIRINFO_SCHEMA})
add_test(NAME schema.bundled_data
         COMMAND ${PAIRINFO_SCHEMA_TESTS} accepts ${PAIRINFO_SCHEMA} ${PROJECT_SOURCE_DIR}/data/pairinfo.json)
add_test(NAME schema.doc_example
         COMMAND ${PAIRINFO_SCHEMA_TESTS} doc-example ${PROJECT_SOURCE_DIR}/docs/data-format.md
                 ${PAIRINFO_SCHEMA_DIR}/example.json)
add_test(NAME schema.example.schema
         COMMAND ${PAIRINFO_SCHEMA_TESTS} accepts ${PAIRINFO_SCHEMA} ${PAIRINFO_SCHEMA_DIR}/example.json)
# Complete enough for --strict, on its own and on top of the bundled data.
add_test(NAME schema.example.pairinfo
         COMMAND $<TARGET_FILE:pairinfo> validate --strict --no-bundled ${PAIRINFO_SCHEMA_DIR}/example.json)
add_test(NAME schema.example.pairinfo_over_bundled
         COMMAND $<TARGET_FILE:pairinfo> validate --strict ${PAIRINFO_SCHEMA_DIR}/example.json)
add_test(NAME schema.corpus
         COMMAND ${PAIRINFO_SCHEMA_TESTS} corpus --semantic-only ${PAIRINFO_SEMANTIC_ONLY} ${PAIRINFO_SCHEMA_DIR}/invalid)

# Files both must accept: unusual but allowed.
file(GLOB PAIRINFO_SCHEMA_VALID CONFIGURE_DEPENDS ${PAIRINFO_SCHEMA_DIR}/valid/*.json)
foreach(fixture ${PAIRINFO_SCHEMA_VALID})
  get_filename_component(name ${fixture} NAME_WE)
  add_test(NAME schema.valid.${name}.schema COMMAND ${PAIRINFO_SCHEMA_TESTS} accepts ${PAIRINFO_SCHEMA} ${fixture})
  add_test(NAME schema.valid.${name}.pairinfo COMMAND $<TARGET_FILE:pairinfo> validate --no-bundled ${fixture})
endforeach()

# Files each breaking one rule: pairinfo names it exactly, and the schema refuses it too
# unless semantic-only.txt lists it.
file(GLOB PAIRINFO_SCHEMA_INVALID CONFIGURE_DEPENDS ${PAIRINFO_SCHEMA_DIR}/invalid/*.json)
foreach(fixture ${PAIRINFO_SCHEMA_INVALID})
  get_filename_component(name ${fixture} NAME_WE)
  add_test(NAME schema.invalid.${name}
           COMMAND ${PAIRINFO_SCHEMA_TESTS} fixture --pairinfo $<TARGET_FILE:pairinfo> --schema ${PAIRINFO_SCHEMA}
                   --semantic-only ${PAIRINFO_SEMANTIC_ONLY} ${fixture})
endforeach()

get_property(PAIRINFO_SCHEMA_TEST_NAMES DIRECTORY PROPERTY TESTS)
list(FILTER PAIRINFO_SCHEMA_TEST_NAMES INCLUDE REGEX "^schema\\.")
set_tests_properties(${PAIRINFO_SCHEMA_TEST_NAMES} PROPERTIES LABELS schema TIMEOUT 60)

# One golden test per folder under tests/golden/ that holds a spec.txt naming the spec to run.
file(GLOB golden_cases RELATIVE "${CMAKE_CURRENT_SOURCE_DIR}/golden" "${CMAKE_CURRENT_SOURCE_DIR}/golden/*/spec.txt")
foreach(case_file ${golden_cases})
  get_filename_component(case "${case_file}" DIRECTORY)
  file(READ "${CMAKE_CURRENT_SOURCE_DIR}/golden/${case_file}" spec)
  string(STRIP "${spec}" spec)
  add_test(NAME "golden: ${case}"
           COMMAND ${CMAKE_COMMAND} -DARCHPLAN=$<TARGET_FILE:archplan> -DSOURCE_DIR=${PROJECT_SOURCE_DIR}
                   -DCASE_DIR=${CMAKE_CURRENT_SOURCE_DIR}/golden/${case} -DOUT_DIR=${CMAKE_CURRENT_BINARY_DIR}/golden/${case}
                   -DSPEC=${spec} -P ${CMAKE_CURRENT_SOURCE_DIR}/golden/run_golden.cmake)
endforeach()

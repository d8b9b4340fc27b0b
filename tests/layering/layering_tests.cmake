# Layering tests. include()d from tests/CMakeLists.txt. The rules (which module may include which, and
# where each third-party library may be included) are the data in cmake/Layering.cmake.
set(ARCHPLAN_LAYERING_DIR "${CMAKE_CURRENT_LIST_DIR}")
add_test(NAME "layering: every module includes only what it may use"
         COMMAND ${CMAKE_COMMAND} "-DROOT=${PROJECT_SOURCE_DIR}" "-DTABLE=${PROJECT_SOURCE_DIR}/cmake/Layering.cmake"
                 -P "${ARCHPLAN_LAYERING_DIR}/check_layering.cmake")
add_test(NAME "layering: the checker reports every violation in its fixture tree"
         COMMAND ${CMAKE_COMMAND} "-DFIXTURE=${ARCHPLAN_LAYERING_DIR}/fixture"
                 "-DEXPECTED=${ARCHPLAN_LAYERING_DIR}/fixture/expected.txt"
                 "-DTABLE=${PROJECT_SOURCE_DIR}/cmake/Layering.cmake"
                 -P "${ARCHPLAN_LAYERING_DIR}/expect_violations.cmake")

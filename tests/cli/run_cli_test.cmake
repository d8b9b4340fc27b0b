# Runs one command and checks its exit code and output; a CTest driver for the CLI tests.
#
#   cmake -DCMD=<program> [-DARGS=<a;b;c>] [-DEXPECT_CODE=<n>]
#         [-DEXPECT_STDOUT_REGEX=<re>] [-DEXPECT_STDERR_REGEX=<re>]
#         [-DREJECT_STDOUT_REGEX=<re>] [-DREJECT_STDERR_REGEX=<re>]
#         [-DEXPECT_FILES=<path;path>] [-DREMOVE_BEFORE=<path>]
#         [-DWORKING_DIRECTORY=<dir>] [-DTIMEOUT=<seconds>] -P run_cli_test.cmake
#
# CMD and ARGS: the program and its arguments (a ;-list). EXPECT_CODE: the exit code, default 0; a crash
# or a timeout never matches it. EXPECT_*_REGEX: CMake regexes that must match somewhere in stdout /
# stderr ('.' also matches a newline); REJECT_*_REGEX: regexes that must not. EXPECT_FILES: paths that
# must exist afterwards; REMOVE_BEFORE: a path deleted first, so they cannot be left from an earlier run.
# On a mismatch, prints the command, what it got, and fails with FATAL_ERROR.

cmake_minimum_required(VERSION 3.22)

if(NOT DEFINED CMD OR CMD STREQUAL "")
  message(FATAL_ERROR "run_cli_test.cmake: CMD is not set")
endif()
if(NOT DEFINED EXPECT_CODE OR EXPECT_CODE STREQUAL "")
  set(EXPECT_CODE 0)
endif()
if(NOT DEFINED TIMEOUT OR TIMEOUT STREQUAL "")
  set(TIMEOUT 60)
endif()
if(NOT DEFINED WORKING_DIRECTORY OR WORKING_DIRECTORY STREQUAL "")
  set(WORKING_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}")
endif()
if(DEFINED REMOVE_BEFORE AND NOT REMOVE_BEFORE STREQUAL "")
  file(REMOVE_RECURSE "${REMOVE_BEFORE}")
endif()

execute_process(
  COMMAND "${CMD}" ${ARGS}
  WORKING_DIRECTORY "${WORKING_DIRECTORY}"
  TIMEOUT "${TIMEOUT}"
  RESULT_VARIABLE code
  OUTPUT_VARIABLE out
  ERROR_VARIABLE err)

set(failures "")
# RESULT_VARIABLE is the exit code, or a string such as "Child aborted" or a timeout message.
if(NOT code MATCHES "^-?[0-9]+$")
  string(APPEND failures "  the command did not exit normally: ${code}\n")
elseif(NOT code EQUAL EXPECT_CODE)
  string(APPEND failures "  exit code ${code}, expected ${EXPECT_CODE}\n")
endif()

foreach(stream IN ITEMS STDOUT STDERR)
  if(stream STREQUAL "STDOUT")
    set(text "${out}")
  else()
    set(text "${err}")
  endif()
  if(DEFINED EXPECT_${stream}_REGEX AND NOT "${EXPECT_${stream}_REGEX}" STREQUAL "")
    string(REGEX MATCH "${EXPECT_${stream}_REGEX}" found "${text}")
    if(found STREQUAL "")
      string(APPEND failures "  ${stream} does not match: ${EXPECT_${stream}_REGEX}\n")
    endif()
  endif()
  if(DEFINED REJECT_${stream}_REGEX AND NOT "${REJECT_${stream}_REGEX}" STREQUAL "")
    string(REGEX MATCH "${REJECT_${stream}_REGEX}" found "${text}")
    if(NOT found STREQUAL "")
      string(APPEND failures "  ${stream} matches what it must not: ${REJECT_${stream}_REGEX} (found '${found}')\n")
    endif()
  endif()
endforeach()

foreach(path IN LISTS EXPECT_FILES)
  if(NOT EXISTS "${path}")
    string(APPEND failures "  expected file not written: ${path}\n")
  endif()
endforeach()

if(NOT failures STREQUAL "")
  string(REPLACE ";" " " shown_args "${ARGS}")
  message(FATAL_ERROR
    "CLI test failed.\n"
    "command: ${CMD} ${shown_args}\n"
    "in: ${WORKING_DIRECTORY}\n"
    "${failures}"
    "--- exit code: ${code}\n"
    "--- stdout:\n${out}\n"
    "--- stderr:\n${err}\n"
    "---")
endif()
message(STATUS "ok: exit code ${code}")

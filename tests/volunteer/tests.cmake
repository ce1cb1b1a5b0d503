# Volunteer mode core (src/core/scanner.c, src/core/volunteer*.c): scanner input, PIN pad,
# check-in, walk-ins, duty log and the day's summary. Names match
#   ctest -R 'volunteer|scanner|checkin|walkin|duty|pin'
yk_test(test_scanner SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_scanner.c LIBS yk_core)
yk_test(test_volunteer_pin SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_volunteer_pin.c LIBS yk_core)
yk_test(test_checkin SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_checkin.c LIBS yk_core)
yk_test(test_walkin_duty SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_walkin_duty.c LIBS yk_core)

include(${CMAKE_SOURCE_DIR}/tests/fuzz/tests.cmake)
yk_fuzz_target(fuzz_scanner ${CMAKE_CURRENT_LIST_DIR}/fuzz_scanner.c
               ${CMAKE_SOURCE_DIR}/tests/fuzz/corpus/scanner yk_core)

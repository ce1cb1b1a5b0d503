# Tickets, phones and sign-ups (src/core/ticket.c, ticket_keys.c, phone.c, signup.c, signup_mine.c): unit tests, a power-loss (SIGKILL) test,
# a benchmark and a fuzz target. Format and rules: src/core/TICKETS.md.
include(${CMAKE_SOURCE_DIR}/tests/fuzz/tests.cmake)

yk_test(test_ticket SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_ticket.c LIBS yk_core)
yk_test(test_signup SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_signup.c LIBS yk_core)
# "My sign-ups" (src/core/signup_mine.c): lookup by number, the person's cancel, the guard.
yk_test(test_signup_mine SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_signup_mine.c LIBS yk_core)

# Power-loss test: test_signup_crash kills signup_crash with SIGKILL at random moments.
add_executable(signup_crash ${CMAKE_CURRENT_LIST_DIR}/signup_crash.c)
target_link_libraries(signup_crash PRIVATE yk_core)
yk_test(test_signup_crash SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_signup_crash.c LIBS yk_core)
target_compile_definitions(test_signup_crash PRIVATE SIGNUP_CRASH_BIN="$<TARGET_FILE:signup_crash>")
add_dependencies(test_signup_crash signup_crash)
set_tests_properties(test_signup_crash PROPERTIES TIMEOUT 120)

# Benchmark (run by hand: build/tests/bench_signup [N] [DIR]); ctest runs a 20-sign-up smoke.
add_executable(bench_signup ${CMAKE_CURRENT_LIST_DIR}/bench_signup.c)
target_link_libraries(bench_signup PRIVATE yk_core)
target_include_directories(bench_signup PRIVATE ${CMAKE_SOURCE_DIR}/tests)
add_test(NAME bench_signup_smoke COMMAND bench_signup 20)

# Fuzz target: ticket decoding with a fixed in-memory key set (see tests/fuzz/tests.cmake).
yk_fuzz_target(fuzz_ticket ${CMAKE_CURRENT_LIST_DIR}/fuzz_ticket.c
               ${CMAKE_SOURCE_DIR}/tests/fuzz/corpus/ticket yk_core)

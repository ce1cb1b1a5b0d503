# The hub sync client (src/core/sync_*.c, src/app/sync_http.c, src/app/sync_worker.c): unit
# tests with canned JSON, end-to-end tests with real processes on 127.0.0.1 (the hub, kiosks,
# a TCP proxy that cuts connections), the page parser's fuzz target, and the benchmark
# (bench_sync, not a test; sync_bench_smoke runs it small). Names match ctest -R sync.
yk_test(sync_unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_sync.c LIBS yk_core)
# 我的报名 across kiosks without network: hash, push, answers, merge, hand-over.
yk_test(sync_mine_unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_sync_mine.c LIBS yk_core)
yk_test(sync_e2e SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_sync_e2e.c LIBS yk_app PkgConfig::CURL)
add_dependencies(sync_e2e yikong-hub yikong-kiosk)
set_tests_properties(sync_e2e PROPERTIES TIMEOUT 120)
yk_test(sync_worker SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_sync_worker.c LIBS yk_app PkgConfig::CURL)
add_dependencies(sync_worker yikong-hub)
set_tests_properties(sync_worker PROPERTIES TIMEOUT 90)

include(${CMAKE_SOURCE_DIR}/tests/fuzz/tests.cmake)
yk_fuzz_target(fuzz_sync_page ${CMAKE_CURRENT_LIST_DIR}/fuzz_sync_page.c
               ${CMAKE_SOURCE_DIR}/tests/fuzz/corpus/sync_page yk_core)

add_executable(bench_sync ${CMAKE_CURRENT_LIST_DIR}/bench_sync.c)
target_link_libraries(bench_sync PRIVATE yk_app PkgConfig::CURL)
target_include_directories(bench_sync PRIVATE ${CMAKE_SOURCE_DIR}/tests)
add_dependencies(bench_sync yikong-hub)
add_test(NAME sync_bench_smoke COMMAND bench_sync --smoke WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
set_tests_properties(sync_bench_smoke PROPERTIES ENVIRONMENT "YK_BUILD_DIR=${CMAKE_BINARY_DIR}"
                     TIMEOUT 60)

# Online confirmation through the real sign-up screen (headless driver) with the real hub.
yk_test(sync_signup_online SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_signup_online.c
        LIBS yk_app PkgConfig::CURL)
add_dependencies(sync_signup_online yikong-hub yikong-kiosk verify_ticket)
set_tests_properties(sync_signup_online PROPERTIES TIMEOUT 120)

# Randomised interleavings of sign-ups, cancellations, online confirmations and rounds across
# three kiosks and the real hub (fixed seeds): never overbooked, nothing shown confirmed taken
# back, everyone agrees at the end.
yk_test(sync_random SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_sync_random.c LIBS yk_app PkgConfig::CURL)
add_dependencies(sync_random yikong-hub)
set_tests_properties(sync_random PROPERTIES TIMEOUT 300)

# Issue 11's attacks (tests/hub/hub_attacks.h) all against one hub while three real kiosks sync:
# then integrity_check, every queue drained, nothing overbooked.
yk_test(sync_hub_replay SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_hub_replay.c
        LIBS yk_app PkgConfig::CURL)
add_dependencies(sync_hub_replay yikong-hub)
set_tests_properties(sync_hub_replay PROPERTIES TIMEOUT 120)

# A person's cancellation (我的报名) reaching the real hub: cancelled and revoked there, the
# seats beyond the kiosk's block given back, the hub's waitlist moved, the other kiosk's ticket.
yk_test(sync_cancel SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_sync_cancel.c LIBS yk_app PkgConfig::CURL)
add_dependencies(sync_cancel yikong-hub)
set_tests_properties(sync_cancel PROPERTIES TIMEOUT 60)

# 我的报名 across kiosks: kiosk B's screens (headless) find, show and cancel kiosk A's sign-up
# through the real hub, in three sizes/modes; offline, B says only its own were searched.
yk_test(sync_mine_e2e SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_sync_mine_e2e.c
        LIBS yk_app PkgConfig::CURL)
add_dependencies(sync_mine_e2e yikong-hub yikong-kiosk verify_ticket)
set_tests_properties(sync_mine_e2e PROPERTIES TIMEOUT 180)

# The readers of the hub's answers to 我的报名 across kiosks (look-up and cancel).
yk_fuzz_target(fuzz_sync_mine ${CMAKE_CURRENT_LIST_DIR}/fuzz_sync_mine.c
               ${CMAKE_SOURCE_DIR}/tests/fuzz/corpus/sync_mine yk_core)

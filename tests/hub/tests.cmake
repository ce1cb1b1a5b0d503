# The hub (src/hub) and the JSON module (src/core/json.c): unit tests, the server over HTTP on
# 127.0.0.1, the seat property test, fuzz targets, and the benchmark (bench_hub, not a test;
# bench_hub_smoke runs it tiny).
pkg_check_modules(CURL REQUIRED IMPORTED_TARGET libcurl)

yk_test(test_json SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_json.c LIBS yk_core)
yk_test(test_hub_http SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_hub_http.c
        LIBS yk_hub PkgConfig::CURL)
add_dependencies(test_hub_http yikong-hub)
# The public page of the stations (/ and /s/ID).
yk_test(test_hub_public SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_hub_public.c
        LIBS yk_hub PkgConfig::CURL)
add_dependencies(test_hub_public yikong-hub)
# Issue 11's attacks on loopback, one per finding (hub_attacks.h; the replay of all of them
# with kiosks syncing is tests/sync's hub_replay).
yk_test(test_hub_attacks SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_hub_attacks.c
        LIBS yk_hub PkgConfig::CURL)
add_dependencies(test_hub_attacks yikong-hub)
set_tests_properties(test_hub_attacks PROPERTIES TIMEOUT 90)
# A person's sign-ups at any kiosk (POST /api/v1/mine, /mine/cancel) and the phone key file.
yk_test(test_hub_mine SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_hub_mine.c LIBS yk_hub)
add_dependencies(test_hub_mine yikong-hub)
set_tests_properties(test_hub_mine PROPERTIES ENVIRONMENT "YK_BUILD_DIR=${CMAKE_BINARY_DIR}")
yk_test(test_hub_seats SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_hub_seats.c LIBS yk_hub)
# Group commit: pushes from many threads at once, each answered for what it stored.
yk_test(test_hub_group SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_hub_group.c LIBS yk_hub Threads::Threads)

add_executable(bench_hub ${CMAKE_CURRENT_LIST_DIR}/bench_hub.c)
target_link_libraries(bench_hub PRIVATE yk_hub PkgConfig::CURL Threads::Threads)
target_include_directories(bench_hub PRIVATE ${CMAKE_SOURCE_DIR}/tests)
add_dependencies(bench_hub yikong-hub)
add_test(NAME bench_hub_smoke COMMAND bench_hub --smoke WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
set_tests_properties(bench_hub_smoke PROPERTIES ENVIRONMENT "YK_BUILD_DIR=${CMAKE_BINARY_DIR}")

include(${CMAKE_SOURCE_DIR}/tests/fuzz/tests.cmake)
yk_fuzz_target(fuzz_json ${CMAKE_CURRENT_LIST_DIR}/fuzz_json.c
               ${CMAKE_SOURCE_DIR}/tests/fuzz/corpus/json yk_core)
yk_fuzz_target(fuzz_hub_push ${CMAKE_CURRENT_LIST_DIR}/fuzz_hub_push.c
               ${CMAKE_SOURCE_DIR}/tests/fuzz/corpus/hub_push yk_hub)
yk_fuzz_target(fuzz_hub_request ${CMAKE_CURRENT_LIST_DIR}/fuzz_hub_request.c
               ${CMAKE_SOURCE_DIR}/tests/fuzz/corpus/hub_request yk_hub)

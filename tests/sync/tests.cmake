# The hub sync client (src/core/sync.c, src/app/sync_http.c, src/app/sync_worker.c): unit
# tests with canned JSON, end-to-end tests with real processes on 127.0.0.1 (the hub, kiosks,
# a TCP proxy that cuts connections), the page parser's fuzz target, and the benchmark
# (bench_sync, not a test; sync_bench_smoke runs it small). Names match ctest -R sync.
yk_test(sync_unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_sync.c LIBS yk_core)
yk_test(sync_e2e SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_sync_e2e.c LIBS yk_app PkgConfig::CURL)
add_dependencies(sync_e2e yikong-hub yikong-kiosk)
set_tests_properties(sync_e2e PROPERTIES TIMEOUT 120)

# The hub's web admin (src/hub/admin*.c, hub_store_admin.c): its parsers and store calls as
# unit tests, its refusals against the real hub on 127.0.0.1, the form parser's fuzz target,
# and the browser scenario (headless chromium through WebDriver, with a headless kiosk that
# syncs). Names match ctest -R admin.
yk_test(admin_unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_admin_unit.c LIBS yk_hub)
yk_test(admin_http SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_admin_http.c
        LIBS yk_hub PkgConfig::CURL)
add_dependencies(admin_http yikong-hub)
set_tests_properties(admin_http PROPERTIES TIMEOUT 180)
yk_test(admin_signups SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_admin_signups.c
        LIBS yk_hub PkgConfig::CURL)
add_dependencies(admin_signups yikong-hub)
set_tests_properties(admin_signups PROPERTIES TIMEOUT 180)
yk_test(admin_lists SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_admin_lists.c
        LIBS yk_hub PkgConfig::CURL)
add_dependencies(admin_lists yikong-hub)
set_tests_properties(admin_lists PROPERTIES TIMEOUT 180)
yk_test(admin_content SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_admin_content.c
        LIBS yk_hub PkgConfig::CURL)
add_dependencies(admin_content yikong-hub)
set_tests_properties(admin_content PROPERTIES TIMEOUT 180)
yk_test(admin_items SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_admin_items.c
        LIBS yk_hub PkgConfig::CURL)
add_dependencies(admin_items yikong-hub yikong-kiosk)
set_tests_properties(admin_items PROPERTIES TIMEOUT 180)

find_program(YK_DEBIAN_PYTHON NAMES python3 PATHS /usr/bin NO_DEFAULT_PATH)
if(NOT YK_DEBIAN_PYTHON)
  set(YK_DEBIAN_PYTHON python3)
endif()
# Debian's python3 (python3-selenium is a Debian package), whatever python3 is first on PATH.
add_test(NAME admin_browser COMMAND ${YK_DEBIAN_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/browser.py
         WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
set_tests_properties(admin_browser PROPERTIES TIMEOUT 300 SKIP_RETURN_CODE 77
                     ENVIRONMENT "YK_SOURCE_DIR=${CMAKE_SOURCE_DIR};YK_BUILD_DIR=${CMAKE_BINARY_DIR}")

include(${CMAKE_SOURCE_DIR}/tests/fuzz/tests.cmake)
yk_fuzz_target(fuzz_admin_form ${CMAKE_CURRENT_LIST_DIR}/fuzz_admin_form.c
               ${CMAKE_SOURCE_DIR}/tests/fuzz/corpus/admin_form yk_hub)

# An event's own photo: the form's upload and its refusals, and a kiosk's sync bringing it
# (and its removal).
yk_test(admin_event_photo SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_admin_event_photo.c
        LIBS yk_app yk_hub PkgConfig::CURL)
add_dependencies(admin_event_photo yikong-hub)
set_tests_properties(admin_event_photo PROPERTIES TIMEOUT 180)

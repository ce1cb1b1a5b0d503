# Configuration (src/core/config_*.c): unit tests, and the kiosk-image checks, which run the
# example config through the real parser.
yk_test(test_config SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_config.c LIBS yk_core)

# The app's command-line front end (yk_config_cli) on its own. When src/app/main.c calls
# yk_config_cli(), test_kiosk_image can run $<TARGET_FILE:yikong-kiosk> instead.
add_executable(yk_config_tool ${CMAKE_CURRENT_LIST_DIR}/config_tool.c)
target_link_libraries(yk_config_tool PRIVATE yk_core)

find_program(YK_BASH bash)
if(YK_BASH)
  add_test(NAME test_kiosk_image
           COMMAND ${YK_BASH} ${CMAKE_SOURCE_DIR}/kiosk-image/check.sh $<TARGET_FILE:yikong-kiosk>
           WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
endif()

# Building test_config builds everything the config tests run (the fuzz replay driver is
# defined in tests/fuzz/tests.cmake; dependencies resolve when the build is generated).
add_dependencies(test_config yk_config_tool fuzz_config_replay)

yk_test(test_textlayout SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_textlayout.c LIBS yk_core)
yk_test(test_shtime SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_shtime.c LIBS yk_core)
yk_test(test_gesture SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_gesture.c LIBS yk_ui)
yk_test(test_ui SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_ui.c LIBS yk_ui)
yk_test(test_i18n SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_i18n.c LIBS yk_core)
# Every string key the UI code names (tr(k, "...")) must be in the catalog.
set(_keys ${CMAKE_BINARY_DIR}/ui_keys.txt)
file(GLOB _ui_src CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/src/ui/*.c ${CMAKE_SOURCE_DIR}/src/ui/screens/*.c)
add_custom_command(OUTPUT ${_keys}
  COMMAND sh -c "grep -ohE '(tr\\(k, |YK_N\\()\"[a-z0-9_.]+\"' ${CMAKE_SOURCE_DIR}/src/ui/*.c ${CMAKE_SOURCE_DIR}/src/ui/screens/*.c 2>/dev/null | sed -E 's/.*\"(.*)\"/\\1/' | sort -u > ${_keys}"
  DEPENDS ${_ui_src} VERBATIM)
add_custom_target(ui_keys ALL DEPENDS ${_keys})
set_property(TEST test_i18n APPEND PROPERTY ENVIRONMENT "YK_UI_KEYS_FILE=${_keys}")
yk_test(test_utf8 SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_utf8.c LIBS yk_core)
yk_test(test_base32 SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_base32.c LIBS yk_core)

include(${CMAKE_SOURCE_DIR}/tests/fuzz/tests.cmake)
yk_fuzz_target(fuzz_utf8 ${CMAKE_CURRENT_LIST_DIR}/fuzz_utf8.c
               ${CMAKE_SOURCE_DIR}/tests/fuzz/corpus/utf8 yk_core)

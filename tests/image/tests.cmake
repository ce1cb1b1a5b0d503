# The terminal (kiosk-image/): the kiosk's behaviour on kmsdrm that a desktop never shows.
# The arm64 packages and the QEMU boot test are not ctest tests: tests/image/arm64.sh and
# tests/image/boot.sh (README.md there) run them from tests/all.sh.
yk_test(test_abspointer SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_abspointer.c LIBS yk_platform)
add_test(NAME kiosk_refuses_offscreen
         COMMAND ${CMAKE_CURRENT_LIST_DIR}/refuse_offscreen.sh $<TARGET_FILE:yikong-kiosk>)
set_tests_properties(kiosk_refuses_offscreen PROPERTIES SKIP_RETURN_CODE 77)

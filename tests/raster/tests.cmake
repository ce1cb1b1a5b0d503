# Rasteriser, icon set and QR codes (src/core/raster.*, icons.*, qr.*).
yk_test(test_raster SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_raster.c LIBS yk_core)
yk_test(test_qr SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_qr.c LIBS yk_core)

# A tool, not a test: writes a contact sheet of every icon for people to look at.
#   build/tests/yk_dump_icons /tmp/yk-icons.png [icon names... for close-ups]
add_executable(yk_dump_icons ${CMAKE_CURRENT_LIST_DIR}/dump_icons.c)
target_link_libraries(yk_dump_icons PRIVATE yk_core)

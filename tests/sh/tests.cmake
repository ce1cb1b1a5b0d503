# Checks over the source tree itself (no build products needed).
# Only src/platform includes SDL; the headers code above it sees name SDL's types only.
add_test(NAME sdl_only_in_platform COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/sdl-boundary.sh
         ${CMAKE_SOURCE_DIR})
# Every tracked .c/.h of src/ and tests/ as .clang-format makes it (fix: clang-format -i FILE).
add_test(NAME format_check COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/format-check.sh
         ${CMAKE_SOURCE_DIR})
# No include cycles between modules but the known ones, each with its reason in the script.
add_test(NAME include_cycles COMMAND python3 ${CMAKE_CURRENT_LIST_DIR}/include-cycles.py
         ${CMAKE_SOURCE_DIR})

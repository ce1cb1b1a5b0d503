# Fuzz targets. Each target is one C file defining
#     int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
# plus a directory of seed inputs, and is registered with
#     yk_fuzz_target(NAME SOURCE CORPUS_DIR [LIBS...])
# for example
#     yk_fuzz_target(fuzz_config ${CMAKE_CURRENT_LIST_DIR}/fuzz_config.c
#                    ${CMAKE_CURRENT_LIST_DIR}/corpus/config yk_core)
# which makes, in every build (gcc too):
#   NAME_replay    replay_main.c + SOURCE: runs every file of CORPUS_DIR through the target;
#                  registered as the ctest test NAME_replay, so the corpus (seeds and every
#                  crash ever found, added as a file) is a regression suite without clang;
# and with -DYK_FUZZ=ON (clang; Debian: clang + libclang-rt-14-dev):
#   NAME           the libFuzzer binary (build/tests/fuzz/NAME). Run it as
#                    build/tests/fuzz/NAME -max_total_time=60 build/fuzz-corpus/NAME CORPUS_DIR
#                  (new inputs go to the first directory; keep CORPUS_DIR for the seeds);
#   NAME_smoke     a ctest test that fuzzes for 10 seconds from the seeds.
# Targets of other areas go at the end of this file, or in their own tests.cmake after
#     include(${CMAKE_SOURCE_DIR}/tests/fuzz/tests.cmake)
# (the file guards itself, so it is read once whatever the order of the fragments).
include_guard(GLOBAL)

set(YK_FUZZ_REPLAY_MAIN ${CMAKE_CURRENT_LIST_DIR}/replay_main.c)
# All libFuzzer binaries, so tests/all.sh builds just them: cmake --build DIR --target yk_fuzzers
add_custom_target(yk_fuzzers)

if(YK_FUZZ AND NOT CMAKE_C_COMPILER_ID MATCHES "Clang")
  message(FATAL_ERROR "YK_FUZZ needs clang (libFuzzer): configure with CC=clang")
endif()

function(yk_fuzz_target name source corpus_dir)
  set(libs ${ARGN})
  if(NOT IS_DIRECTORY ${corpus_dir})
    message(FATAL_ERROR "yk_fuzz_target(${name}): corpus ${corpus_dir} is not a directory")
  endif()

  add_executable(${name}_replay ${YK_FUZZ_REPLAY_MAIN} ${source})
  target_link_libraries(${name}_replay PRIVATE ${libs})
  target_include_directories(${name}_replay PRIVATE ${CMAKE_SOURCE_DIR}/tests)
  set_target_properties(${name}_replay PROPERTIES
                        RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/tests/fuzz)
  add_test(NAME ${name}_replay COMMAND ${name}_replay ${corpus_dir}
           WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})

  if(YK_FUZZ)
    add_executable(${name} ${source})
    target_compile_options(${name} PRIVATE -fsanitize=fuzzer)
    target_link_options(${name} PRIVATE -fsanitize=fuzzer)
    target_link_libraries(${name} PRIVATE ${libs})
    target_include_directories(${name} PRIVATE ${CMAKE_SOURCE_DIR}/tests)
    add_dependencies(yk_fuzzers ${name})
    set_target_properties(${name} PROPERTIES
                          RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/tests/fuzz)
    # A scratch corpus first, so that fuzzing never writes into the source tree.
    set(scratch ${CMAKE_BINARY_DIR}/fuzz-corpus/${name})
    file(MAKE_DIRECTORY ${scratch})
    add_test(NAME ${name}_smoke
             COMMAND ${name} -max_total_time=10 -artifact_prefix=${CMAKE_BINARY_DIR}/fuzz-
                     ${scratch} ${corpus_dir})
  endif()
endfunction()

yk_fuzz_target(fuzz_config ${CMAKE_CURRENT_LIST_DIR}/fuzz_config.c
               ${CMAKE_CURRENT_LIST_DIR}/corpus/config yk_core)

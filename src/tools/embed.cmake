# yk_embed(NAME BASE_DIR FILES...): compiles files into the binary as
#   const struct yk_embedded yk_embed_<NAME>[]  (see src/core/embed.h)
# Each entry's name is its path relative to BASE_DIR; the list ends with {NULL, NULL, 0}.
# The data is NUL-terminated so text files can be used as C strings.
# Appends the generated .c to YK_EMBED_SOURCES in the caller's scope.
set(YK_EMBED_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/embed_run.cmake)
function(yk_embed name base)
  set(out ${CMAKE_BINARY_DIR}/generated/yk_embed_${name}.c)
  add_custom_command(OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DNAME=${name} -DBASE=${base}
            "-DFILES=${ARGN}" -P ${YK_EMBED_SCRIPT}
    DEPENDS ${ARGN} ${YK_EMBED_SCRIPT}
    COMMENT "Embedding ${name}" VERBATIM)
  set(YK_EMBED_SOURCES ${YK_EMBED_SOURCES} ${out} PARENT_SCOPE)
endfunction()

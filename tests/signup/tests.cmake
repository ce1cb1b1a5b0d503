# Sign-up through the real app, headless; the ticket's QR is read back from the screenshot by
# zbarimg and its code verified (and every altered character refused) by verify_ticket.
add_executable(verify_ticket ${CMAKE_CURRENT_LIST_DIR}/verify_ticket.c)
target_link_libraries(verify_ticket PRIVATE yk_core)
target_include_directories(verify_ticket PRIVATE ${CMAKE_SOURCE_DIR}/tests)
foreach(size 800x480 1080x1920)
  add_test(NAME signup_${size}
           COMMAND ${CMAKE_CURRENT_LIST_DIR}/run.sh $<TARGET_FILE:yikong-kiosk>
                   $<TARGET_FILE:verify_ticket> ${CMAKE_CURRENT_LIST_DIR}/scripts/signup.txt
                   ${CMAKE_BINARY_DIR}/shots/signup_${size} srd-2026-12
                   --now 2026-12-01T09:00:00+08:00 --size ${size})
  set_tests_properties(signup_${size} PROPERTIES ENVIRONMENT "YK_LOG=quiet")
  add_test(NAME signup_en_elder_${size}
           COMMAND ${CMAKE_CURRENT_LIST_DIR}/run.sh $<TARGET_FILE:yikong-kiosk>
                   $<TARGET_FILE:verify_ticket> ${CMAKE_CURRENT_LIST_DIR}/scripts/signup_en_elder.txt
                   ${CMAKE_BINARY_DIR}/shots/signup_en_elder_${size} srd-2026-12
                   --now 2026-12-01T09:00:00+08:00 --size ${size})
  set_tests_properties(signup_en_elder_${size} PROPERTIES ENVIRONMENT "YK_LOG=quiet")
endforeach()

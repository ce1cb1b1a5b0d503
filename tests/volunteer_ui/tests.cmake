# Volunteer mode: the real app, headless, on the sample content plus the sign-ups and tickets
# of make_tickets, on the December social-responsibility day while it runs. Screenshots land
# in build/shots/<test>/.
add_executable(make_tickets ${CMAKE_CURRENT_LIST_DIR}/make_tickets.c)
target_link_libraries(make_tickets PRIVATE yk_core)

# The check-in benchmark (printed figures, not a test): see bench_checkin.c.
add_executable(bench_checkin ${CMAKE_CURRENT_LIST_DIR}/bench_checkin.c)
target_link_libraries(bench_checkin PRIVATE yk_core)
target_include_directories(bench_checkin PRIVATE ${CMAKE_SOURCE_DIR}/tests)

set(YK_VUI_RUN ${CMAKE_CURRENT_LIST_DIR}/run.sh)
set(YK_VUI_SCRIPTS ${CMAKE_CURRENT_LIST_DIR}/scripts)
set(YK_VUI_SIZES 800x480 480x800 1024x600 720x1280 1920x1080 1080x1920)

function(yk_vui_test name script)
  add_test(NAME ${name}
           COMMAND ${YK_VUI_RUN} $<TARGET_FILE:make_tickets> $<TARGET_FILE:yikong-kiosk>
                   ${YK_VUI_SCRIPTS}/${script} ${CMAKE_BINARY_DIR}/shots/${name}
                   --now 2026-12-12T09:40:00+08:00 ${ARGN})
  set_tests_properties(${name} PROPERTIES ENVIRONMENT "YK_LOG=quiet")
endfunction()

# The PIN pad: the gesture, wrong PINs, the lock and its countdown, the right PIN.
yk_vui_test(vui_pin pin.txt --size 800x480)
# Check-in every way and every result, walk-ins, duty, today's figures (exact), locking.
yk_vui_test(vui_flow flow.txt --size 800x480)
yk_vui_test(vui_flow_en flow_en.txt --size 1024x600 --lang en)
# Every main state at every size: layout, contrast, screenshots (zh, en, elder).
foreach(size ${YK_VUI_SIZES})
  yk_vui_test(vui_sizes_${size} sizes.txt --size ${size})
endforeach()

# Every tab and the lock in view without scrolling (elder mode on small landscape panels puts
# them in a strip across the top), the last tab working, at every size the UI tests use and
# 1280x720.
foreach(size 800x480 480x800 1024x600 1280x720 720x1280 1920x1080 1080x1920)
  add_test(NAME vui_tabs_${size}
           COMMAND ${CMAKE_CURRENT_LIST_DIR}/tabs.sh $<TARGET_FILE:make_tickets>
                   $<TARGET_FILE:yikong-kiosk> ${YK_VUI_SCRIPTS}/tabs.txt
                   ${CMAKE_BINARY_DIR}/shots/vui_tabs_${size}
                   --now 2026-12-12T09:40:00+08:00 --size ${size})
  set_tests_properties(vui_tabs_${size} PROPERTIES ENVIRONMENT "YK_LOG=quiet")
endforeach()

# The records the hub set aside, listed (seed_rejects marks records of every kind rejected).
add_executable(seed_rejects ${CMAKE_CURRENT_LIST_DIR}/seed_rejects.c)
target_link_libraries(seed_rejects PRIVATE yk_core)
file(WRITE ${CMAKE_BINARY_DIR}/vui_hub_none.conf "hub_url = http://127.0.0.1:9\n")
foreach(size 800x480 1080x1920)
  yk_vui_test(vui_rejects_${size} rejects.txt --size ${size}
              --config ${CMAKE_BINARY_DIR}/vui_hub_none.conf)
  set_tests_properties(vui_rejects_${size} PROPERTIES ENVIRONMENT
                       "YK_LOG=quiet;VUI_PREP=$<TARGET_FILE:seed_rejects>")
endforeach()

# Against a real hub: the setup code typed and scanned, a wrong code, the hub down (hub.sh).
add_test(NAME vui_hub COMMAND ${CMAKE_CURRENT_LIST_DIR}/hub.sh ${CMAKE_BINARY_DIR}
                              ${CMAKE_BINARY_DIR}/shots/vui_hub)
set_tests_properties(vui_hub PROPERTIES TIMEOUT 300)

# Every check-in result and the "how many" question in elder mode, in Chinese and English,
# where they are shortest (the 7" panel and 1024x600) and on a portrait and a large panel:
# what each must show whole in view without scrolling, and locking from them (results.sh).
add_executable(seed_results ${CMAKE_CURRENT_LIST_DIR}/seed_results.c)
target_link_libraries(seed_results PRIVATE yk_core)
foreach(case 800x480:zh 800x480:en 1024x600:zh 1024x600:en 720x1280:zh 1920x1080:en)
  string(REPLACE ":" ";" parts ${case})
  list(GET parts 0 size)
  list(GET parts 1 lang)
  add_test(NAME vui_results_${size}_${lang}
           COMMAND ${CMAKE_CURRENT_LIST_DIR}/results.sh $<TARGET_FILE:make_tickets>
                   $<TARGET_FILE:yikong-kiosk> ${YK_VUI_SCRIPTS}/results.txt
                   ${CMAKE_BINARY_DIR}/shots/vui_results_${size}_${lang}
                   --now 2026-12-12T09:40:00+08:00 --size ${size} --lang ${lang})
  set_tests_properties(vui_results_${size}_${lang} PROPERTIES ENVIRONMENT
                       "YK_LOG=quiet;VUI_PREP=$<TARGET_FILE:seed_results>")
endforeach()

# Walk-ins in elder mode, in Chinese and English, where the area is shortest (the 7" panel
# upright, and as it comes, landscape): the first two kind buttons whole in view as the tab
# opens, every kind button and undo can be brought whole into view and works (walkins.sh).
foreach(size 480x800 800x480)
  add_test(NAME vui_walkins_${size}
           COMMAND ${CMAKE_CURRENT_LIST_DIR}/walkins.sh $<TARGET_FILE:make_tickets>
                   $<TARGET_FILE:yikong-kiosk> ${YK_VUI_SCRIPTS}/walkins.txt
                   ${CMAKE_BINARY_DIR}/shots/vui_walkins_${size}
                   --now 2026-12-12T09:40:00+08:00 --size ${size})
  set_tests_properties(vui_walkins_${size} PROPERTIES ENVIRONMENT "YK_LOG=quiet")
endforeach()

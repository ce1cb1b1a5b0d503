# UI tests: the real app, headless, driven by scripts (tests/ui/scripts), at every
# supported screen size. Screenshots and trees land in build/shots/<test>/ for people to
# look at.
set(YK_UI_SIZES 800x480 480x800 1024x600 720x1280 1920x1080 1080x1920)
set(YK_UI_RUN ${CMAKE_CURRENT_LIST_DIR}/run.sh)
set(YK_UI_SCRIPTS ${CMAKE_CURRENT_LIST_DIR}/scripts)
set(YK_NOW --now 2026-12-01T09:00:00+08:00)

function(yk_ui_test name script)
  add_test(NAME ${name}
           COMMAND ${YK_UI_RUN} $<TARGET_FILE:yikong-kiosk> ${YK_UI_SCRIPTS}/${script}
                   ${CMAKE_BINARY_DIR}/shots/${name} ${YK_NOW} ${ARGN})
  set_tests_properties(${name} PROPERTIES ENVIRONMENT "YK_LOG=quiet")
endfunction()

foreach(size ${YK_UI_SIZES})
  yk_ui_test(ui_home_${size} home.txt --size ${size})
  yk_ui_test(ui_idle_${size} idle.txt --size ${size})
  yk_ui_test(ui_services_${size} services.txt --size ${size})
endforeach()

# Rotation: a portrait panel mounted as landscape and the other way round.
add_executable(rotation_check ${CMAKE_CURRENT_LIST_DIR}/rotation_check.c)
target_link_libraries(rotation_check PRIVATE PkgConfig::SDL2 PkgConfig::SDL2_IMAGE)
foreach(rot 90 180 270)
  if(rot EQUAL 180)
    set(phys 800x480)
  else()
    set(phys 480x800)
  endif()
  yk_ui_test(ui_rotation_${rot} rotation.txt --size ${phys} --rotation ${rot})
  add_test(NAME ui_rotation_${rot}_pixels
           COMMAND rotation_check ${CMAKE_BINARY_DIR}/shots/ui_rotation_0/home.png
                   ${CMAKE_BINARY_DIR}/shots/ui_rotation_${rot}/home.png ${rot})
  set_tests_properties(ui_rotation_${rot}_pixels PROPERTIES
                       DEPENDS "ui_rotation_0;ui_rotation_${rot}")
endforeach()
yk_ui_test(ui_rotation_0 rotation.txt --size 800x480)
# Touch calibration: a panel whose touch axes are swapped and mirrored still taps right.
yk_ui_test(ui_calibrated rotation.txt --size 800x480 --touch-calibration 0,-1,1,1,0,0)

# systemd notification: READY=1 and watchdog pings from the real loop.
add_executable(test_notify ${CMAKE_CURRENT_LIST_DIR}/test_notify.c)
target_include_directories(test_notify PRIVATE ${CMAKE_SOURCE_DIR}/tests)
add_test(NAME test_notify COMMAND test_notify $<TARGET_FILE:yikong-kiosk>)

# Night schedule: dim (default) and blank, from 21:58 Shanghai time.
foreach(size 800x480 1080x1920)
  add_test(NAME ui_night_${size}
           COMMAND ${YK_UI_RUN} $<TARGET_FILE:yikong-kiosk> ${YK_UI_SCRIPTS}/night.txt
                   ${CMAKE_BINARY_DIR}/shots/ui_night_${size} --now 2026-12-01T21:58:00+08:00
                   --size ${size})
endforeach()
add_test(NAME ui_night_blank
         COMMAND ${YK_UI_RUN} $<TARGET_FILE:yikong-kiosk> ${YK_UI_SCRIPTS}/night_blank.txt
                 ${CMAKE_BINARY_DIR}/shots/ui_night_blank --now 2026-12-01T21:58:00+08:00
                 --size 800x480 --night-mode blank)

# The kmsdrm idle path (poll on input devices), with FIFOs standing in for devices.
add_executable(test_evwait ${CMAKE_CURRENT_LIST_DIR}/test_evwait.c)
target_link_libraries(test_evwait PRIVATE yk_platform)
target_include_directories(test_evwait PRIVATE ${CMAKE_SOURCE_DIR}/tests)
add_test(NAME test_evwait COMMAND test_evwait)
# Its timings are figures, not assertions: bench_evwait (tests/bench/bench.sh prints them).
add_executable(bench_evwait ${CMAKE_CURRENT_LIST_DIR}/bench_evwait.c)
target_link_libraries(bench_evwait PRIVATE yk_platform)
target_include_directories(bench_evwait PRIVATE ${CMAKE_SOURCE_DIR}/tests)

# Walkthroughs: every step's choices whole in view (check-choices), at the 7" panel's two
# ways up, in both languages, elder mode and not. Screenshots: build/shots/walk_<...>/.
foreach(size 800x480 480x800)
  foreach(lang zh en)
    foreach(mode elder standard)
      add_test(NAME ui_walk_${size}_${lang}_${mode}
               COMMAND ${CMAKE_CURRENT_LIST_DIR}/walk.sh $<TARGET_FILE:yikong-kiosk>
                       ${CMAKE_BINARY_DIR}/shots/walk_${size}_${lang}_${mode} ${lang} ${mode}
                       ${YK_NOW} --size ${size})
      set_tests_properties(ui_walk_${size}_${lang}_${mode} PROPERTIES ENVIRONMENT "YK_LOG=quiet")
    endforeach()
  endforeach()
endforeach()
add_test(NAME ui_night_start
         COMMAND ${YK_UI_RUN} $<TARGET_FILE:yikong-kiosk> ${YK_UI_SCRIPTS}/night_start.txt
                 ${CMAKE_BINARY_DIR}/shots/ui_night_start --now 2026-12-01T23:00:00+08:00
                 --size 800x480)
# Tests written as shell scripts that run the kiosk themselves: NAME.sh KIOSK OUTDIR [options].
function(yk_ui_sh_test name sh)
  foreach(size 800x480 480x800 1920x1080 1080x1920)
    add_test(NAME ${name}_${size}
             COMMAND ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/${sh} $<TARGET_FILE:yikong-kiosk>
                     ${CMAKE_BINARY_DIR}/shots/${name}_${size} ${YK_NOW} --size ${size})
    set_tests_properties(${name}_${size} PROPERTIES ENVIRONMENT "YK_LOG=quiet")
  endforeach()
endfunction()
# The attract loop's QR code to the station's page (the hub's address; none without a hub),
# with the station's name, the clock and "touch to start".
yk_ui_sh_test(ui_attract attract.sh)
# The services list's rhythm: each line its own picture and its services named, projects by
# series, a shared summary said once.
yk_ui_sh_test(ui_services_rhythm services.sh)

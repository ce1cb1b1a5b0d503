# Events screens: the real app, headless, on the sample content plus generated test events
# (make_events), at every supported size. Screenshots land in build/shots/<test>/.
add_executable(make_events ${CMAKE_CURRENT_LIST_DIR}/make_events.c)
target_link_libraries(make_events PRIVATE yk_core)

set(YK_EVENTS_RUN ${CMAKE_CURRENT_LIST_DIR}/run.sh)
set(YK_EVENTS_SCRIPTS ${CMAKE_CURRENT_LIST_DIR}/scripts)
set(YK_EVENTS_SIZES 800x480 480x800 1024x600 720x1280 1920x1080 1080x1920)

# yk_events_test(NAME SCRIPT N_EVENTS FILTERS kiosk options...): FILTERS is "panel" where the
# screen puts its chips behind events.filter.toggle, "inline" where it shows them above.
function(yk_events_test name script n filters)
  add_test(NAME ${name}
           COMMAND ${YK_EVENTS_RUN} $<TARGET_FILE:make_events> ${n} ${filters}
                   $<TARGET_FILE:yikong-kiosk>
                   ${YK_EVENTS_SCRIPTS}/${script} ${CMAKE_BINARY_DIR}/shots/${name}
                   --now 2026-12-01T09:00:00+08:00 ${ARGN})
  set_tests_properties(${name} PROPERTIES ENVIRONMENT "YK_LOG=quiet")
endfunction()

foreach(size ${YK_EVENTS_SIZES})
  # The chips are behind a toggle where they would take too much of the list's height;
  # on 1080p panels they fit above it (and may still fold away in elder mode).
  if(size STREQUAL 1920x1080 OR size STREQUAL 1080x1920)
    set(f inline)
  else()
    set(f panel)
  endif()
  yk_events_test(events_sample_${size} sample.txt 0 ${f} --size ${size})
  yk_events_test(events_list_${size} list.txt 30 ${f} --size ${size})
  yk_events_test(events_detail_${size} detail.txt 30 ${f} --size ${size})
  yk_events_test(events_filter_${size} filter.txt 30 ${f} --size ${size})
  yk_events_test(events_many_${size} many.txt 500 ${f} --size ${size})
endforeach()
# The clock: events leave the list as they end while it is shown (idle reset held off).
yk_events_test(events_clock clock.txt 30 panel --size 800x480 --idle-timeout 3600
               --attract-after 3600)

# The QR code on an event page decodes (zbarimg) to the event's link and is >= 25 mm wide.
foreach(size ${YK_EVENTS_SIZES})
  add_test(NAME events_qr_${size}
           COMMAND ${CMAKE_CURRENT_LIST_DIR}/qr.sh $<TARGET_FILE:yikong-kiosk>
                   $<TARGET_FILE:make_events> ${CMAKE_BINARY_DIR}/shots/events_qr_${size}
                   --now 2026-12-01T09:00:00+08:00 --size ${size})
  set_tests_properties(events_qr_${size} PROPERTIES ENVIRONMENT "YK_LOG=quiet")
endforeach()

# A cancelled event: marked, and no sign-up button.
add_test(NAME events_cancelled
         COMMAND ${CMAKE_CURRENT_LIST_DIR}/cancelled.sh $<TARGET_FILE:make_events>
                 $<TARGET_FILE:yikong-kiosk> ${CMAKE_BINARY_DIR}/shots/events_cancelled
                 --now 2026-12-01T09:00:00+08:00 --size 800x480)
set_tests_properties(events_cancelled PROPERTIES ENVIRONMENT "YK_LOG=quiet")

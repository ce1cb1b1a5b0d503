# The teaching-site screens: list, riverside map, site pages, with 0, 6 (sample and
# generated), 12 and 200 sites at every supported size, in Chinese, English and elder mode.
# make_sites writes the generated content (clearly test data) into a fresh data directory.
add_executable(make_sites ${CMAKE_CURRENT_LIST_DIR}/make_sites.c)
target_link_libraries(make_sites PRIVATE yk_core PkgConfig::SDL2 PkgConfig::SDL2_IMAGE)

set(YK_SITES_SIZES 800x480 480x800 1024x600 720x1280 1920x1080 1080x1920)
set(YK_SITES_DIR ${CMAKE_CURRENT_LIST_DIR})

# yk_sites_test(NAME N STATION_POS SCRIPT kiosk-options...): N "sample" = the sample content.
function(yk_sites_test name n station script)
  add_test(NAME ${name}
           COMMAND ${YK_SITES_DIR}/run.sh $<TARGET_FILE:yikong-kiosk> $<TARGET_FILE:make_sites>
                   ${n} ${station} ${YK_SITES_DIR}/scripts/${script}
                   ${CMAKE_BINARY_DIR}/shots/${name} --now 2026-12-01T09:00:00+08:00 ${ARGN})
  set_tests_properties(${name} PROPERTIES ENVIRONMENT "YK_LOG=quiet")
endfunction()

foreach(size ${YK_SITES_SIZES})
  yk_sites_test(sites_sample_${size} sample none sample.txt --size ${size})
  yk_sites_test(sites_empty_${size} 0 1200 empty.txt --size ${size})
  yk_sites_test(sites_six_${size} 6 1200 six.txt --size ${size})
  yk_sites_test(sites_twelve_${size} 12 1200 twelve.txt --size ${size})
  yk_sites_test(sites_many_${size} 200 1200 many.txt --size ${size})
  add_test(NAME sites_qr_${size}
           COMMAND ${YK_SITES_DIR}/qr.sh $<TARGET_FILE:yikong-kiosk> $<TARGET_FILE:make_sites>
                   ${CMAKE_BINARY_DIR}/shots/sites_qr_${size} --now 2026-12-01T09:00:00+08:00
                   --size ${size})
  set_tests_properties(sites_qr_${size} PROPERTIES ENVIRONMENT "YK_LOG=quiet")
endforeach()
# The station's own position unknown: no "you are here", no distances.
yk_sites_test(sites_nostation_800x480 12 none nostation.txt --size 800x480)
# Elder mode on the 7" panel, either way up: the map whole and tappable, the list under it.
foreach(size 800x480 480x800)
  yk_sites_test(sites_elder_${size} 6 1200 elder.txt --size ${size})
endforeach()
# Photos (drawn stand-ins on the sample's sites): home's photo of the day on large screens
# only; the README's large-screen shots come from here.
foreach(size 1920x1080 1080x1920)
  yk_sites_test(sites_photos_${size} pictures none photos.txt --size ${size})
endforeach()
foreach(size 800x480 480x800)
  yk_sites_test(sites_photos_${size} pictures none photos-small.txt --size ${size})
endforeach()
# A landscape event page without a photo: the day as a calendar leaf in the aside.
foreach(size 1920x1080 1280x720)
  yk_sites_test(sites_leaf_${size} pictures none leaf.txt --size ${size})
endforeach()

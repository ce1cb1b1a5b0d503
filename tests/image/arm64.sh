#!/usr/bin/env bash
# The arm64 packages' own binaries pass the unit tests and some headless UI tests, run
# under qemu-aarch64 on this (x86_64) machine:
#   bash tests/image/arm64.sh
# builds build-debs/yikong-*_arm64.deb with kiosk-image/build-debs.sh (the binaries and
# the tests in build-deb-arm64/, cross-compiled), makes sure binfmt runs arm64 programs,
# then runs the tests named below with ctest, the sysroot as qemu's loader prefix.
# Left out: tests that measure time (test_signup_crash kills a writer at random and
# expects >= 100 rounds in 45 s; the benchmarks), the 34 s Argon2id PIN test, and the
# other screen sizes (the layout code is the same C on both architectures).
set -euo pipefail
cd "$(dirname "$0")/../.."
tests='^(test_config|test_textlayout|test_shtime|test_gesture|test_ui|test_i18n|test_db_open|test_db_ids|test_db_store|test_schema_pair|test_json|test_raster|test_qr|test_ticket|test_signup|test_scanner|test_checkin|test_walkin_duty|test_evwait|test_hub_http|sync_unit|fuzz_[a-z_]*_replay|ui_home_800x480|ui_services_800x480|events_detail_800x480|signup_800x480)$'
bash kiosk-image/binfmt.sh
bash kiosk-image/build-debs.sh --arch arm64
QEMU_LD_PREFIX=$(bash kiosk-image/sysroot.sh arm64)
export QEMU_LD_PREFIX
# The packaged binary looks for fonts.list in /usr/share/yikong/fonts; here it is fonts/.
export YK_FONTS_DIR=$PWD/fonts
ctest --test-dir build-deb-arm64 -j "$(nproc)" --output-on-failure --timeout 600 -R "$tests"

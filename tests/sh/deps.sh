# Sourced by the top-level scripts: installs the Debian packages a build needs, only those
# missing, with sudo when not root. Usage: yk_deps build|test
yk_deps() {
    local pkgs="cmake ninja-build gcc pkg-config libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev
                libsqlite3-dev libqrencode-dev libsodium-dev libunibreak-dev fonts-noto-cjk
                libmicrohttpd-dev libcurl4-openssl-dev libjansson-dev"
    if [ "$1" = test ]; then
        # xvfb: a real X11 window for idle-CPU figures; zbar-tools: reads QR codes back from
        # screenshots; clang + libclang-rt-14-dev: libFuzzer; clang-format: format_check;
        # sqlite3: integrity checks; chromium + chromium-driver + python3-selenium: the
        # admin's browser test.
        pkgs="$pkgs xvfb xauth zbar-tools clang clang-format libclang-rt-14-dev sqlite3 procps
              chromium chromium-driver python3-selenium"
        # The terminal (kiosk-image/, tests/image/): arm64 packages cross-built against an
        # mmdebstrap sysroot and tested under qemu-user; the image; its boot in qemu-system.
        pkgs="$pkgs crossbuild-essential-arm64 qemu-user-static arch-test mmdebstrap dpkg-dev
              lintian qemu-system-arm dosfstools mtools fdisk e2fsprogs xz-utils imagemagick"
    fi
    local missing=""
    for p in $pkgs; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
            missing="$missing $p"
    done
    [ -z "$missing" ] && return 0
    echo "Installing:$missing"
    local sudo=""
    [ "$(id -u)" = 0 ] || sudo=sudo
    $sudo apt-get update -qq || return 1
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
}

# Cross-compiling for arm64 (Raspberry Pi 4/5, Debian 12) on an x86_64 Debian 12 machine:
#   cmake -B build-arm64 -G Ninja \
#         -DCMAKE_TOOLCHAIN_FILE=kiosk-image/cmake/aarch64-linux-gnu.cmake \
#         -DYK_SYSROOT=$(bash kiosk-image/sysroot.sh arm64)
# The compiler is Debian's crossbuild-essential-arm64 (aarch64-linux-gnu-gcc); headers and
# libraries come from YK_SYSROOT, a folder of arm64 bookworm -dev packages made by
# kiosk-image/sysroot.sh. A sysroot rather than multiarch because some -dev packages
# (bookworm's libunibreak-dev) are not Multi-Arch: installing their :arm64 side would remove
# the amd64 one the native build needs.
# Tests run through qemu-aarch64 (CMAKE_CROSSCOMPILING_EMULATOR) with the sysroot as the
# loader prefix, so ctest runs the very binaries that go into the package.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(YK_SYSROOT "$ENV{YK_SYSROOT}" CACHE PATH "arm64 sysroot (kiosk-image/sysroot.sh)")
if(NOT YK_SYSROOT OR NOT EXISTS "${YK_SYSROOT}/usr/include/aarch64-linux-gnu")
  message(FATAL_ERROR "YK_SYSROOT='${YK_SYSROOT}' is not an arm64 sysroot: "
                      "pass -DYK_SYSROOT=$(bash kiosk-image/sysroot.sh arm64)")
endif()
# try_compile projects re-read this file: hand them the sysroot through the environment.
set(ENV{YK_SYSROOT} "${YK_SYSROOT}")
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES YK_SYSROOT)

set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_SYSROOT "${YK_SYSROOT}")
set(CMAKE_FIND_ROOT_PATH "${YK_SYSROOT}")
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# pkg-config answers from the sysroot's .pc files, with the sysroot prefixed to -I/-L
# (libunibreak's .pc is in /usr/lib/pkgconfig: bookworm's package is not multiarch).
set(ENV{PKG_CONFIG_DIR} "")
set(ENV{PKG_CONFIG_LIBDIR}
    "${YK_SYSROOT}/usr/lib/aarch64-linux-gnu/pkgconfig:${YK_SYSROOT}/usr/lib/pkgconfig:${YK_SYSROOT}/usr/share/pkgconfig")
set(ENV{PKG_CONFIG_SYSROOT_DIR} "${YK_SYSROOT}")

find_program(YK_QEMU_AARCH64 NAMES qemu-aarch64-static qemu-aarch64)
if(YK_QEMU_AARCH64)
  set(CMAKE_CROSSCOMPILING_EMULATOR "${YK_QEMU_AARCH64};-L;${YK_SYSROOT}")
endif()

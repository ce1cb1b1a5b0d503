#!/usr/bin/env bash
# Boots the terminal image in QEMU (TCG: -M virt -cpu cortex-a72 -smp 2, virtio-gpu as the
# display, virtio-tablet as the touch) and drives the kiosk from outside through QMP:
#   bash tests/image/boot.sh [--full] [IMAGE]
# IMAGE defaults to build-image/yikong-<version>-arm64.img (kiosk-image/build-image.sh).
# Short (tests/all.sh): the kiosk reaches READY under systemd (no unit failed, the kiosk
# logged no warning); the screen shows the home
# screen (compared with the headless driver's drawing at the same size and time); a tablet
# click on 活动报名 opens the events screen; yikong.conf on the boot partition named the
# station; the data partition grew to the disk.
# --full adds: SIGKILL'd kiosk back on screen; a hard stop (QMP quit) right after a
# sign-up's ticket shows, then the sign-up is in the database after the next boot, the
# root partition unchanged and the file systems clean.
# The kernel and initrd are taken from the image's boot partition; the VM runs on a copy.
# Prints one "ok:"/"FAIL:" line per check and "N passed, N failed"; exits non-zero on any
# failure. Needs: qemu-system-arm, mtools, e2fsprogs, imagemagick (compare), python3.
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 1
root=$PWD
full=0
[ "${1:-}" = --full ] && { full=1; shift; }
version=$(sed -n 's/^project(yikong VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)
img=${1:-build-image/yikong-$version-arm64.img}
kiosk=${YK_KIOSK:-build/src/app/yikong-kiosk} # the headless driver, for reference drawings
work=$root/build-image/boot-test
passes=0 failures=0
ok() { passes=$((passes + 1)); echo "ok: $*"; }
bad() { failures=$((failures + 1)); echo "FAIL: $*"; }
finish() {
    stop_vm
    echo "$passes passed, $failures failed"
    [ "$failures" = 0 ]
    exit
}
[ -f "$img" ] || { bad "no image $img (sudo bash kiosk-image/build-image.sh)"; finish; }
[ -x "$kiosk" ] || { bad "no headless kiosk $kiosk for the reference drawings"; finish; }
rm -rf "$work"
mkdir -p "$work"
W=800 H=480
# Shanghai time for the reference drawings: the VM's clock is this machine's.
now() { TZ=Asia/Shanghai date +%Y-%m-%dT%H:%M:%S+08:00; }

# Partition offsets (MiB) from the image's table: boot, root, data.
part_start() { sfdisk -J "$1" | python3 -c "import json,sys; p=json.load(sys.stdin)['partitiontable']['partitions'][$2]; print(p['start'] * 512)"; }
part_size() { sfdisk -J "$1" | python3 -c "import json,sys; p=json.load(sys.stdin)['partitiontable']['partitions'][$2]; print(p['size'] * 512)"; }

disk=$work/disk.img
cp --sparse=always "$img" "$disk"
boot_off=$(part_start "$disk" 0)
mcopy -i "$disk@@$boot_off" ::vmlinuz ::initrd.img "$work/" || { bad "no kernel/initrd on the boot partition"; finish; }
# The technician's settings on the boot partition: a station name to find on screen, and no
# night dimming whatever the hour of the test.
cat >"$work/yikong.conf" <<'EOF'
station_name = "引导测试站"
station_name_en = "Boot Test Station"
night_mode = off
EOF
mcopy -o -i "$disk@@$boot_off" "$work/yikong.conf" ::yikong.conf
# A bigger "card" than the image: the data partition must grow to it on the first boot.
truncate -s 2G "$disk"
root_off=$(part_start "$disk" 1)
root_size=$(part_size "$disk" 1)
{
    # The test's way in: a root shell on a virtio console, added to this copy's root (never
    # to a shipped image) with debugfs, so the root is still never mounted here.
    dd if="$disk" of="$work/root.ext4" bs=1M iflag=skip_bytes,count_bytes skip="$root_off" count="$root_size" status=none
    cat >"$work/yk-test-shell.service" <<'EOF'
[Unit]
Description=Boot test only: a root shell on /dev/hvc0 (not in a shipped image)
[Service]
ExecStart=/bin/sh -c 'stty -F /dev/hvc0 raw -echo && exec /bin/sh </dev/hvc0 >/dev/hvc0 2>&1'
Restart=always
RestartSec=1
[Install]
WantedBy=multi-user.target
EOF
    printf '%s\n' "write $work/yk-test-shell.service /etc/systemd/system/yk-test-shell.service" \
        "symlink /etc/systemd/system/multi-user.target.wants/yk-test-shell.service /etc/systemd/system/yk-test-shell.service" |
        debugfs -w -f - "$work/root.ext4" >/dev/null 2>&1
    dd if="$work/root.ext4" of="$disk" bs=1M oflag=seek_bytes seek="$root_off" conv=notrunc status=none
    rm -f "$work/root.ext4"
}
root_sum() { dd if="$disk" bs=1M iflag=skip_bytes,count_bytes skip="$root_off" count="$root_size" status=none | sha256sum | cut -c1-16; }
root_before=$(root_sum)

vm_pid=
start_vm() {
    : >"$work/serial.log"
    rm -f "$work/qmp.sock"
    t_start=$(date +%s.%N)
    qemu-system-aarch64 -M virt -cpu cortex-a72 -smp 2 -m 1024 \
        -kernel "$work/vmlinuz" -initrd "$work/initrd.img" \
        -append "root=LABEL=yk-root ro rootwait console=ttyAMA0 consoleblank=0 systemd.show_status=1 net.ifnames=0" \
        -drive "file=$disk,if=none,id=d0,format=raw" -device virtio-blk-pci,drive=d0 \
        -device virtio-gpu-pci,xres=$W,yres=$H -device virtio-tablet-pci -device virtio-keyboard-pci \
        -device virtio-serial-pci -chardev "socket,id=sh0,path=$work/shell.sock,server=on,wait=off" \
        -device virtconsole,chardev=sh0 \
        -display none -nic none -serial "file:$work/serial.log" \
        -qmp "unix:$work/qmp.sock,server=on,wait=off" &
    vm_pid=$!
}
stop_vm() {
    [ -n "$vm_pid" ] || return 0
    kill "$vm_pid" 2>/dev/null
    wait "$vm_pid" 2>/dev/null
    vm_pid=
}
qmp() { python3 tests/image/qmp.py "$work/qmp.sock" "$@"; }
guest() { python3 tests/image/qmp.py "$work/shell.sock" sh "$1"; }
# wait_ready OLDPID SECONDS: the kiosk is active (after READY=1) with a main PID not OLDPID.
wait_ready() {
    local i pid st
    for ((i = 0; i < $2 * 2; i++)); do
        pid=$(guest "systemctl show -p MainPID --value yikong-kiosk" 2>/dev/null | tr -d '\n')
        st=$(guest "systemctl is-active yikong-kiosk" 2>/dev/null | tr -d '\n')
        [ "$st" = active ] && [ -n "$pid" ] && [ "$pid" != 0 ] && [ "$pid" != "$1" ] && return 0
        sleep 0.5
    done
    return 1
}
# mirror FILE: the script's taps, done on the VM with the tablet at the widgets' places on
# the headless driver's screen after the same steps.
mirror() {
    local line id done_lines=() x y w h
    while IFS= read -r line; do
        if [[ $line == "tap "* ]]; then
            id=${line#tap }
            h=
            read -r x y w h < <(printf '%s\n' "${done_lines[@]}" "tree -" |
                YK_LOG=quiet "$kiosk" --headless --size ${W}x$H --config "$work/yikong.conf" \
                    --data-dir "$work/ref-data-m$RANDOM" --now "$(now)" --script - 2>/dev/null |
                python3 -c 'import json,sys
for l in sys.stdin:
    w = json.loads(l)
    if w["id"] == sys.argv[1]: print(w["x"], w["y"], w["w"], w["h"])' "$id")
            [ -n "$h" ] || { echo "  mirror: no $id on the headless screen"; return 1; }
            qmp click $((x + w / 2)) $((y + h / 2)) $W $H
            sleep 1.5
        fi
        [[ $line == "#"* ]] || done_lines+=("$line")
    done <"$1"
}
# wait_serial REGEX SECONDS: true once the serial console shows REGEX.
wait_serial() {
    local i
    for ((i = 0; i < $2 * 2; i++)); do
        grep -qaE "$1" "$work/serial.log" && return 0
        kill -0 "$vm_pid" 2>/dev/null || return 1
        sleep 0.5
    done
    return 1
}
# shot NAME: the VM's screen as NAME.png.
shot() { qmp screendump "$work/$1.ppm" && convert "$work/$1.ppm" "$work/$1.png"; }
# same A B: fewer than 3 % of the pixels differ by more than 20 % (GLES on llvmpipe in the
# VM against the software renderer; the clock may have moved by a minute).
same() { # A B [PIXELS]: PIXELS defaults to the whole screen
    local n all=${3:-$((W * H))}
    n=$(compare -metric AE -fuzz 20% "$1" "$2" null: 2>&1 | cut -d' ' -f1)
    echo "  $(basename "$1") vs $(basename "$2"): $n of $all pixels differ"
    [ -n "$n" ] && [ "${n%.*}" -lt $((all * 3 / 100)) ]
}
# widget ID [CONFIG]: "x y w h" of a widget on the headless home screen.
widget() {
    echo 'tree -' | YK_LOG=quiet "$kiosk" --headless --size ${W}x$H --config "${2:-$work/yikong.conf}" \
        --data-dir "$work/ref-data-tree-$1" --now "$(now)" --script - 2>/dev/null |
        python3 -c 'import json,sys
for l in sys.stdin:
    w = json.loads(l)
    if w["id"] == sys.argv[1]: print(w["x"], w["y"], w["w"], w["h"])' "$1"
}
crop() { # IN OUT x y w h
    convert "$1" -crop "${5}x${6}+${3}+${4}" +repage "$2"
}
# reference NAME SCRIPT-LINES: the headless driver's drawing (same size, time and config).
reference() {
    local name=$1
    shift
    printf '%s\n' "$@" "shot $work/$name.png" |
        YK_LOG=quiet "$kiosk" --headless --size ${W}x$H --config "$work/yikong.conf" \
            --data-dir "$work/ref-data-$name" --now "$(now)" --script - >/dev/null 2>&1
}

# ready_figure: when the kiosk became active (READY=1), in seconds since the kernel started.
ready_figure() {
    guest "systemctl show -p ActiveEnterTimestampMonotonic --value yikong-kiosk" |
        awk '{ printf "%.1f", $1 / 1e6 }'
}
# ---- 1. boot to READY (systemd starts the unit only on READY=1 from the app: Type=notify)
start_vm
if wait_serial 'login:' 300 && wait_ready 0 120; then
    ok "kiosk READY under systemd $(ready_figure) s after the kernel started, $(awk -v a="$t_start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s after QEMU started (TCG)"
else
    bad "the kiosk did not reach READY in 420 s (serial: $work/serial.log)"
    tail -15 "$work/serial.log"
    # What systemd says, if the guest's shell answers.
    timeout 60 python3 tests/image/qmp.py "$work/shell.sock" sh \
        "systemctl --failed --no-pager; systemctl status yikong-kiosk --no-pager | head -12" 2>&1
    finish
fi
failed=$(guest "systemctl --failed --plain --no-legend | cut -d' ' -f1" | tr '\n' ' ')
if [ -z "${failed// /}" ]; then ok "no failed units"; else bad "failed units: $failed"; fi
warns=$(guest "journalctl -b -u yikong-kiosk -o cat | grep -c ' warn \| error '")
if [ "${warns:-1}" = 0 ]; then ok "the kiosk logged no warning or error"; else
    bad "the kiosk logged $warns warnings/errors: $(guest "journalctl -b -u yikong-kiosk -o cat | grep -m3 ' warn \| error '")"
fi
echo "  renderer: $(guest 'journalctl -b -u yikong-kiosk -o cat | grep -m1 "driver,"')"
sleep 2
shot home
reference ref-home "expect-id screen.home"
if same "$work/home.png" "$work/ref-home.png"; then ok "home screen as the headless driver draws it"; else bad "home screen differs ($work/home.png)"; fi

# ---- 2. the station's name comes from yikong.conf on the boot partition: the title's area
# matches the drawing with that config and not the one without it.
read -r tx ty tw th < <(widget header.title)
printf '' >"$work/empty.conf"
printf '%s\n' "shot $work/ref-default.png" | YK_LOG=quiet "$kiosk" --headless --size ${W}x$H \
    --config "$work/empty.conf" --data-dir "$work/ref-data-default" --now "$(now)" --script - >/dev/null 2>&1
crop "$work/home.png" "$work/title.png" "$tx" "$ty" "$tw" "$th"
crop "$work/ref-home.png" "$work/ref-title.png" "$tx" "$ty" "$tw" "$th"
crop "$work/ref-default.png" "$work/ref-title-default.png" "$tx" "$ty" "$tw" "$th"
if same "$work/title.png" "$work/ref-title.png" $((tw * th)) &&
    ! same "$work/title.png" "$work/ref-title-default.png" $((tw * th)); then
    ok "the title shows station_name from the boot partition's yikong.conf"
else
    bad "the title does not show yikong.conf's station_name ($work/title.png)"
fi

# ---- 3. a touch on 活动报名
read -r ex ey ew eh < <(widget home.events)
geom="$((ex + ew / 2)) $((ey + eh / 2))"
qmp click $geom $W $H
sleep 3
shot events
reference ref-events "tap home.events" "wait 1000"
if same "$work/events.png" "$work/ref-events.png"; then ok "tablet click on 活动报名 at $geom opened the events screen"; else bad "events screen differs after the click ($work/events.png)"; fi

# Figures for kiosk-image/README.md (kmsdrm on Mesa's software rasteriser llvmpipe, in TCG).
echo "  kiosk in the VM: $(guest 'grep -E "^(VmHWM|VmRSS)" /proc/$(systemctl show -p MainPID --value yikong-kiosk)/status' | tr -s ' \t\n' ' ')"

# ---- 4. the data partition grew on the first boot
if grep -qaE 'yikong-grow-data|Grow the Yikong data' "$work/serial.log"; then ok "first boot ran yikong-grow-data"; else bad "yikong-grow-data did not run"; fi

if [ "$full" = 1 ]; then
    # ---- 5. SIGKILL: systemd brings the kiosk back
    pid=$(guest "systemctl show -p MainPID --value yikong-kiosk" | tr -d '\n')
    t0=$(date +%s.%N)
    guest "kill -9 $pid" >/dev/null
    if wait_ready "$pid" 60; then
        ok "after SIGKILL the kiosk was READY again $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s later (RestartSec=2, TCG)"
    else
        bad "the kiosk did not come back within 60 s of SIGKILL"
    fi
    sleep 2
    shot after-kill
    if same "$work/after-kill.png" "$work/ref-home.png"; then ok "home screen back after SIGKILL"; else bad "screen after SIGKILL ($work/after-kill.png)"; fi

    # ---- 6. a sign-up, and the power cut right after its ticket shows
    # The ticket is signed, stored and drawn after the last tap: under TCG on a busy machine
    # that can take several seconds, so look again for up to 30 s before calling it missing.
    mirror tests/image/signup.txt
    code=
    for ((i = 0; i < 15; i++)); do
        shot ticket
        code=$(zbarimg --raw -q "$work/ticket.png" 2>/dev/null | head -1)
        [ -n "$code" ] && break
        sleep 2
    done
    qmp quit
    wait "$vm_pid" 2>/dev/null
    vm_pid=
    if [ -n "$code" ]; then ok "the VM's screen showed a ticket QR (${#code} characters) before the power cut"; else bad "no ticket QR on the VM's screen ($work/ticket.png)"; fi

    # ---- 7. the next boot: the sign-up is there
    start_vm
    if wait_serial 'login:' 300 && wait_ready 0 120; then ok "booted again after the power cut: READY $(ready_figure) s after the kernel started"; else bad "no second boot"; fi
    n=$(guest "sqlite3 /var/lib/yikong/kiosk.db 'select count(*) from signups'" | tr -d '\n')
    if [ "${n:-0}" -ge 1 ] 2>/dev/null; then ok "the sign-up survived the power cut ($n in the database)"; else bad "no sign-up in the database after the power cut ('$n')"; fi
    if guest "findmnt -no OPTIONS / | grep -q '^ro'"; then ok "root mounted read-only"; else bad "root is not read-only"; fi
fi

# ---- clean shutdown; then the root partition is unchanged and the file systems clean
qmp powerdown
for ((i = 0; i < 360; i++)); do kill -0 "$vm_pid" 2>/dev/null || break; sleep 0.5; done # TCG: up to 3 min
stop_vm
[ "$(root_sum)" = "$root_before" ] && ok "root partition unchanged (read-only)" || bad "root partition was written"
data_off=$(part_start "$disk" 2)
data_size=$(part_size "$disk" 2)
# Grown: it ends within 4 MiB of the (2 GB) disk's end.
disk_size=$(stat -c %s "$disk")
if [ $((data_off + data_size + 4 * 1024 * 1024)) -ge "$disk_size" ]; then ok "data partition grew to the end of the disk ($((data_size >> 20)) MiB)"; else bad "data partition is $((data_size >> 20)) MiB, ending $(((disk_size - data_off - data_size) >> 20)) MiB before the disk's end"; fi
dd if="$disk" of="$work/data.ext4" bs=1M iflag=skip_bytes,count_bytes skip="$data_off" count="$data_size" status=none
if e2fsck -fn "$work/data.ext4" >"$work/fsck.log" 2>&1; then ok "data file system clean"; else bad "data file system: $(tail -3 "$work/fsck.log")"; fi
fs_blocks=$(dumpe2fs -h "$work/data.ext4" 2>/dev/null | awk -F: '/^Block count/ { print $2 }')
fs_bsize=$(dumpe2fs -h "$work/data.ext4" 2>/dev/null | awk -F: '/^Block size/ { print $2 }')
if [ $((fs_blocks * fs_bsize + 8 * 1024 * 1024)) -ge "$data_size" ]; then ok "data ext4 grown ($((fs_blocks * fs_bsize >> 20)) MiB)"; else bad "data ext4 not grown ($((fs_blocks * fs_bsize >> 20)) MiB)"; fi
if debugfs -R "stat /yikong/kiosk.db" "$work/data.ext4" 2>/dev/null | grep -q 'Size:'; then ok "the kiosk's database is on the data partition"; else bad "no /yikong/kiosk.db on the data partition"; fi
finish

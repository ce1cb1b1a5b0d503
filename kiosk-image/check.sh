#!/bin/bash
# Validates kiosk-image/: shell syntax of every script, the systemd units, and the example
# config through the real config parser.
#
#   bash kiosk-image/check.sh BINARY
#
# BINARY understands `--config FILE --check-config` (exit 0 and "config ok", or exit 2 on a
# bad file): yikong-kiosk itself, or build/tests/config/yk_config_tool (what ctest uses).
# Optional tools are used when present: systemd-analyze, shellcheck.
set -u

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bin="${1:-}"
failures=0
passes=0
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

ok() { passes=$((passes + 1)); echo "ok: $*"; }
bad() { failures=$((failures + 1)); echo "FAIL: $*"; }

# 1. Shell syntax (and shellcheck when installed) of every script here.
while IFS= read -r -d '' script; do
	if bash -n "$script" 2>"$tmp/err"; then ok "bash -n ${script#"$here"/}"; else bad "bash -n $script: $(cat "$tmp/err")"; fi
done < <(find "$here" -type f \( -name '*.sh' -o -path '*/debian/*.post*' -o -path '*/debian/*.pre*' -o -path '*/sbin/*' \) -print0)
if command -v shellcheck >/dev/null; then
	if find "$here" -type f -name '*.sh' -print0 | xargs -0 shellcheck -S warning -s bash >"$tmp/sc" 2>&1; then
		ok "shellcheck"
	else
		bad "shellcheck:"; cat "$tmp/sc"
	fi
else
	echo "skip: shellcheck not installed"
fi

# 2. The scripts are run by path: a lost +x breaks the build or a terminal's first boot.
for f in build-debs.sh build-image.sh sysroot.sh binfmt.sh rootfs/hooks/setup.sh rootfs/hooks/essential.sh \
	rootfs/hooks/customize.sh rootfs/overlay/usr/local/sbin/yikong-grow-data; do
	if [ -x "$here/$f" ]; then ok "$f is executable"; else bad "$f is not executable (chmod +x; git update-index --chmod=+x)"; fi
done

# 3. The unit. systemd-analyze verify wants the ExecStart binary to exist: check a copy
# that runs /bin/true instead. Unknown keys and bad values are only warnings there (exit
# 0), so any message about the unit counts as a failure.
unit="$here/systemd/yikong-kiosk.service"
for want in 'ExecStart=/usr/bin/yikong-kiosk' 'Restart=always' 'RestartSec=2' 'Type=notify' \
	'WatchdogSec=' 'MemoryMax=' 'StateDirectory=yikong' 'User=yikong' 'TTYPath=/dev/tty1' \
	'Conflicts=getty@tty1.service' 'SupplementaryGroups=video input render' \
	'Environment=SDL_VIDEODRIVER=kmsdrm' 'Environment=SDL_RENDER_DRIVER=opengles2' \
	'Environment=SDL_VIDEO_DOUBLE_BUFFER=1'; do
	if grep -q "^${want}" "$unit"; then ok "unit has $want"; else bad "unit lacks $want"; fi
done
if command -v systemd-analyze >/dev/null; then
	for u in yikong-kiosk.service yikong-hub.service; do
		sed 's|^ExecStart=.*|ExecStart=/bin/true|' "$here/systemd/$u" >"$tmp/$u"
		if systemd-analyze verify "$tmp/$u" >"$tmp/verify" 2>&1 && ! grep -q "$u" "$tmp/verify"; then
			ok "systemd-analyze verify $u"
		else
			bad "systemd-analyze verify $u:"; cat "$tmp/verify"
		fi
	done
else
	echo "skip: systemd-analyze not installed"
fi

# 4. The example config through the real parser. First make sure the binary really
# checks: one that accepts a broken file would make the next line meaningless.
if [ -z "$bin" ] || [ ! -x "$bin" ]; then
	bad "no binary to check the config with (usage: check.sh BINARY)"
else
	printf 'rotaton = 90\n' >"$tmp/broken.conf"
	"$bin" --config "$tmp/broken.conf" --check-config >"$tmp/out" 2>&1
	rc=$?
	if [ "$rc" -eq 2 ] && grep -q "unknown key 'rotaton'" "$tmp/out"; then
		ok "$bin rejects a broken config (exit 2)"
	else
		bad "$bin accepted a broken config (exit $rc): its --check-config does not work"; cat "$tmp/out"
	fi
	# Every key uncommented, with its documented default: the docs must parse too.
	sed -n 's/^# \([a-z_]* = .*\)$/\1/p' "$here/yikong.conf.example" >"$tmp/uncommented.conf"
	for conf in "$here/yikong.conf.example" "$tmp/uncommented.conf"; do
		if "$bin" --config "$conf" --check-config >"$tmp/out" 2>&1 && grep -qx 'config ok' "$tmp/out"; then
			ok "config ok: ${conf##*/}"
		else
			bad "${conf}:"; cat "$tmp/out"
		fi
	done
	n=$(grep -c . "$tmp/uncommented.conf")
	if [ "$n" -ge 17 ]; then ok "example lists $n keys"; else bad "example lists only $n keys"; fi
fi

echo "$passes passed, $failures failed"
[ "$failures" -eq 0 ]

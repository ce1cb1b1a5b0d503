#!/usr/bin/env bash
# The whole loop on one machine: a hub with the sample content and a first admin account, and
# a kiosk in a window that enrols with it and syncs every 10 s. Publish something in the
# admin (http://127.0.0.1:PORT/admin/) and watch the kiosk show it.
#   bash tests/hub-and-kiosk.sh [--dir DIR] [--port N] [kiosk options, e.g. --window 1920x1080]
# DIR (default ./try) keeps the hub's and the kiosk's databases between runs: run it again
# to go on where you were; delete DIR to start over. Stop with Ctrl-C (or close the kiosk).
set -euo pipefail
cd "$(dirname "$0")/.."
dir=try port=8080
while [ $# -gt 0 ]; do
    case $1 in
    --dir) dir=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    *) break ;;
    esac
done
. tests/sh/deps.sh
yk_deps build
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build --target yikong-kiosk yikong-hub
hub=./build/src/hub/yikong-hub kiosk=./build/src/app/yikong-kiosk
mkdir -p "$dir/kiosk"
dir=$(cd "$dir" && pwd)
station=binjiang

if [ ! -f "$dir/hub.db" ]; then
    echo "== a new hub in $dir/hub.db with the sample content"
    "$hub" --db "$dir/hub.db" load-sample
    read -r -p "The first admin account's name (e.g. admin): " name
    [ -n "$name" ] || name=admin
    echo "Its password (at least 10 characters), typed twice:"
    "$hub" --db "$dir/hub.db" user-add "$name" --role admin
fi
if [ ! -f "$dir/kiosk.conf" ]; then
    code=$("$hub" --db "$dir/hub.db" kiosk-add "$station" 2>/dev/null | tail -1)
    [ -n "$code" ] || { echo "hub-and-kiosk.sh: kiosk-add printed no setup code" >&2; exit 1; }
    cat >"$dir/kiosk.conf" <<EOF
# Written by tests/hub-and-kiosk.sh: a kiosk of station $station on the hub on this machine.
station_id = $station
hub_url = http://127.0.0.1:$port
setup_code = $code
sync_interval = 10
EOF
fi

rm -f "$dir/hub.port"
"$hub" --db "$dir/hub.db" serve --port "$port" --port-file "$dir/hub.port" >"$dir/hub.log" 2>&1 &
hub_pid=$!
trap 'kill "$hub_pid" 2>/dev/null; wait "$hub_pid" 2>/dev/null' EXIT
until [ -s "$dir/hub.port" ]; do
    kill -0 "$hub_pid" 2>/dev/null || { echo "hub-and-kiosk.sh: the hub did not start:" >&2; tail -5 "$dir/hub.log" >&2; exit 1; }
    sleep 0.2
done
cat <<EOF
== the hub: http://127.0.0.1:$port/ (public page), http://127.0.0.1:$port/admin/ (sign in)
   its log: $dir/hub.log
== the kiosk: station $station, syncing every 10 s ($dir/kiosk.conf, data in $dir/kiosk)
   In the admin: 活动 Events -> 新建 New, fill it in with a photo, save; within a few seconds
   the kiosk's 活动报名 shows it (photos show on screens at least 15 cm tall: run this with
   --window 1920x1080 to see them). Sign up on the kiosk: it appears under the event's sign-ups.
EOF
args=("$@")
[ ${#args[@]} -gt 0 ] || args=(--window 800x480 --night-mode off)
"$kiosk" --config "$dir/kiosk.conf" --data-dir "$dir/kiosk" "${args[@]}"

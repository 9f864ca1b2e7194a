#!/bin/sh
# bench/run-startup.sh — launch to the main window mapped, median of RUNS
# (default 5), for chc-monitor on a database and for a bare GTK 4 window
# with a Chinese label (build/bench/chc-bench-bare-window), in an Xvfb
# display with the openbox window manager (xdotool waits for the window).
#
#   bench/run-startup.sh [BUILD_DIR [DATABASE [RUNS]]]
#
# DATABASE defaults to a fresh demo database.  Needs xvfb, openbox and
# xdotool.  SPDX-License-Identifier: GPL-3.0-or-later
set -eu

build=${1:-build}
db=${2:-}
runs=${3:-5}
work=$(mktemp -d "${TMPDIR:-/tmp}/chc-bench-startup.XXXXXX")
display=:$(( 90 + $$ % 9 ))

if [ -z "$db" ]; then
  db="$work/demo.db"
  "$build/src/chc-cli" --db "$db" init --demo >/dev/null 2>&1
fi

Xvfb "$display" -screen 0 1366x768x24 >/dev/null 2>&1 & xvfb=$!
sleep 1
DISPLAY=$display openbox >/dev/null 2>&1 & wm=$!
sleep 1
trap 'kill $wm $xvfb 2>/dev/null; rm -rf "$work"' EXIT

# ms from launch to the window "CHC Monitor" mapped, one per line
launch () {
  for i in $(seq "$runs"); do
    cp "$db" "$work/run.db"
    rm -f "$work/run.db-wal" "$work/run.db-shm"
    t0=$(date +%s%N)
    DISPLAY=$display GTK_A11Y=none GSETTINGS_BACKEND=memory \
      GSETTINGS_SCHEMA_DIR="$build/data" "$@" >/dev/null 2>&1 & app=$!
    # (not xdotool's --sync: it looks only every half second)
    until DISPLAY=$display xdotool search --onlyvisible --name "CHC Monitor" >/dev/null 2>&1; do
      sleep 0.01
    done
    t1=$(date +%s%N)
    echo $(( (t1 - t0) / 1000000 ))
    kill $app; wait $app 2>/dev/null || true
  done
}

median () { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

bare=$(launch "$build/bench/chc-bench-bare-window" | median)
app=$(launch "$build/src/ui/chc-monitor" --db "$work/run.db" | median)
echo "bare GTK window with a Chinese label: $bare ms (median of $runs)"
echo "chc-monitor on $(basename "$db"):       $app ms (median of $runs)"
awk -v a="$app" -v b="$bare" 'BEGIN { printf "ratio: %.1f×\n", a / b }'

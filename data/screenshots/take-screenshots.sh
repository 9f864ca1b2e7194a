#!/bin/sh
# data/screenshots/take-screenshots.sh [BUILD_DIR] — the screenshots of the
# metainfo (the manual's figures: help/take-figures.sh), taken from the
# demo database in Chinese at 1366×768 in an Xvfb display with the openbox
# window manager, so that they can be taken again after any change.  Needs
# xvfb, openbox, xdotool, imagemagick and the zh_CN.UTF-8 locale.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/chc-screenshots.XXXXXX")
display=:$(( 70 + $$ % 9 ))

"$build/src/chc-cli" --db "$work/demo.db" init --demo >/dev/null 2>&1

Xvfb "$display" -screen 0 1366x768x24 >/dev/null 2>&1 & xvfb=$!
sleep 1
DISPLAY=$display openbox >/dev/null 2>&1 & wm=$!
sleep 1
trap 'kill $app $wm $xvfb 2>/dev/null; rm -rf "$work"' EXIT

DISPLAY=$display LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 GTK_A11Y=none \
  GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$build/data" CHC_LOCALEDIR="$build/po" \
  "$build/src/ui/chc-monitor" --db "$work/demo.db" >/dev/null 2>&1 & app=$!
until DISPLAY=$display xdotool search --onlyvisible --name "监测" >/dev/null 2>&1; do sleep 0.2; done
sleep 3

# Ctrl+N shows the view; the file is named after it.
for shot in 1:dashboard 4:signing 3:projects 5:tcm 6:reports; do
  key=${shot%%:*}
  name=${shot#*:}
  DISPLAY=$display xdotool key --clearmodifiers "ctrl+$key"
  sleep 3
  DISPLAY=$display import -window root "$work/$name.png"
  # The window only, without the empty screen around it.
  convert "$work/$name.png" -trim +repage "$here/$name.png"
done
echo "screenshots in $here"

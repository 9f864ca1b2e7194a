#!/bin/sh
# help/take-figures.sh [BUILD_DIR] — the figures of the manual: one
# screenshot of each view, taken from the demo database in Chinese
# (help/zh_CN/figures) and in English (help/C/figures), the window at
# 1024×700 (the smallest screen it must fit) in an Xvfb display with the
# openbox window manager, so that they can be taken again after any change
# of a view.  Like data/screenshots/take-screenshots.sh (the metainfo's);
# needs xvfb, openbox, xdotool, imagemagick and the zh_CN.UTF-8 locale.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/chc-figures.XXXXXX")
display=:$(( 80 + $$ % 9 ))
app=

"$build/src/chc-cli" --db "$work/demo.db" init --demo >/dev/null 2>&1

Xvfb "$display" -screen 0 1280x800x24 >/dev/null 2>&1 & xvfb=$!
sleep 1
DISPLAY=$display openbox >/dev/null 2>&1 & wm=$!
sleep 1
trap 'kill $app $wm $xvfb 2>/dev/null; rm -rf "$work"' EXIT

for lang in zh_CN C; do
  case $lang in
    zh_CN) locale=zh_CN.UTF-8 title=监测 ;;
    *) locale=C.UTF-8 title="CHC Monitor" ;;
  esac
  DISPLAY=$display LANG=$locale LC_ALL=$locale LANGUAGE= GTK_A11Y=none \
    GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$build/data" CHC_LOCALEDIR="$build/po" \
    "$build/src/ui/chc-monitor" --db "$work/demo.db" >/dev/null 2>&1 & app=$!
  until window=$(DISPLAY=$display xdotool search --onlyvisible --name "$title" 2>/dev/null | head -n 1) \
        && [ -n "$window" ]; do
    sleep 0.2
  done
  DISPLAY=$display xdotool windowsize "$window" 1024 700 windowmove "$window" 0 0
  sleep 3
  mkdir -p "$here/$lang/figures"
  # Ctrl+N shows the view (src/ui/chc-keymap.c); the file is named after it.
  for shot in 1:dashboard 2:facilities 3:projects 4:signing 5:tcm 8:values 9:reporting 6:reports 7:audit; do
    key=${shot%%:*}
    name=${shot#*:}
    DISPLAY=$display xdotool key --clearmodifiers "ctrl+$key"
    sleep 3
    DISPLAY=$display import -window root "$work/$name.png"
    # The window only, without the empty screen around it; few colours
    # keep the files small.
    convert "$work/$name.png" -trim +repage -strip -colors 256 "PNG8:$here/$lang/figures/$name.png"
  done
  kill "$app"
  wait "$app" 2>/dev/null || true
  app=
done
echo "figures in $here/zh_CN/figures and $here/C/figures"

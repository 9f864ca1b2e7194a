#!/bin/sh
# bench/run-values-import.sh — the same generated signing figures as
# bench/run-csv-import.sh (ROWS facility-months, default 1,000,000), written
# in the long format of `chc-cli import values` (one value a row: 7 values a
# facility-month), imported into a fresh database under /usr/bin/time -v;
# the sqlite3 shell's .import of the same long file into a bare table is
# the floor.  Prints both, and the ratio.
#
#   bench/run-values-import.sh [BUILD_DIR [ROWS [FACILITIES]]]
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

build=${1:-build}
rows=${2:-1000000}
facilities=${3:-5000}
cli="$build/src/chc-cli"
gen="$build/bench/chc-bench-csv-gen"

for tool in "$cli" "$gen" /usr/bin/time sqlite3 awk; do
  command -v "$tool" >/dev/null 2>&1 || { echo "run-values-import: $tool is missing" >&2; exit 2; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/chc-bench-values.XXXXXX")
trap 'rm -rf "$work"' EXIT

"$gen" "$facilities" "$rows" "$work/facilities.csv" "$work/signing.csv"

# The long file: facility, element, period, value (columns 1 and 4 of the
# signing file are the facility code and the month; 5–11 the seven figures,
# in the order of the signing family of data/elements.ini).
awk -F, 'BEGIN { split("resident_population signed_residents key_population key_population_signed online_signed signed_visits_total signed_visits_in_community", code, " ") }
         NR == 1 { print "facility,element,period,value"; next }
         { for (i = 5; i <= 11; i++) print $1 "," code[i - 4] "," $4 "," $i }' "$work/signing.csv" > "$work/values.csv"
values=$(($(wc -l < "$work/values.csv") - 1))
size=$(wc -c < "$work/values.csv")

"$cli" --db "$work/chc.db" init 2>/dev/null
"$cli" --db "$work/chc.db" import facilities "$work/facilities.csv" 2>/dev/null
cat "$work/values.csv" > /dev/null

/usr/bin/time -v -o "$work/chc.time" \
  "$cli" --db "$work/chc.db" import values "$work/values.csv" 2> "$work/chc.err" || {
  tail -n 5 "$work/chc.err" >&2; exit 1; }

sqlite3 "$work/floor.db" "CREATE TABLE value (facility TEXT, element TEXT, period TEXT, value INTEGER)"
/usr/bin/time -v -o "$work/floor.time" \
  sqlite3 "$work/floor.db" ".import --csv --skip 1 $work/values.csv value"

seconds () { sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$1" |
  awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f", s }'; }
rss () { sed -n 's/.*Maximum resident set size (kbytes): //p' "$1"; }

chc_s=$(seconds "$work/chc.time")
floor_s=$(seconds "$work/floor.time")
stored=$(sqlite3 "$work/chc.db" "SELECT count(*) FROM signing")

echo "file:            $values values ($rows facility-months), $facilities facilities, $size bytes"
echo "chc-cli import values: ${chc_s} s, peak RSS $(rss "$work/chc.time") kB ($(tail -n 1 "$work/chc.err"))"
echo "sqlite3 .import: ${floor_s} s, peak RSS $(rss "$work/floor.time") kB"
awk -v a="$chc_s" -v b="$floor_s" 'BEGIN { printf "ratio:           %.2f\n", a / b }'
echo "check:           $stored signing rows stored"

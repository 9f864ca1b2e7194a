#!/bin/sh
# bench/run-csv-import.sh — imports a generated signing CSV of ROWS rows
# (default 1,000,000) into a fresh database with `chc-cli import signing`
# under /usr/bin/time -v, and times the sqlite3 shell's .import of the same
# file into a bare table as the floor.  Prints both, and the ratio.
#
#   bench/run-csv-import.sh [BUILD_DIR [ROWS [FACILITIES]]]
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

build=${1:-build}
rows=${2:-1000000}
facilities=${3:-5000}
cli="$build/src/chc-cli"
gen="$build/bench/chc-bench-csv-gen"

for tool in "$cli" "$gen" /usr/bin/time sqlite3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "run-csv-import: $tool is missing" >&2; exit 2; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/chc-bench-csv.XXXXXX")
trap 'rm -rf "$work"' EXIT

"$gen" "$facilities" "$rows" "$work/facilities.csv" "$work/signing.csv"
size=$(wc -c < "$work/signing.csv")

# The database: the districts and the registry, no signing figures yet.
"$cli" --db "$work/chc.db" init 2>/dev/null
"$cli" --db "$work/chc.db" import facilities "$work/facilities.csv" 2>/dev/null

# Page cache warm for both runs.
cat "$work/signing.csv" > /dev/null

/usr/bin/time -v -o "$work/chc.time" \
  "$cli" --db "$work/chc.db" import signing "$work/signing.csv" 2> "$work/chc.err" || {
  cat "$work/chc.err" >&2; exit 1; }

sqlite3 "$work/floor.db" "CREATE TABLE signing (facility_code TEXT, facility_name TEXT, district TEXT,
  period TEXT, resident_population INTEGER, signed_residents INTEGER, key_population INTEGER,
  key_population_signed INTEGER, online_signed INTEGER, signed_visits_total INTEGER,
  signed_visits_in_community INTEGER)"
/usr/bin/time -v -o "$work/floor.time" \
  sqlite3 "$work/floor.db" ".import --csv --skip 1 $work/signing.csv signing"

seconds () { sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$1" |
  awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f", s }'; }
rss () { sed -n 's/.*Maximum resident set size (kbytes): //p' "$1"; }

chc_s=$(seconds "$work/chc.time")
floor_s=$(seconds "$work/floor.time")
stored=$("$cli" --db "$work/chc.db" signing --district 青浦 --period 2020-01 2>/dev/null | wc -l)
floor_rows=$(sqlite3 "$work/floor.db" "SELECT count(*) FROM signing")

echo "file:            $rows rows, $facilities facilities, $size bytes"
echo "chc-cli import:  ${chc_s} s, peak RSS $(rss "$work/chc.time") kB ($(tail -n 1 "$work/chc.err"))"
echo "sqlite3 .import: ${floor_s} s, peak RSS $(rss "$work/floor.time") kB ($floor_rows rows)"
awk -v a="$chc_s" -v b="$floor_s" 'BEGIN { printf "ratio:           %.2f (goal: at most 2)\n", a / b }'
echo "check:           $((stored - 1)) Qingpu rows stored for 2020-01"

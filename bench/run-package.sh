#!/bin/sh
# bench/run-package.sh — exchange packages at scale: a database of ROWS
# signing rows (default 1,000,000, imported from the CSV generator's file),
# a copy of it as "the commission", then under /usr/bin/time -v:
#   1. the package of one centre (one facility's 200 months) exported,
#   2. that package merged into the commission (no change: nothing to do),
#   3. the same after the centre changed 200 figures (200 updates taken),
#   4. the whole database as one package, exported,
#   5. that package previewed (--dry-run) and merged into a new database.
#
#   bench/run-package.sh [BUILD_DIR [ROWS [FACILITIES]]]
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

build=${1:-build}
rows=${2:-1000000}
facilities=${3:-5000}
cli="$build/src/chc-cli"
gen="$build/bench/chc-bench-csv-gen"

work=$(mktemp -d "${TMPDIR:-/tmp}/chc-bench-package.XXXXXX")
trap 'rm -rf "$work"' EXIT

"$gen" "$facilities" "$rows" "$work/facilities.csv" "$work/signing.csv"
"$cli" --db "$work/centre.db" init 2>/dev/null
"$cli" --db "$work/centre.db" import facilities "$work/facilities.csv" >/dev/null 2>&1
"$cli" --db "$work/centre.db" import signing "$work/signing.csv" >/dev/null 2>&1
"$cli" --db "$work/centre.db" backup --output "$work/commission.db" >/dev/null

measure () {
  label=$1; shift
  /usr/bin/time -v -o "$work/time" "$@" > "$work/out" 2> "$work/err" || true
  s=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time" |
      awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f", s }')
  kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time")
  cpu=$(sed -n 's/.*\(User\|System\) time (seconds): //p' "$work/time" | awk '{ s += $1 } END { printf "%.2f", s }')
  printf '%-44s %7s s (cpu %6s s) %8s kB  %s\n' "$label" "$s" "$cpu" "$kb" "$(tail -n 1 "$work/err")"
}

measure "export one centre's package" \
  "$cli" --db "$work/centre.db" package export --centre B000001 --output "$work/one.chcpkg"
measure "merge it (nothing new)" \
  "$cli" --db "$work/commission.db" package merge --trust-new "$work/one.chcpkg"

# 200 changed figures at the centre, through the CSV import.
grep '^B000001,' "$work/signing.csv" | awk -F, 'BEGIN { OFS = "," } { $6 = $6 + 1; print }' > "$work/body.csv"
{ head -n 1 "$work/signing.csv"; cat "$work/body.csv"; } > "$work/change.csv"
"$cli" --db "$work/centre.db" import signing --accept-warnings "$work/change.csv" >/dev/null 2>&1
measure "export it again (--since-last)" \
  "$cli" --db "$work/centre.db" package export --centre B000001 --since-last --output "$work/two.chcpkg"
measure "merge it (200 updates)" \
  "$cli" --db "$work/commission.db" package merge --trust-new "$work/two.chcpkg"
measure "export the whole database" \
  "$cli" --db "$work/centre.db" package export --output "$work/all.chcpkg"
"$cli" --db "$work/empty.db" init >/dev/null 2>&1
measure "preview the whole package (--dry-run)" \
  "$cli" --db "$work/empty.db" package merge --dry-run "$work/all.chcpkg"
measure "merge it into a new database" \
  "$cli" --db "$work/empty.db" package merge --trust-new "$work/all.chcpkg"
if command -v sqlite3 >/dev/null; then
  echo "signing rows in the new database: $(sqlite3 "$work/empty.db" 'SELECT count (*) FROM signing')"
fi
ls -l "$work"/*.chcpkg | awk '{ print $5, $NF }'

#!/usr/bin/env bash
# Ctrl-C stops a sweep cleanly: SIGINT part way through a long sweep leaves sweep.json and sweep.csv with the
# variants done so far ("complete": false) and exit code 130. Usage: sweep_interrupt.sh ARCHPLAN SPEC
set -uo pipefail
archplan=$1
spec=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$archplan" sweep "$spec" --vary storage.scratch.servers=100..2099 --vary storage.scratch.server.drives.count=10..24 -j 1 \
  -o "$work/out" >/dev/null 2>"$work/err" &
pid=$!
sleep 2
kill -INT "$pid"
wait "$pid"
code=$?
cat "$work/err"
[ "$code" = 130 ] || { echo "FAIL: exit $code, expected 130"; exit 1; }
grep -q '"complete": false' "$work/out/sweep.json" || { echo "FAIL: sweep.json does not say it is incomplete"; exit 1; }
lines=$(wc -l <"$work/out/sweep.csv")
# Some variants, not all 30,000 (plus the header).
[ "$lines" -gt 1 ] && [ "$lines" -lt 30001 ] || { echo "FAIL: sweep.csv has $lines lines"; exit 1; }
echo "interrupted after $((lines - 1)) of 30,000 variants; they are written"

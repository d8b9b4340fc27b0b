#!/usr/bin/env bash
# The sweep benchmark (issue 11): 10,000 variants of specs/customer.yaml (servers x drives per server, bandwidth
# and capacity figures, no failure scenarios, no ideal flow, no search) in one process on every core, against one
# `archplan` process per variant (timed on 200 of them and scaled). Writes bench/sweep.txt. Needs ./build (Release).
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/sweep.txt
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
{
  echo "# archplan sweep benchmark, $(git rev-parse --short HEAD 2>/dev/null || echo unknown), $(nproc) cores"
  echo "# 10,000 variants: storage.scratch.servers=100..599 x storage.scratch.server.drives.count=5..24"
  /usr/bin/time -f "sweep, one process, -j $(nproc): %e s wall, %U s user, %M KiB peak RSS" \
    ./build/archplan sweep specs/customer.yaml --vary storage.scratch.servers=100..599 \
    --vary storage.scratch.server.drives.count=5..24 -o "$work/sweep" 2>&1 >/dev/null | tail -1
  wc -l < "$work/sweep/sweep.csv" | sed 's/^/  sweep.csv lines (with the header): /'
  # Knobs that only set capacities (drives, k of k+m, rebuild share): each thread builds the graph once and refits it.
  echo "# 10,000 variants of capacity knobs: drives.count=5..24 x protection.data=4..13 x rebuild.share=0.05..0.54:0.01 (20 x 10 x 50)"
  /usr/bin/time -f "sweep, one process, -j $(nproc): %e s wall, %U s user, %M KiB peak RSS" \
    ./build/archplan sweep specs/customer.yaml --vary storage.scratch.server.drives.count=5..24 \
    --vary storage.scratch.protection.data=4..13 --vary storage.scratch.rebuild.share=0.05..0.54:0.01 \
    -o "$work/capacity" 2>&1 >/dev/null | tail -1
  wc -l < "$work/capacity/sweep.csv" | sed 's/^/  sweep.csv lines (with the header): /'
  # One process per variant doing the same work (a one-variant sweep each, as a shell loop would run them):
  # 200 of them on one core, then scaled to 10,000.
  start=$(date +%s.%N)
  for s in $(seq 100 299); do
    ./build/archplan sweep specs/customer.yaml --vary "storage.scratch.servers=$s" -j 1 > /dev/null
  done
  end=$(date +%s.%N)
  echo "one process per variant: 200 processes in $(echo "$end - $start" | bc) s, so about $(echo "($end - $start) * 50" | bc) s for 10,000"
} | tee "$out"

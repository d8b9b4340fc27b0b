#!/usr/bin/env bash
# The scale benchmark: generates the 131,072-node spec, prints the wall time of each phase of one run
# (--timings), then times five full `archplan` runs (load, build, routed and ideal analysis of every
# requirement, the default failure scenarios, reports) pinned to one core, and records wall time and
# peak memory in bench/results.txt. Needs a Release build in ./build.
set -euo pipefail
cd "$(dirname "$0")/.."
spec=$(mktemp --suffix=.yaml)
trap 'rm -f "$spec"' EXIT
bench/generate.sh 131072 2048 64 > "$spec"
out=bench/results.txt
{
  echo "# archplan scale benchmark, $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "# machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
  echo "# spec: bench/generate.sh 131072 2048 64 (3 tiers, 64-port switches)"
  ./build/archplan check "$spec"
  echo "# phases of one run (--timings): the target of docs/performance.md covers load/build and bandwidth (routed and ideal)"
  taskset -c 0 ./build/archplan "$spec" --timings 2>&1 >/dev/null | sed 's/^/  /'
  echo "# whole runs, five times: every phase, the reports, and the process exit"
  for i in 1 2 3 4 5; do
    /usr/bin/time -f "run $i: %e s wall, %M KiB peak RSS, exit %x" taskset -c 0 ./build/archplan "$spec" > /dev/null 2>/tmp/archplan-bench-time || true
    tail -1 /tmp/archplan-bench-time
  done
} | tee "$out"

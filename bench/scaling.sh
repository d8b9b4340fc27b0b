#!/usr/bin/env bash
# The scaling series: three-tier fat trees from 2,048 to 1,000,000 nodes (the loader's ceiling) (64-port switches up to 131,072
# nodes, 128-port above, where 64-port cores run out of ports) with requirements that grow with the nodes
# (300 MB/s each, so every design is met and no smallest-change search runs), and the 131,072-node dragonfly.
# Prints the graph size and the phase times of one run (--timings) per size, one core. Needs ./build (Release).
set -euo pipefail
cd "$(dirname "$0")/.."
spec=$(mktemp --suffix=.yaml)
trap 'rm -f "$spec"' EXIT
out=bench/scaling.txt
{
  echo "# archplan scaling series, $(git rev-parse --short HEAD 2>/dev/null || echo unknown); nodes servers radix: phases"
  for case in "2048 32 64" "8192 128 64" "32768 512 64" "131072 2048 64" "524288 8192 128" "1000000 16000 128"; do
    read -r n s r <<<"$case"
    bench/generate.sh "$n" "$s" "$r" 300 > "$spec"
    echo "fat tree $n $s $r:"
    /usr/bin/time -f "  whole run %e s wall, %M KiB peak RSS" taskset -c 0 ./build/archplan "$spec" --timings 2>&1 >/dev/null |
      grep -E "timing: (load|bandwidth|failure)|whole run|error" | sed 's/^timing:/ /' || true
  done
  bench/dragonfly.sh 131072 2048 273 > "$spec"
  echo "dragonfly 131072 2048, 273 groups x 32 switches, minimal paths:"
  /usr/bin/time -f "  whole run %e s wall, %M KiB peak RSS" taskset -c 0 ./build/archplan "$spec" --timings 2>&1 >/dev/null |
    grep -E "timing: (load|bandwidth|failure)|whole run" | sed 's/^timing:/ /'
} | tee "$out"

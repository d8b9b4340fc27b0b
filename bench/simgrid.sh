#!/usr/bin/env bash
# archplan against SimGrid on the same question (issue 15): the routed figure of each spec's first bandwidth
# requirement, from `archplan` (the whole run: routed, ideal, scenarios, search) and from SimGrid 3.32 replaying
# `archplan export simgrid` (ECMP sub-flows, then d-mod-k). Wall time and peak RSS. Writes bench/simgrid.txt. Needs
# ./build (Release) with archplan-simgrid-replay (libsimgrid-dev).
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/simgrid.txt
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
t() { /usr/bin/time -o "$work/t" -f "%e s, %M KiB" "$@" > "$work/stdout" 2>/dev/null || true; cat "$work/t" | tail -1; }
{
  echo "# archplan vs SimGrid, $(git rev-parse --short HEAD 2>/dev/null || echo unknown), $(nproc) cores"
  echo "# spec | ECMP sub-flows | hosts | archplan run | export | SimGrid ECMP | SimGrid d-mod-k | figures"
  for spec in examples/appliance-single-switch.yaml examples/mlperf-unet3d-data-loading.yaml examples/unmet-taper.yaml \
              examples/durability-hdd.yaml; do
    name=$(basename "$spec" .yaml)
    run=$(t ./build/archplan "$spec")
    exp=$(t ./build/archplan export simgrid "$spec" -o "$work/$name")
    subflows=$(sed -n 's/.*"ecmp_subflows": \([0-9]*\).*/\1/p' "$work/$name/summary.json")
    routed=$(sed -n 's/.*"routed_bytes_per_second": \([0-9.e+]*\).*/\1/p' "$work/$name/summary.json")
    hosts=$(grep -c '<host ' "$work/$name/platform.xml")
    ecmp=$(t ./build/archplan-simgrid-replay "$work/$name/platform.xml" "$work/$name/flows.csv")
    ecmp_bps=$(sed -n 's/^bulk_synchronous_Bps //p' "$work/stdout")
    dmodk=$(t ./build/archplan-simgrid-replay "$work/$name/platform.xml" "$work/$name/flows-dmodk.csv")
    dmodk_bps=$(sed -n 's/^bulk_synchronous_Bps //p' "$work/stdout")
    echo "$name | $subflows | $hosts | $run | $exp | $ecmp | $dmodk | routed $routed, SimGrid ECMP $ecmp_bps, d-mod-k $dmodk_bps B/s"
  done
} | tee "$out"

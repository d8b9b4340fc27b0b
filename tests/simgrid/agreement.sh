#!/usr/bin/env bash
# SimGrid agreement (issue 15): archplan's routed figure against SimGrid 3.32's max-min fluid replay of the same
# question, every source sending its share to every server at once, ECMP as one sub-flow per equal-cost path. The
# ECMP figure must agree within 1e-6 relative; the d-mod-k single-path figure is printed, not required to agree.
# usage: agreement.sh ARCHPLAN REPLAY SOURCE_DIR   (REPLAY: the archplan-simgrid-replay binary, or "" if not built)
set -euo pipefail
archplan=$1 replay=$2 src=$3
if [ -z "$replay" ] || [ ! -x "$replay" ]; then
  echo "skipped: archplan-simgrid-replay is not built (apt-get install libsimgrid-dev, then reconfigure)"
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Small and medium designs: one switch; two tiers with 18 and 64 nodes; 2,048 nodes behind a tapered fabric; servers
# that do not divide over the spines; uneven cabling (3 uplinks over 2 spines); a small dragonfly (minimal paths).
specs=(examples/appliance-single-switch.yaml examples/tenants-two-teams.yaml examples/ddn-ai400x2-mlperf.yaml
       examples/mlperf-unet3d-data-loading.yaml examples/unmet-taper.yaml tests/data/simgrid/dmodk-uneven.yaml
       tests/data/simgrid/uneven-spines.yaml tests/data/simgrid/dragonfly-small.yaml)
failed=0
printf '%-30s %-16s %12s %12s %10s %12s\n' spec requirement "archplan" "SimGrid" "rel. diff" "d-mod-k"
for spec in "${specs[@]}"; do
  name=$(basename "$spec" .yaml)
  "$archplan" export simgrid "$src/$spec" -o "$work/$name" >/dev/null
  routed=$(sed -n 's/.*"routed_bytes_per_second": \([0-9.e+]*\).*/\1/p' "$work/$name/summary.json")
  req=$(sed -n 's/.*"requirement": "\(.*\)".*/\1/p' "$work/$name/summary.json")
  ecmp=$("$replay" "$work/$name/platform.xml" "$work/$name/flows.csv" 2>/dev/null | sed -n 's/^bulk_synchronous_Bps //p')
  dmodk=$("$replay" "$work/$name/platform.xml" "$work/$name/flows-dmodk.csv" 2>/dev/null | sed -n 's/^bulk_synchronous_Bps //p')
  verdict=$(python3 -c "
r, e, d = $routed, $ecmp, $dmodk
rel = abs(e - r) / r
print(f'{r/1e9:10.3f} GB/s {e/1e9:10.3f} GB/s {rel:10.2e} {d/1e9:10.3f} GB/s', 'ok' if rel <= 1e-6 else 'DISAGREE')")
  printf '%-30s %-16s %s\n' "$name" "$req" "$verdict"
  case $verdict in *DISAGREE) failed=1 ;; esac
done
exit $failed

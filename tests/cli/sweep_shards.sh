#!/usr/bin/env bash
# A sweep run as three shards (as a Slurm job array runs it) and merged gives byte for byte what one process writes.
# Usage: sweep_shards.sh ARCHPLAN SPEC
set -euo pipefail
archplan=$1
spec=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
args=(--vary storage.scratch.servers=150..250:25 --vary storage.scratch.rebuild.share=20%,50%
      --objective max:requirement/ckpt-write/achievable --objective min:inventory/servers)
"$archplan" sweep "$spec" "${args[@]}" -j 2 -o "$work/one" >/dev/null
for k in 0 1 2; do "$archplan" sweep "$spec" "${args[@]}" -j 1 --shard "$k/3" -o "$work/shards" >/dev/null; done
ls "$work/shards"
"$archplan" sweep merge "$work"/shards/sweep-*-of-3.json -o "$work/merged" >/dev/null
cmp "$work/one/sweep.json" "$work/merged/sweep.json"
cmp "$work/one/sweep.csv" "$work/merged/sweep.csv"
echo "merged shards are byte-identical to one process"

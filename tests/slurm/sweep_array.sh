#!/usr/bin/env bash
# A sweep run as a real Slurm job array (3 shards) and a dependent merge job, on a single-node Slurm started on
# localhost (scripts/slurm/local-cluster.sh: munged, slurmctld, slurmd), gives byte for byte what one process
# writes. Skipped (exit 77) with the reason where slurm-wlm and munge are not installed or it is not root; .ci/run
# installs them, so CI runs it. Usage: sweep_array.sh ARCHPLAN SOURCE_DIR
set -uo pipefail
archplan=$(realpath "$1")
src=$(realpath "$2")
for tool in sbatch slurmctld slurmd munged sinfo; do
  if ! command -v "$tool" >/dev/null 2>&1 && [ ! -x "/usr/sbin/$tool" ]; then
    echo "SKIPPED: $tool is not installed (apt-get install slurm-wlm munge; .ci/run does)"
    exit 77
  fi
done
if [ "$(id -u)" -ne 0 ]; then
  echo "SKIPPED: starting munged, slurmctld and slurmd needs root"
  exit 77
fi
work=$(mktemp -d)
cluster="$work/cluster"
# The test's verdict is its own exit status, whatever the cleanup meets.
trap 'status=$?; "$src/scripts/slurm/local-cluster.sh" stop "$cluster"; rm -rf "$work" || true; exit $status' EXIT
set -e
"$src/scripts/slurm/local-cluster.sh" start "$cluster"
export SLURM_CONF="$cluster/slurm.conf"
args=(--vary storage.scratch.servers=150..250:25 --vary storage.scratch.rebuild.share=20%,50%
      --objective max:requirement/ckpt-write/achievable --objective min:inventory/servers)
"$archplan" sweep "$src/specs/customer.yaml" "${args[@]}" -o "$work/one" >/dev/null
if ! ARCHPLAN="$archplan" timeout 300 "$src/scripts/slurm/submit-sweep.sh" --wait 3 "$work/array" "$src/specs/customer.yaml" "${args[@]}"; then
  echo "the job array or its merge failed:"
  tail -n 20 "$work"/array/* "$cluster"/slurmctld.log 2>/dev/null || true
  exit 1
fi
ls "$work/array"
# Every shard ran as its own array task, and the merge after them.
[ "$(ls "$work"/array/sweep-*-of-3.json | wc -l)" = 3 ]
[ "$(ls "$work"/array/archplan-sweep-*_[0-2].out | wc -l)" = 3 ]
# On a difference, show it and the jobs' logs, so a failure in CI says why.
for f in sweep.json sweep.csv; do
  if ! cmp "$work/one/$f" "$work/array/$f"; then
    diff "$work/one/$f" "$work/array/$f" | head -20
    tail -n 20 "$work"/array/*.out "$work"/array/*.err 2>/dev/null || true
    exit 1
  fi
done
echo "the job array's merged sweep is byte-identical to one process"

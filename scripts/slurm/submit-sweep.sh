#!/usr/bin/env bash
# Submits an archplan sweep as a Slurm job array of N shards and a merge job that runs when they all succeed.
# Usage: submit-sweep.sh [--wait] N OUT SPEC [sweep options: --vary ..., --objective ...]
# Prints the two job ids; with --wait, returns when the merge is done (its exit code). ARCHPLAN is passed on.
set -euo pipefail
wait=()
if [ "${1:-}" = "--wait" ]; then
  wait=(--wait)
  shift
fi
n=$1 out=$2
shift 2
here=$(dirname "$(realpath "$0")")
mkdir -p "$out"
array=$(sbatch --parsable --array="0-$((n - 1))" --chdir="$out" --export=ALL "$here/sweep.sbatch" "$(realpath "$out")" "$@")
echo "shards: job $array (array 0-$((n - 1)))"
merge=$(sbatch --parsable --chdir="$out" --export=ALL --dependency="afterok:$array" "${wait[@]}" "$here/sweep.sbatch" "$(realpath "$out")")
echo "merge: job $merge"

#!/usr/bin/env bash
# Starts a single-node Slurm on this machine (munged, slurmctld, slurmd) with a generated slurm.conf, for the
# sweep-array test and for trying scripts/slurm/sweep.sbatch by hand. Needs root and Debian's slurm-wlm and munge.
# Usage: local-cluster.sh start DIR | stop DIR. After start, `export SLURM_CONF=DIR/slurm.conf` to use it.
set -euo pipefail
cmd=$1
dir=$(realpath -m "$2")
case "$cmd" in
start)
  mkdir -p "$dir/state" "$dir/spool" "$dir/munge"
  cpus=$(nproc)
  cat >"$dir/slurm.conf" <<CONF
ClusterName=archplan-test
SlurmctldHost=localhost
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
SlurmctldPort=16817
SlurmdPort=16818
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
MpiDefault=none
ReturnToService=2
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=local Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
  # munged: its own socket and pid under DIR, the packaged key.
  if ! pgrep -x munged >/dev/null; then
    mkdir -p /run/munge && chown munge:munge /run/munge
    sudo_munge=()
    [ "$(id -u)" -eq 0 ] && sudo_munge=(runuser -u munge --)
    "${sudo_munge[@]}" /usr/sbin/munged
  fi
  export SLURM_CONF="$dir/slurm.conf"
  /usr/sbin/slurmctld -f "$dir/slurm.conf"
  /usr/sbin/slurmd -f "$dir/slurm.conf" -N localhost
  # Ready when the node is idle.
  for _ in $(seq 1 60); do
    if sinfo -h -N -o '%t' 2>/dev/null | grep -qx idle; then echo "slurm: up ($cpus CPUs), SLURM_CONF=$dir/slurm.conf"; exit 0; fi
    sleep 1
  done
  echo "slurm: the node did not come up; see $dir/slurmctld.log and $dir/slurmd.log" >&2
  tail -20 "$dir/slurmctld.log" "$dir/slurmd.log" >&2 || true
  exit 1
  ;;
stop)
  # Stopped means gone: slurmctld writes its state while it shuts down, so wait (up to 20 s) before the caller
  # removes DIR.
  pids=()
  for p in slurmd slurmctld; do [ -f "$dir/$p.pid" ] && pids+=("$(cat "$dir/$p.pid")"); done
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for _ in $(seq 1 200); do
    alive=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" -eq 0 ] && break
    sleep 0.1
  done
  ;;
esac

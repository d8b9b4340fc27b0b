#!/bin/sh
# C10: IOR N-1 (one shared file), write then read back from another node (-C defeats the client cache), fsync at close (-e),
# a 300 s stonewall with wear-out (every rank moves the same bytes), JSON summary in C10.json.
# Set DIR to a directory on the file system under test; MPIRUN and NP as your site runs MPI; SUMMARY names the
# result file for a run under a failure (the degraded criteria).
set -eu
: "${DIR:?set DIR to a directory on the file system under test}"
"${MPIRUN:-mpirun}" -np "${NP:-16384}" ior -a POSIX -e -C -w -r -t 16777216 -b 120863064064 -D 300 -O stoneWallingWearOut=1 \
  -O summaryFormat=JSON -O summaryFile="${RESULTS:-.}/${SUMMARY:-C10.json}" -o "$DIR/restart-read-n-1"

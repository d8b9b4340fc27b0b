#!/usr/bin/env bash
# The acceptance pack's fio jobs as fio reads them (issue 14): every generated job file passes `fio --parse-only`;
# the per-drive write job runs for real at a tiny size on a temporary file, and `archplan acceptance evaluate`
# judges its JSON together with the checked-in IOR, elbencho and mdtest samples. Skipped (exit 77) without fio
# (.ci/run installs it). Usage: fio_run.sh ARCHPLAN SOURCE_DIR
set -uo pipefail
archplan=$(realpath "$1")
src=$(realpath "$2")
command -v fio >/dev/null 2>&1 || { echo "SKIPPED: fio is not installed (apt-get install fio; .ci/run does)"; exit 77; }
work=$(mktemp -d "${TMPDIR:-/tmp}/archplan-fio.XXXXXX")
trap 'status=$?; rm -rf "$work" || true; exit $status' EXIT
set -e
fail() { echo "FAIL: $*"; exit 1; }
cd "$src"
"$archplan" acceptance specs/customer.yaml -o "$work/pack" >/dev/null
export DEVICE="$work/drive0.dat" DEVICES="$work/drive0.dat:$work/drive1.dat" SIZE=16M RUNTIME=1
n=0
for f in "$work"/pack/*.fio; do
  fio --parse-only "$f" >/dev/null || fail "$(basename "$f") does not parse"
  n=$((n + 1))
done
[ "$n" -ge 4 ] || fail "only $n fio job files"
echo "$n fio job files parse"
mkdir -p "$work/results"
# C6: every drive's write share; the job names its output after the host and the drive.
fio --output-format=json --output="$work/results/C6-test-drive0.json" "$work/pack/fio-scratch-drive-write.fio" >/dev/null ||
  fail "the per-drive fio job did not run"
measured=$(python3 -c "import json,sys; j=json.load(open(sys.argv[1])); print([x['write']['bw_bytes'] for x in j['jobs'] if x['jobname']=='measure'][0])" \
  "$work/results/C6-test-drive0.json")
cp tests/data/acceptance/ior-C1.json "$work/results/C1.json"
cp tests/data/acceptance/elbencho-C4.csv "$work/results/C4.csv"
set +e
out=$("$archplan" acceptance evaluate specs/customer.yaml "$work/results")
code=$?
set -e
echo "$out"
# The mandatory per-server criterion C5 has no results: exit 1. (Here-strings, not "echo | grep -q": with pipefail
# an early grep exit fails the echo with SIGPIPE now and then.)
[ "$code" = 1 ] || fail "evaluate exited $code, expected 1 (C5 has no result file)"
grep -q "^C1   mandatory PASS     ckpt-write: aggregate write, file per process (IOR N-N) \[C1.json\]: 10.5 TB/s against 10.0 TB/s (+4.9%)" <<< "$out" ||
  fail "C1 not judged from the IOR sample"
grep -q "^C4   target    FAIL     .*\[C4.csv\]: 10.7 TB/s against 11.0 TB/s (-2.4%)" <<< "$out" || fail "C4 not judged from the elbencho sample"
grep -q "^C5   mandatory FAIL     .*: no result file C5-\*.json in RESULTS" <<< "$out" || fail "C5's missing results not reported"
grep -q "^C6   target    .*\[C6-test-drive0.json\]" <<< "$out" || fail "C6 not judged from fio's JSON"
# The figure evaluate read is fio's own (bw_bytes of the 'measure' group), to the three digits it prints.
shown=$(echo "$out" | sed -n 's/^C6 .*\]: \([0-9.]*\) GB\/s against.*/\1/p')
python3 -c "import sys; s, m = float(sys.argv[1]), float(sys.argv[2]) / 1e9; sys.exit(0 if abs(s - m) <= 0.006 * m else 1)" \
  "$shown" "$measured" || fail "evaluate shows C6 at $shown GB/s, fio measured $measured B/s"
echo "fio measured $measured B/s for C6; evaluate shows $shown GB/s"
echo "the pack's fio jobs parse and run, and evaluate judges IOR, elbencho and fio results"

#!/usr/bin/env bash
# Outputs written whole, inputs bounded: the I/O cases a CMake driver cannot set up (a full device, a file-size
# limit, a FIFO, an empty argument). Usage: io_errors.sh ARCHPLAN SPEC. Exit 0 when every case behaves.
set -uo pipefail
archplan=$1
spec=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

# expect NAME CODE STDERR_REGEX -- command...: runs the command, checks its exit code and stderr ("-": not checked).
expect() {
  local name=$1 code=$2 regex=$3
  shift 4
  local got
  "$@" >"$work/out" 2>"$work/err"
  got=$?
  if [ "$got" != "$code" ] || { [ "$regex" != "-" ] && ! grep -Eq -- "$regex" "$work/err"; }; then
    echo "FAIL: $name: exit $got (expected $code), stderr:"
    sed 's/^/  /' "$work/err"
    failures=$((failures + 1))
  else
    echo "ok: $name"
  fi
}

expect "stdout on a full device is an I/O error (3)" 3 "cannot write to standard output: No space left on device" -- \
  bash -c "'$archplan' '$spec' > /dev/full"
expect "json on a full device too" 3 "cannot write to standard output" -- \
  bash -c "'$archplan' '$spec' --format json > /dev/full"
expect "check's line on a full device too" 3 "cannot write to standard output" -- \
  bash -c "'$archplan' check '$spec' > /dev/full"
expect "-o '' is a usage error (2)" 2 "give a directory" -- "$archplan" "$spec" -o ""
expect "/dev/zero is not read (2)" 2 "is not a regular file" -- "$archplan" /dev/zero
mkfifo "$work/fifo"
expect "a FIFO without a writer is refused at once (2)" 2 "is not a regular file" -- timeout 10 "$archplan" "$work/fifo"
expect "a missing spec says why (2)" 2 "cannot open the spec file: No such file or directory" -- "$archplan" "$work/none.yaml"
{ cat "$spec"; head -c $((17 * 1024 * 1024)) /dev/zero | tr '\0' '#'; echo; } >"$work/big.yaml"
expect "a spec over 16 MiB is refused (2)" 2 "larger than 16777216 bytes" -- "$archplan" "$work/big.yaml"

# -o is all or nothing. A first run writes the reports; a second run of a different spec that cannot write
# (a 8 KiB file-size limit; SIGXFSZ ignored so write() fails with EFBIG) exits 3, names the file, and leaves the
# first run's reports byte for byte, with no temporary files.
"$archplan" "$spec" -o "$work/rep" >/dev/null
(cd "$work/rep" && md5sum ./* >"$work/before")
sed 's/^name: .*/name: a different run/' "$spec" >"$work/other.yaml"
expect "a report that cannot be written leaves the previous ones (3)" 3 \
  "cannot write '.*/rep/[a-z]+\.(md|json)': File too large; the files in '.*rep' are unchanged" -- \
  bash -c "trap '' XFSZ; ulimit -f 8; '$archplan' '$work/other.yaml' -o '$work/rep' >/dev/null"
if ! (cd "$work/rep" && md5sum --quiet -c "$work/before"); then
  echo "FAIL: the previous reports changed"
  failures=$((failures + 1))
fi
if ls -A "$work/rep" | grep -q tmp; then
  echo "FAIL: temporary files left: $(ls -A "$work/rep")"
  failures=$((failures + 1))
fi
# A directory in the place of results.json: refused before any report is renamed into place.
rm "$work/rep/results.json"
mkdir "$work/rep/results.json"
expect "a directory in a report's place (3)" 3 "cannot write '.*/rep/results.json': a directory is in its place" -- \
  "$archplan" "$work/other.yaml" -o "$work/rep"
if ! grep -q "a different run" "$work/rep/summary.md" 2>/dev/null; then
  echo "ok: summary.md is still the first run's"
else
  echo "FAIL: summary.md was replaced although results.json could not be"
  failures=$((failures + 1))
fi
# And a successful run replaces every report.
rmdir "$work/rep/results.json"
expect "a good run replaces them all" "$("$archplan" "$spec" >/dev/null; echo $?)" - -- "$archplan" "$work/other.yaml" -o "$work/rep"
grep -q "a different run" "$work/rep/summary.md" || { echo "FAIL: summary.md not replaced"; failures=$((failures + 1)); }
grep -q "a different run" "$work/rep/results.json" || { echo "FAIL: results.json not replaced"; failures=$((failures + 1)); }

[ "$failures" = 0 ]

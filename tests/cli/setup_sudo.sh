#!/usr/bin/env bash
# scripts/setup.sh as a non-root user with packages missing: the apt-get that sudo runs must still see
# DEBIAN_FRONTEND=noninteractive (sudo resets the environment, so a variable set before 'sudo' is lost).
# Fakes of id, dpkg-query, sudo (which resets the environment, as the real one does), apt-get and cmake
# stand in for the system. Usage: setup_sudo.sh SOURCE_DIR
set -euo pipefail
src=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/tree/scripts"
cp "$src/scripts/setup.sh" "$work/tree/scripts/"
cat >"$work/bin/id" <<'X'
#!/bin/sh
echo 1000
X
cat >"$work/bin/dpkg-query" <<'X'
#!/bin/sh
exit 1
X
cat >"$work/bin/sudo" <<'X'
#!/bin/sh
exec env -i PATH="$PATH" FAKE_LOG="$FAKE_LOG" "$@"
X
cat >"$work/bin/apt-get" <<'X'
#!/bin/sh
echo "apt-get $1 DEBIAN_FRONTEND=${DEBIAN_FRONTEND:-unset}" >>"$FAKE_LOG"
X
cat >"$work/bin/cmake" <<'X'
#!/bin/sh
exit 0
X
chmod +x "$work"/bin/*
FAKE_LOG="$work/log" PATH="$work/bin:$PATH" bash "$work/tree/scripts/setup.sh" 2>/dev/null
cat "$work/log"
grep -q "apt-get install DEBIAN_FRONTEND=noninteractive" "$work/log"

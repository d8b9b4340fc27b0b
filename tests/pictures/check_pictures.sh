#!/usr/bin/env bash
# The pictures as a reader gets them (issue 13): every SVG and HTML that run, compare, sweep and graph write with -o
# parses as XML, has the elements it must, and refers to nothing outside itself (no src or href to a URL, no script,
# no url() in CSS); then headless Chromium renders report.html of the default spec to a PNG that must not be blank.
# Needs xmllint (libxml2-utils), Graphviz, Chromium and python3; skipped (exit 77) with the reason where one is
# missing (.ci/run installs them). Usage: check_pictures.sh ARCHPLAN SOURCE_DIR
set -uo pipefail
archplan=$(realpath "$1")
src=$(realpath "$2")
for tool in xmllint dot chromium python3; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "SKIPPED: $tool is not installed (apt-get install libxml2-utils graphviz chromium python3; .ci/run does)"
    exit 77
  fi
done
work=$(mktemp -d)
trap 'status=$?; rm -rf "$work" || true; exit $status' EXIT
set -e
cd "$src"
"$archplan" specs/customer.yaml -o "$work/run" >/dev/null
"$archplan" compare specs/customer.yaml -o "$work/compare" >/dev/null
"$archplan" sweep specs/customer.yaml --vary storage.scratch.servers=150..250:50 --objective min:finance/capital/capital-cost \
  --objective max:requirement/ckpt-write/achievable -o "$work/sweep" >/dev/null
"$archplan" graph specs/customer.yaml --requirement ckpt-write --scenario scratch-server-down -o "$work/graph"

fail() { echo "FAIL: $*"; exit 1; }
count() { xmllint --xpath "count($2)" "$1" 2>/dev/null; }
# Every file: well-formed XML, and nothing that loads from elsewhere.
for f in "$work"/*/*.svg "$work"/*/*.html; do
  xmllint --noout "$f" || fail "$f is not well-formed XML"
  [ "$(count "$f" "//*[local-name()='script']")" = 0 ] || fail "$f has a script"
  [ "$(count "$f" "//@*[(local-name()='src' or local-name()='href') and contains(., ':')]")" = 0 ] ||
    fail "$f refers to a URL in a src or href"
  ! grep -q "url(" "$f" || fail "$f has a url() in its CSS"
done
for f in "$work"/*/*.svg; do
  [ "$(count "$f" "/*[local-name()='svg']")" = 1 ] || fail "$f: the root is not svg"
  [ "$(count "$f" "//*[local-name()='title']")" -ge 1 ] || fail "$f has no title"
done
html="$work/run/report.html"
# The report: its title, the verdict, the requirements, each team, and the pictures (utilisation, topology from
# Graphviz, scenario heat map, durability curve).
[ "$(count "$html" "//*[local-name()='h1']")" = 1 ] || fail "report.html has no h1"
[ "$(count "$html" "//*[local-name()='p'][contains(@class,'verdict')]")" = 1 ] || fail "report.html has no verdict"
for h in Requirements Bottleneck Topology "Failure scenarios" "compute team" "network team" "storage team" \
         "Facilities and finance" "Bill of materials"; do
  [ "$(count "$html" "//*[local-name()='h2'][.='$h']")" = 1 ] || fail "report.html has no section '$h'"
done
[ "$(count "$html" "//*[local-name()='svg']")" -ge 4 ] || fail "report.html has fewer than 4 pictures"
[ "$(count "$html" "//*[local-name()='svg']//*[local-name()='g'][@class='graph']")" = 1 ] || fail "report.html has no topology"
[ "$(count "$html" "//*[local-name()='style'][contains(., '@media print')]")" = 1 ] || fail "report.html has no print style"
[ "$(count "$work/compare/compare.html" "//*[local-name()='table']")" -ge 3 ] || fail "compare.html has no tables"
[ "$(count "$work/sweep/sweep.svg" "//*[local-name()='circle'][@fill='#d62728']")" -ge 2 ] || fail "sweep.svg draws no front"
[ "$(count "$work/sweep/sweep.svg" "//*[local-name()='path']")" = 1 ] || fail "sweep.svg has no baseline"
grep -q '(1 down)' "$work/graph/topology.dot" || fail "topology.dot under a scenario draws nothing down"
[ -s "$work/graph/topology.svg" ] || fail "graph -o wrote no topology.svg"
echo "every SVG and HTML is well-formed, self-contained and has its elements"

# What a person sees: Chromium renders report.html; the PNG must not be blank (its pixels vary).
timeout 120 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,2400 \
  --screenshot="$work/report.png" "file://$html" >/dev/null 2>&1 || fail "chromium could not render report.html"
python3 "$src/tests/pictures/png_stats.py" "$work/report.png" 1000 || fail "the rendered report.html is blank"
if [ -n "${ARCHPLAN_UPDATE_SCREENSHOT:-}" ]; then cp "$work/report.png" "$src/docs/report.png"; fi

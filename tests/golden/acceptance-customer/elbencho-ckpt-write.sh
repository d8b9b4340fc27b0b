#!/bin/sh
# C4: elbencho, write on every node of HOSTS (comma-separated), 8 threads each, direct I/O,
# 300 s time limit; the CSV row's 'MiB/s [last]' is judged.
set -eu
: "${DIR:?set DIR to a directory on the file system under test}" "${HOSTS:?set HOSTS}"
elbencho --hosts "$HOSTS" -d -w -t 8 -n 1 -N 4 -s 50354003906 -b 16777216 --direct --timelimit 300 --nolive \
  --csvfile "${RESULTS:-.}/C4.csv" "$DIR"

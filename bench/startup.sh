#!/usr/bin/env bash
# Startup of the example's packaged service: the time from launch to the first 200, measured N times per way of
# starting it, in one run, with the ratio of the medians.
#
#   bench/startup.sh [--rounds 5] [--no-build] [--jar path/to/pgapi-example.jar] [--way "name=command args"]...
#
# The default ways: "plain" is `java -jar target/pgapi-example.jar <config>` with no options at all, "launcher" is the
# script the build writes next to the jar (`target/pgapi-example <config>`: the recommended JVM options and the AOT
# cache or class-data archive trained during `package`), as docs/operations.md tells users to run the service.
# --jar measures a copy of the packaged service elsewhere (jar, libs/, script and cache together; implies
# --no-build). Extra --way options add variants; their command gets the config file appended, e.g.
#   --way "cds=java -XX:SharedArchiveFile=/tmp/app.jsa -XX:+AutoCreateSharedArchive -jar example-project/target/pgapi-example.jar"
# The ways alternate within each round, so a change in the machine's load hits them alike. A throwaway PostgreSQL
# cluster (the example's migrations) serves them all; everything started is stopped on exit. The time is from the
# fork of the command to the first 200 on GET /books?id=eq.1, polled every 20 ms; each start is stopped before the next.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")

ROUNDS=5
BUILD=1
WAYS=()
JAR_ARG=""
usage() { sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) ROUNDS=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --jar) BUILD=0; JAR_ARG=$(cd "$(dirname "$2")" && pwd)/$(basename "$2"); shift 2 ;;
    --way) WAYS+=("$2"); shift 2 ;;
    -h|--help) usage 0 ;;
    *) echo "unknown option $1" >&2; usage 1 ;;
  esac
done

. "$HERE/lib.sh"
require_tools psql:postgresql-client curl:curl

STAMP=$(date +%Y%m%d-%H%M%S)
OUT="$HERE/results/startup-$STAMP"
mkdir -p "$OUT"
build_example
JAR=${JAR_ARG:-$JAR}
LAUNCHER="${JAR%.jar}"
[[ -x "$LAUNCHER" ]] || { echo "$LAUNCHER missing: the build writes it during package" >&2; exit 1; }
WAYS=("plain=$JAVA -jar $JAR" "launcher=$LAUNCHER" "${WAYS[@]}")

pg_create "$OUT/initdb.log"
pg_load_example startup
SVC_PORT=$(free_port)
example_conf startup "$SVC_PORT" 8 >"$WORK/startup.conf"
served() {
  kill -0 "$SVC_PID" 2>/dev/null || { echo "the service exited" >&2; return 2; }
  [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$SVC_PORT/books?id=eq.1" || true) == 200 ]]
}

RESULTS="$OUT/startup.tsv"
printf 'round\tway\tfirst_200_ms\n' >"$RESULTS"
log "$ROUNDS rounds of: ${WAYS[*]%%=*} (load: $(uptime | sed 's/.*load average: //'))"
for round in $(seq "$ROUNDS"); do
  for way in "${WAYS[@]}"; do
    name=${way%%=*}
    t0=$(ms_now)
    # shellcheck disable=SC2086 # the command is a word list on purpose
    ${way#*=} "$WORK/startup.conf" >>"$OUT/service-$name.log" 2>&1 &
    SVC_PID=$!
    PIDS+=("$SVC_PID")
    wait_for 60 served || { echo "$name did not answer within 60 s" >&2; tail -n 30 "$OUT/service-$name.log" >&2; exit 1; }
    ms=$(( $(ms_now) - t0 ))
    kill "$SVC_PID"; wait "$SVC_PID" 2>/dev/null || true
    printf '%s\t%s\t%s\n' "$round" "$name" "$ms" >>"$RESULTS"
    printf '  round %s  %-10s %6s ms\n' "$round" "$name" "$ms" >&2
  done
done

{
  echo "| way | first 200, median ms | min | max | ÷ plain |"
  echo "|---|---:|---:|---:|---:|"
  median() { awk -F '\t' -v w="$1" 'NR > 1 && $2 == w {print $3}' "$RESULTS" | sort -n \
    | awk '{v[NR] = $1} END {print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2)}'; }
  PLAIN=$(median plain)
  for way in "${WAYS[@]}"; do
    name=${way%%=*}
    m=$(median "$name")
    awk -F '\t' -v w="$name" -v m="$m" -v p="$PLAIN" 'NR > 1 && $2 == w {if (!n++ || $3 < lo) lo = $3; if ($3 > hi) hi = $3}
      END {printf "| %s | %.0f | %d | %d | %.2f× |\n", w, m, lo, hi, m / p}' "$RESULTS"
  done
  echo
  echo "$ROUNDS rounds; load average at the end: $(uptime | sed 's/.*load average: //'); $(nproc) cores;" \
    "$("$JAVA" -version 2>&1 | head -n 1)"
} >"$OUT/summary.md"
log "results in ${OUT#"$ROOT"/}"
cat "$OUT/summary.md"

#!/usr/bin/env bash
# pgapi's operations probe: how the example service behaves when things go wrong, as a table of figures with a
# PASS/FAIL per expectation (exit status 1 on any FAIL).
#
#   bench/probe.sh [--scenarios "outage pool slowloris leak fuzz"] [--no-build] [--bound 1.5]
#                  [--outage-clients 4] [--outage-down 5] [--cold-requests 6]
#                  [--pool 2] [--acquisition-timeout 1]
#                  [--slowloris-conns 100] [--header-timeout 2]
#                  [--leak-requests 10000] [--leak-clients 8] [--fuzz-cases 1000] [--seed 1]
#
# outage     steady GETs from several clients; PostgreSQL stopped (pg_ctl stop -m fast) and started again: time to the
#            first 503, every answer while down a 503 PGRST000/PGRST001 within the bound, time to the first 200 after
#            the start, no 500; then a cold start of the service with the database down (concurrent requests answered
#            together) and the time to the first 200 once it is up
# pool       every pooled connection blocked by a table lock: the requests beyond the pool get 504 PGRST003 at the
#            acquisition timeout, none a 500, and the pool serves again afterwards
# slowloris  connections sending their headers a byte at a time: closed after server-header-timeout while a normal
#            client keeps getting 200s
# leak       users, a banned user and anonymous interleaved on shared connections, failing requests mixed in: every
#            answer is checked against its own identity and request (no other identity, no leftover settings)
# fuzz       random URLs (select/filter/order grammar, percent-encoded bytes), headers and bodies against tables and
#            functions: the status distribution, no 500 but PostgREST's own 500 mappings, every error JSON
#
# The issue's sizes: --leak-requests 100000 --fuzz-cases 5000. It builds the example as bench/run.sh does (skip with
# --no-build), starts a throwaway PostgreSQL cluster on a free loopback port with the example's migrations and one
# service per scenario; everything is stopped on exit. Results go to bench/results/probe-<timestamp>/.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")

SCENARIOS="outage pool slowloris leak fuzz"
BUILD=1
BOUND=1.5
OUTAGE_CLIENTS=4
OUTAGE_DOWN=5
COLD_REQUESTS=6
POOL=2
ACQUISITION_TIMEOUT=1
SLOWLORIS_CONNS=100
HEADER_TIMEOUT=2
LEAK_REQUESTS=10000
LEAK_CLIENTS=8
FUZZ_CASES=1000
SEED=1

usage() { sed -n '2,26p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }
while [[ $# -gt 0 ]]; do
  case "$1" in
    --scenarios) SCENARIOS=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --bound) BOUND=$2; shift 2 ;;
    --outage-clients) OUTAGE_CLIENTS=$2; shift 2 ;;
    --outage-down) OUTAGE_DOWN=$2; shift 2 ;;
    --cold-requests) COLD_REQUESTS=$2; shift 2 ;;
    --pool) POOL=$2; shift 2 ;;
    --acquisition-timeout) ACQUISITION_TIMEOUT=$2; shift 2 ;;
    --slowloris-conns) SLOWLORIS_CONNS=$2; shift 2 ;;
    --header-timeout) HEADER_TIMEOUT=$2; shift 2 ;;
    --leak-requests) LEAK_REQUESTS=$2; shift 2 ;;
    --leak-clients) LEAK_CLIENTS=$2; shift 2 ;;
    --fuzz-cases) FUZZ_CASES=$2; shift 2 ;;
    --seed) SEED=$2; shift 2 ;;
    -h|--help) usage 0 ;;
    *) echo "unknown option $1" >&2; usage 1 ;;
  esac
done
for s in $SCENARIOS; do
  [[ " outage pool slowloris leak fuzz " == *" $s "* ]] || { echo "unknown scenario $s" >&2; exit 1; }
done

. "$HERE/lib.sh"
require_tools psql:postgresql-client curl:curl python3:python3

OUT="$HERE/results/probe-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"

build_example

pg_create "$OUT/initdb.log"
log "loading the example's migrations"
pg_load_example probe

# ---------------------------------------------------------------------------------------------------------------------
# one service per scenario, each with its own settings
# ---------------------------------------------------------------------------------------------------------------------
SVC_PID=""
# start_service <name> <wait: up|listening> [db-pool] [extra configuration lines]
start_service() {
  SVC_PORT=$(free_port)
  { example_conf probe "$SVC_PORT" "${3:-10}"; printf '%s\n' "${4:-}"; } >"$WORK/$1.conf"
  "$JAVA" ${JAVA_OPTS:-} -jar "$JAR" "$WORK/$1.conf" >"$OUT/service-$1.log" 2>&1 &
  SVC_PID=$!
  PIDS+=("$SVC_PID")
  wait_for 60 "service_$2" || { echo "the service ($1) did not start within 60 s" >&2; tail -n 30 "$OUT/service-$1.log" >&2; exit 1; }
}
service_up() {
  kill -0 "$SVC_PID" 2>/dev/null || { echo "the service exited" >&2; return 2; }
  [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$SVC_PORT/books?id=eq.1" || true) == 200 ]]
}
service_listening() {
  kill -0 "$SVC_PID" 2>/dev/null || { echo "the service exited" >&2; return 2; }
  (exec 3<>"/dev/tcp/127.0.0.1/$SVC_PORT") 2>/dev/null
}
stop_service() {
  kill "$SVC_PID" 2>/dev/null || true
  wait "$SVC_PID" 2>/dev/null || true
}

FIGURES="$OUT/figures.tsv"
: >"$FIGURES"
STATUS=0
# probe <scenario> [probe.py arguments]: runs the client side, keeps its figures, remembers a FAIL
probe() {
  local rc=0
  log "$1"
  python3 "$HERE/probe/probe.py" "$@" --port "$SVC_PORT" --seed "$SEED" --bound "$BOUND" \
    2> >(tee -a "$OUT/probe.log" >&2) | tee -a "$FIGURES" | cut -f 3- | column -t -s $'\t' >&2 || rc=$?
  (( rc == 0 )) || STATUS=1
}

PG_CTL="$PGBIN/pg_ctl -D $WORK/pg -w -t 60"
[[ $(id -u) -eq 0 ]] && PG_CTL="runuser -u postgres -- $PG_CTL"

for s in $SCENARIOS; do
  case $s in
    outage)
      start_service outage up
      probe outage --clients "$OUTAGE_CLIENTS" --down "$OUTAGE_DOWN" \
        --stop-cmd "$PG_CTL -m fast stop" --start-cmd "$PG_CTL -l $WORK/pg/server.log start"
      stop_service
      pg_stop fast
      start_service cold listening
      probe cold --requests "$COLD_REQUESTS" --start-cmd "$PG_CTL -l $WORK/pg/server.log start"
      stop_service
      ;;
    pool)
      start_service pool up "$POOL" "db-pool-acquisition-timeout = $ACQUISITION_TIMEOUT"
      hold=$(( ${ACQUISITION_TIMEOUT%.*} + 4 ))
      # a signed-in user: anon's statement_timeout (3 s, V30) would end the wait before the lock does
      token=$("${PSQL[@]}" -d probe -At -c "select basic_auth.sign(json_build_object('role', 'alice',
        'email', 'alice@example.com', 'exp', extract(epoch from now())::bigint + 3600), '$SECRET')")
      probe pool --pool "$POOL" --acquisition-timeout "$ACQUISITION_TIMEOUT" --token "$token" \
        --lock-cmd "${PSQL[*]} -d probe -c 'begin' -c 'lock table api.books in access exclusive mode' \
          -c 'select pg_sleep($hold)' -c 'commit'" \
        --lock-check-cmd "${PSQL[*]} -d probe -At -c \"select exists (select from pg_locks where relation =
          'api.books'::regclass and mode = 'AccessExclusiveLock' and granted)\""
      stop_service
      ;;
    slowloris)
      start_service slowloris up 10 "server-header-timeout = $HEADER_TIMEOUT"
      probe slowloris --conns "$SLOWLORIS_CONNS" --header-timeout "$HEADER_TIMEOUT"
      stop_service
      ;;
    leak)
      start_service leak up
      probe leak --requests "$LEAK_REQUESTS" --clients "$LEAK_CLIENTS"
      # nothing left behind in the database: no session of the service inside a transaction
      open=$("${PSQL[@]}" -d probe -At -c "select count(*) from pg_stat_activity where usename = 'authenticator'
        and state like 'idle in transaction%'")
      verdict=PASS; [[ $open == 0 ]] || { verdict=FAIL; STATUS=1; }
      printf 'FIG\tleak\tservice sessions left idle in transaction\t%s\t0\t%s\n' "$open" "$verdict" | tee -a "$FIGURES" >&2
      stop_service
      ;;
    fuzz)
      start_service fuzz up
      probe fuzz --cases "$FUZZ_CASES"
      stop_service
      ;;
  esac
done

# ---------------------------------------------------------------------------------------------------------------------
# the table
# ---------------------------------------------------------------------------------------------------------------------
{
  echo "| scenario | figure | value | expected | |"
  echo "|---|---|---|---|---|"
  awk -F '\t' '{ v = ($6 == "info") ? "" : $6; gsub(/\|/, "\\|", $4); printf "| %s | %s | %s | %s | %s |\n", $2, $3, $4, $5, v }' "$FIGURES"
  echo
  echo "machine: $(nproc) cores, $(awk -F': ' '/model name/{print $2; exit}' /proc/cpuinfo)," \
    "$(free -h | awk '/Mem:/{print $2}') RAM; PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}');" \
    "$("$JAVA" -version 2>&1 | head -n 1)"
} >"$OUT/summary.md"
log "results in ${OUT#"$ROOT"/}"
cat "$OUT/summary.md"
grep -q $'\tFAIL$' "$FIGURES" && STATUS=1
exit "$STATUS"

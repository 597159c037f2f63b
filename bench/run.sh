#!/usr/bin/env bash
# pgapi's performance harness: one command from a fresh Debian machine to a table of numbers.
#
#   bench/run.sh [--duration 10s] [--connections "32 64"] [--pool 8] [--peer postgraphile]
#                [--db-params prepareThreshold=1] [--no-build] [--no-generate] [--profile]
#                [--scenarios "single embed"] [--no-pgbench] [--replica]
#
# It builds the example service, starts a throwaway PostgreSQL cluster on a free loopback port, loads the example's
# migrations plus bench/sql/bulk.sql (100k books), starts the service, measures startup, runs wrk over the scenarios
# and pgbench over the SQL one request sends (PostgREST's transaction and pgapi's own pipeline), and prints every
# service figure as a ratio to those ceilings. Everything it starts is stopped on exit; only 127.0.0.1 is targeted.
# Results go to bench/results/<timestamp>/ (summary.md, raw wrk/pgbench output, the captured SQL, logs). Per request it
# also reports the service's allocation and the CPU each party used on the shared cores (service, wrk, PostgreSQL,
# pgbench's client), and from those the best ratio to pgbench the service could reach if it cost no CPU at all.
# Scenarios: single custom filter20 rpc anon embed insert (custom: the single-row read as a hand-written jOOQ endpoint,
# reported as a ratio to single; it has no pgbench ceiling). The service runs as the docs say: the start script the
# build writes next to the jar; JAVA_OPTS in the environment follow its JVM options. MAVEN_ARGS_EXTRA (e.g. "-o") go
# to every Maven run.
# --replica adds a streaming replica of the cluster (pg_basebackup -R) and runs the read scenarios on one service with
# db-read-uris, in turns with the replica and with every read kept on the primary (Pgapi-Read: primary).
set -Eeuo pipefail
# under set -e a failing command ends the script: say which one (not for commands inside $(...), whose failure the
# command using them reports, if it matters)
trap 'rc=$?; (( BASH_SUBSHELL > 0 )) || echo "bench/run.sh: line $LINENO: \"$BASH_COMMAND\" failed (exit $rc)" >&2' ERR

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")

DURATION=10s
CONNECTIONS="32 64"
POOL=8
PEER=""
DB_PARAMS=""
BUILD=1
GENERATE=1
PROFILE=0
PGBENCH=1
REPLICA=0
SCENARIOS="single custom filter20 rpc anon embed insert"
WARMUP=5s
JIT_WARMUP=15s

usage() { sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }
while [[ $# -gt 0 ]]; do
  case "$1" in
    --duration) DURATION=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --pool) POOL=$2; shift 2 ;;
    --peer) PEER=$2; shift 2 ;;
    --db-params) DB_PARAMS=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --no-generate) GENERATE=0; shift ;;
    --profile) PROFILE=1; shift ;;
    --scenarios) SCENARIOS=$2; shift 2 ;;
    --no-pgbench) PGBENCH=0; shift ;;
    --replica) REPLICA=1; shift ;;
    -h|--help) usage 0 ;;
    *) echo "unknown option $1" >&2; usage 1 ;;
  esac
done
[[ -z "$PEER" || "$PEER" == postgraphile ]] || { echo "--peer supports only postgraphile" >&2; exit 1; }
SECONDS_PER_RUN=${DURATION%s}
[[ "$SECONDS_PER_RUN" =~ ^[0-9]+$ ]] || { echo "--duration takes whole seconds, e.g. 10s" >&2; exit 1; }

. "$HERE/lib.sh"

tools=(wrk:wrk pgbench:postgresql-contrib psql:postgresql-client curl:curl jq:jq)
[[ -n "$PEER" ]] && tools+=("npm:nodejs npm")
require_tools "${tools[@]}"

STAMP=$(date +%Y%m%d-%H%M%S)
OUT="$HERE/results/$STAMP"
mkdir -p "$OUT"

# ---------------------------------------------------------------------------------------------------------------------
# build
# ---------------------------------------------------------------------------------------------------------------------
build_example

# ---------------------------------------------------------------------------------------------------------------------
# PostgreSQL
# ---------------------------------------------------------------------------------------------------------------------
pg_create "$OUT/initdb.log" "shared_buffers = 512MB"
log "loading the example's migrations and bench/sql/bulk.sql"
t0=$(ms_now)
pg_load_example bench
"${PSQL[@]}" -d bench -f "$HERE/sql/bulk.sql" >/dev/null
LOAD_MS=$(( $(ms_now) - t0 ))
counts=$("${PSQL[@]}" -d bench -At -F ' ' -c \
  "select (select count(*) from api.books), (select count(*) from api.book_readers), (select count(*) from api.authors)")
read -r N_BOOKS N_BOOK_READERS N_AUTHORS <<<"$counts"
echo "books $N_BOOKS, book_readers $N_BOOK_READERS, authors $N_AUTHORS (loaded in ${LOAD_MS} ms)" >&2

# tokens as api.login issues them (role + email), valid for a day; PostGraphile insists on its own audience
sign() { # role email [aud]
  local aud=null
  [[ -n "${3:-}" ]] && aud="'$3'"
  "${PSQL[@]}" -d bench -At -c "select basic_auth.sign(json_strip_nulls(json_build_object('role', '$1',
    'email', '$2', 'aud', $aud, 'exp', extract(epoch from now())::bigint + 86400)), '$SECRET')"
}
TOKENS="$(sign alice alice@example.com) $(sign bob bob@example.com) $(sign webuser carol@example.com)"
ALICE=${TOKENS%% *}

# ---------------------------------------------------------------------------------------------------------------------
# the service
# ---------------------------------------------------------------------------------------------------------------------
SVC_PORT=$(free_port)
ADMIN_PORT=$(free_port)
# the admin server's /metrics gives the JVM's allocated bytes (counted by Micrometer at each collection)
{ example_conf bench "$SVC_PORT" "$POOL" "$DB_PARAMS"; echo "admin-server-port = $ADMIN_PORT"; } >"$WORK/bench.conf"
BASE="http://127.0.0.1:$SVC_PORT"
status_of() { curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$@" || true; }
served() {
  kill -0 "$SVC_PID" 2>/dev/null || { echo "the service exited" >&2; return 2; }
  [[ $(status_of "$BASE/books?id=eq.1") == 200 ]]
}

[[ -x "${JAR%.jar}" ]] || { echo "${JAR%.jar} missing: the build writes it during package (pgapi:launcher)" >&2; exit 1; }
# as the docs tell users to run it: the start script the build writes next to the jar (the recommended JVM options
# and the startup cache trained during package); it adds JAVA_OPTS after its own options
log "starting the service with ${JAR%.jar} (db-pool $POOL${DB_PARAMS:+, $DB_PARAMS}${JAVA_OPTS:+, JAVA_OPTS=$JAVA_OPTS})"
t0=$(ms_now)
JAVA_OPTS=${JAVA_OPTS:-} "${JAR%.jar}" "$WORK/bench.conf" >"$OUT/service.log" 2>&1 &
SVC_PID=$!
PIDS+=("$SVC_PID")
wait_for 60 served || { echo "the service did not answer within 60 s" >&2; tail -n 30 "$OUT/service.log" >&2; exit 1; }
STARTUP_MS=$(( $(ms_now) - t0 ))
echo "first 200 after ${STARTUP_MS} ms" >&2

# ---------------------------------------------------------------------------------------------------------------------
# what one request sends: capture the statements of each scenario with log_statement = all
# ---------------------------------------------------------------------------------------------------------------------
pg_setting() { "${PSQL[@]}" -d bench -c "alter system set $1" -c "select pg_reload_conf()" >/dev/null; sleep 0.3; }
AUTH=(-H "Authorization: Bearer $ALICE")
# one request, bounded by REQUEST_TIMEOUT seconds (the first request of a shape can take seconds on a loaded machine:
# the JIT is cold); a failure names the request instead of ending the script silently
REQUEST_TIMEOUT=30
call_api() { # name curl-arguments...
  local name=$1 rc=0; shift
  curl -s --max-time "$REQUEST_TIMEOUT" "$@" || rc=$?
  if [[ $rc -ne 0 ]]; then
    echo "request $name failed: curl exit $rc$([[ $rc -eq 28 ]] && echo " (no complete answer within $REQUEST_TIMEOUT s)")" >&2
    return "$rc"
  fi
}
# the same requests are the bench group of the example's SQL goldens, which write bench/pgbench/pgapi_*.sql
request_single() { call_api single "${AUTH[@]}" "$@" "$BASE/books?id=eq.42"; }
request_custom() { call_api custom "${AUTH[@]}" "$@" "$BASE/lookup/books/42"; }
request_filter20() { call_api filter20 "${AUTH[@]}" "$@" "$BASE/books?select=id,title,published,author_id&id=gt.500&order=id&limit=20"; }
request_rpc() { call_api rpc "${AUTH[@]}" "$@" -H 'Content-Type: application/json' -d '{"a":40,"b":2}' "$BASE/rpc/add"; }
request_anon() { call_api anon "$@" "$BASE/books?id=eq.42"; }
request_embed() { call_api embed "${AUTH[@]}" "$@" "$BASE/authors?select=id,name,books(id,title)&id=eq.42"; }
request_insert() { call_api insert "${AUTH[@]}" "$@" -H 'Content-Type: application/json' \
  -H 'Prefer: return=representation' -d '{"title":"Bench book","author_id":1}' "$BASE/books"; }

log "capturing the SQL of one request per scenario (log_statement = all)"
: >"$OUT/captured-sql.log"
# single always (the statement count below reads it), then the scenarios asked for
for s in single ${SCENARIOS//single/}; do
  # the first use of a shape may differ (pgjdbc prepares after a few uses, jOOQ initialises): capture a later one
  request_$s >/dev/null || true
  before=$(wc -l <"$WORK/pg/server.log")
  pg_setting "log_statement = 'all'"
  request_$s >/dev/null
  pg_setting "log_statement = 'none'"
  {
    echo "### $s"
    tail -n +"$((before + 1))" "$WORK/pg/server.log" \
      | grep -v -e 'pg_reload_conf' -e 'alter system' -e 'received SIGHUP' -e 'parameter "log_statement"' || true
  } >>"$OUT/captured-sql.log"
done
# one implicit transaction per request: every statement of a request shows the same virtual transaction id (%v)
STATEMENTS_PER_REQUEST=$(awk '/^### single/{f=1;next} /^###/{f=0} f && /LOG:  (execute|statement: [^ ])/' "$OUT/captured-sql.log" | wc -l)
VXIDS_PER_REQUEST=$(awk '/^### single/{f=1;next} /^###/{f=0} f && /LOG:  (execute|statement: [^ ])/{print $4}' "$OUT/captured-sql.log" | sort -u | wc -l)
echo "single-row read: $STATEMENTS_PER_REQUEST statements in $VXIDS_PER_REQUEST transaction(s), no BEGIN/COMMIT" >&2

log "spot-checking one response per scenario"
check() { # name jq-filter; only the scenarios asked for
  [[ " $SCENARIOS " == *" $1 "* ]] || return 0
  local body; body=$(request_$1)
  printf '%s: %s\n' "$1" "${body:0:160}" >>"$OUT/spot-checks.txt"
  jq -e "$2" <<<"$body" >/dev/null || { echo "spot check $1 failed: ${body:0:300}" >&2; exit 1; }
}
check single 'length == 1 and .[0].id == 42 and .[0].title == "Book number 42"'
check custom 'length == 1 and .[0].id == 42 and .[0].title == "Book number 42"'
check filter20 'length == 20 and .[0].id == 501 and .[19].id == 520 and (.[0] | keys | length) == 4'
check rpc '. == 42'
check anon 'length == 1 and .[0].id == 42'
# author 42 wrote the books whose id * 7919 % 10000 == 41 (bench/sql/bulk.sql): ten of them
check embed 'length == 1 and .[0].id == 42 and .[0].name == "Author 42" and (.[0].books | length) == 10
  and all(.[0].books[]; (keys == ["id", "title"]) and .title == "Book number \(.id)")'
check insert "length == 1 and .[0].id > $N_BOOKS and .[0].title == \"Bench book\" and .[0].author_id == 1
  and (.[0] | keys | length) == 5"
cat "$OUT/spot-checks.txt" >&2

# ---------------------------------------------------------------------------------------------------------------------
# measurement helpers
# ---------------------------------------------------------------------------------------------------------------------
TICKS=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# PostgreSQL's CPU: the postmaster, its live children, and what exited children left in its cutime/cstime; the
# replica's too while it runs
pg_ticks() {
  local total=0 pm c
  for pm in "$PG_PID" ${REPLICA_PID:-}; do
    total=$(( total + $(awk '{print $14 + $15 + $16 + $17}' "/proc/$pm/stat") ))
    for c in $(cat "/proc/$pm/task/$pm/children" 2>/dev/null); do
      [[ -r /proc/$c/stat ]] && total=$(( total + $(awk '{print $14 + $15}' "/proc/$c/stat" 2>/dev/null || echo 0) ))
    done
  done
  echo "$total"
}
hwm_kb() { awk '/VmHWM/{print $2}' "/proc/$1/status"; }
reset_hwm() { echo 5 >"/proc/$1/clear_refs" 2>/dev/null || true; }

RESULTS="$OUT/results.tsv"
printf 'kind\tscenario\tconns\trps\tp50_ms\tp99_ms\terrors\tsvc_cpu_s\tsvc_cpu_us_per_req\tpg_cpu_s\tpeak_rss_mb\n' >"$RESULTS"

# bytes the service's JVM allocated so far (Micrometer adds a young collection's growth at each collection, so over a
# run of thousands of collections the count is exact to within one young generation); empty for other targets
allocated_bytes() { # kind
  [[ $1 == pgapi || $1 == warmup ]] || return 0
  curl -s --max-time 5 "http://127.0.0.1:$ADMIN_PORT/metrics" \
    | awk '$1 == "jvm_gc_memory_allocated_bytes_total" {printf "%.0f", $2}'
}
run_wrk() { # scenario conns duration target-pid [kind]
  local scenario=$1 conns=$2 dur=$3 pid=$4 kind=${5:-pgapi} url=${6:-$BASE}
  local raw="$OUT/wrk-$kind-$scenario-$conns.txt"
  local c0 p0 c1 p1 a0 a1
  reset_hwm "$pid"
  a0=$(allocated_bytes "$kind")
  c0=$(cpu_ticks "$pid"); p0=$(pg_ticks)
  SCENARIO=$scenario TOKENS=${WRK_TOKENS-$TOKENS} MAX_ID=$N_BOOKS MAX_AUTHOR=$N_AUTHORS \
    /usr/bin/time -f '%U %S' -o "$raw.cpu" timeout $(( ${dur%s} + 30 )) wrk -t 2 -c "$conns" -d "$dur" --timeout 5s --latency -s "$HERE/wrk/api.lua" "$url" \
    >"$raw" 2>&1 || { cat "$raw" >&2; exit 1; }
  c1=$(cpu_ticks "$pid"); p1=$(pg_ticks)
  a1=$(allocated_bytes "$kind")
  [[ $kind == warmup ]] && return
  local json; json=$(grep '^RESULT ' "$raw" | cut -d' ' -f2-)
  local rps p50 p99 errors requests
  rps=$(jq -r .rps <<<"$json"); p50=$(jq -r .p50_ms <<<"$json"); p99=$(jq -r .p99_ms <<<"$json")
  requests=$(jq -r .requests <<<"$json"); errors=$(jq -r '.non2xx + .socket_errors' <<<"$json")
  local svc_s pg_s per_req
  svc_s=$(awk -v t=$(( c1 - c0 )) -v h="$TICKS" 'BEGIN{printf "%.2f", t / h}')
  pg_s=$(awk -v t=$(( p1 - p0 )) -v h="$TICKS" 'BEGIN{printf "%.2f", t / h}')
  per_req=$(awk -v s="$svc_s" -v n="$requests" 'BEGIN{printf "%.0f", s * 1e6 / n}')
  # the load generator's own CPU: it shares the cores with the service and PostgreSQL
  local client_us
  client_us=$(awk -v n="$requests" '{printf "%.0f", ($1 + $2) * 1e6 / n}' "$raw.cpu")
  local alloc=n/a
  [[ -n $a0 && -n $a1 ]] && alloc=$(awk -v a="$(( a1 - a0 ))" -v n="$requests" 'BEGIN{printf "%.1f", a / n / 1024}')
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$kind" "$scenario" "$conns" "$rps" "$p50" \
    "$p99" "$errors" "$svc_s" "$per_req" "$pg_s" "$(( $(hwm_kb "$pid") / 1024 ))" "$alloc" "$client_us" "$requests" \
    >>"$RESULTS"
  printf '  %-12s %-9s c=%-3s %9s req/s  p50 %7s ms  p99 %7s ms  errors %s  cpu %ss  rss %s MB  alloc %s KB/req  wrk %s µs/req\n' \
    "$kind" "$scenario" "$conns" "$rps" "$p50" "$p99" "$errors" "$svc_s" "$(( $(hwm_kb "$pid") / 1024 ))" "$alloc" \
    "$client_us" >&2
}

# pgbench variables: the values PostgREST and pgapi bind for alice's request (headers as wrk sends them); the SQL
# goldens generate pgapi_*.sql with these names (docs/performance.md, "The pgbench scripts")
CLAIMS=$("${PSQL[@]}" -d bench -At -c "select (convert_from(basic_auth.url_decode(split_part('$ALICE', '.', 2)),
  'utf8')::jsonb || '{\"role\": \"alice\"}')::text")
HEADERS=$(jq -c -n --arg h "127.0.0.1:$SVC_PORT" --arg a "Bearer $ALICE" '{host: $h, authorization: $a}')
run_pgbench() { # script conns duration
  local script=$1 conns=$2 dur=$3 raw="$OUT/pgbench-$1-$2.txt" p0 p1
  local claims=$CLAIMS role=alice headers=$HEADERS method=GET path=/books
  [[ $script == *rpc ]] && { method=POST; path=/rpc/add; }
  [[ $script == *embed ]] && path=/authors
  if [[ $script == *insert ]]; then
    method=POST
    headers=$(jq -c --arg c application/json --arg p return=representation '. + {"content-type": $c, prefer: $p}' <<<"$headers")
  fi
  # both prepare their statements. pgbench prepares a pipeline's statements before running it, i.e. before the role
  # switch, where the authenticator may not see the schema: pgapi's pipelines run as the superuser (each still
  # switches to the request's role before its main statement, as the service does)
  local mode=prepared user=authenticator
  [[ $script == pgapi_* ]] && user=postgres
  if [[ $script == *anon* ]]; then
    claims='{"role":"anon"}'; role=anon; headers=$(jq -c -n --arg h "127.0.0.1:$SVC_PORT" '{host: $h}')
  fi
  p0=$(pg_ticks)
  /usr/bin/time -f '%U %S' -o "$raw.cpu" timeout $(( ${dur%s} + 60 )) "$PGBIN/pgbench" -h 127.0.0.1 -p "$PGPORT" -U "$user" -n -M "$mode" \
    -c "$conns" -j 2 -T "${dur%s}" -f "$HERE/pgbench/$script.sql" \
    -D "max_id=$N_BOOKS" -D "max_author=$N_AUTHORS" -D "role=$role" -D "claims=$claims" -D "headers=$headers" -D "cookies={}" \
    -D "method=$method" -D "path=$path" -D 'args={"a":40,"b":2}' -D secret_name=app.settings.jwt_secret \
    -D "search_path=\"api\", \"public\"" -D "secret=$SECRET" -D anon_timeout=3s \
    -D claim_email_name=request.jwt.claim.email -D claim_exp_name=request.jwt.claim.exp \
    -D claim_role_name=request.jwt.claim.role -D "claim_email=$(jq -r .email <<<"$CLAIMS")" \
    -D "claim_exp=$(jq -r .exp <<<"$CLAIMS")" bench >"$raw" 2>&1 || { cat "$raw" >&2; exit 1; }
  p1=$(pg_ticks)
  local tps lat failed
  tps=$(awk '/^tps = /{printf "%.1f", $3}' "$raw")
  lat=$(awk '/^latency average = /{print $4}' "$raw")
  failed=$(awk '/^number of failed transactions: /{print $5}' "$raw")
  local txs client_us
  txs=$(awk '/^number of transactions actually processed: /{print $6}' "$raw")
  client_us=$(awk -v n="${txs:-0}" '{printf "%.0f", (n > 0 ? ($1 + $2) * 1e6 / n : 0)}' "$raw.cpu")
  printf 'pgbench\t%s\t%s\t%s\t%s\t\t%s\t\t\t%s\t\t\t%s\t%s\n' "$script" "$conns" "$tps" "$lat" "${failed:-0}" \
    "$(awk -v t=$(( p1 - p0 )) -v h="$TICKS" 'BEGIN{printf "%.2f", t / h}')" "$client_us" "${txs:-0}" >>"$RESULTS"
  printf '  pgbench  %-22s c=%-3s %9s tx/s   avg %7s ms  failed %s  pgbench %s µs/tx\n' "$script" "$conns" "$tps" "$lat" \
    "${failed:-0}" "$client_us" >&2
}

# ---------------------------------------------------------------------------------------------------------------------
# runs
# ---------------------------------------------------------------------------------------------------------------------
# the JIT compilers need about half a minute of load before a server's figures settle; a server runs far longer
load_now() { awk '{print $1 ", " $2 ", " $3}' /proc/loadavg; }
# milliseconds the service's JIT has spent compiling (the admin server's metric; empty for a service without it)
jit_ms() {
  curl -s --max-time 5 "http://127.0.0.1:$ADMIN_PORT/metrics" \
    | awk '/^jvm_compilation_time_ms_total/ {s += $NF; n++} END {if (n) printf "%.0f", s}'
}
# On two busy cores the compiler threads get little CPU, so the JIT may still be compiling after the fixed warm-up (a
# measured run then pays for hundreds of C2 compilations). Warm on, 5 s per scenario per round, until a round spends
# under 2 % of its time compiling; at most about 90 s.
settle_jit() { # scenario...
  local max=$(( 90 / (5 * $#) )) round s before after spent
  (( max >= 1 )) || max=1
  before=$(jit_ms)
  [[ -n $before ]] || return 0
  for round in $(seq "$max"); do
    for s in "$@"; do run_wrk "$s" 32 5s "$SVC_PID" warmup; done
    after=$(jit_ms)
    spent=$(( after - before ))
    before=$after
    echo "  JIT compilation during $(( 5 * $# )) s of load: $spent ms" >&2
    (( spent * 50 < 5000 * $# )) && return 0
  done
  echo "  the JIT still compiles after $(( 5 * $# * max )) s more of load: the figures include some of it" >&2
}
LOAD_BEFORE=$(load_now)
log "warming up the service (${JIT_WARMUP}, then $WARMUP per scenario); load average $LOAD_BEFORE"
run_wrk single 64 "$JIT_WARMUP" "$SVC_PID" warmup
# the hand-written endpoint runs code (jOOQ) the generated ones never use: it gets the same JIT warm-up as single
[[ " $SCENARIOS " == *" custom "* ]] && run_wrk custom 64 "$JIT_WARMUP" "$SVC_PID" warmup
for s in $SCENARIOS; do run_wrk "$s" 32 "$WARMUP" "$SVC_PID" warmup; done
# shellcheck disable=SC2086 # a word list
settle_jit $SCENARIOS

log "wrk against pgapi ($DURATION per run)"
for s in $SCENARIOS; do
  first=1
  for c in $CONNECTIONS; do
    if [[ $PROFILE -eq 1 && $first -eq 1 ]]; then
      log "recording a JFR profile of the $s scenario ($c connections)"
      jcmd "$SVC_PID" JFR.start name="$s" settings=profile filename="$OUT/$s.jfr" >/dev/null
    fi
    run_wrk "$s" "$c" "$DURATION" "$SVC_PID"
    if [[ $PROFILE -eq 1 && $first -eq 1 ]]; then
      jcmd "$SVC_PID" JFR.stop name="$s" >/dev/null
      "${JAVA_HOME:+$JAVA_HOME/bin/}jfr" view --width 160 hot-methods "$OUT/$s.jfr" >"$OUT/$s-hot-methods.txt" 2>&1 || true
    fi
    first=0
  done
done
PEAK_RSS_MB=$(( $(awk '/VmHWM/{print $2}' "/proc/$SVC_PID/status") / 1024 ))

PGBENCH_SCENARIOS=""
if [[ $PGBENCH -eq 1 ]]; then
  PGBENCH_SCENARIOS=${SCENARIOS//custom/}
  log "pgbench: PostgreSQL's ceiling for the SQL of one request ($DURATION per run)"
fi
for s in $PGBENCH_SCENARIOS; do
  for c in $CONNECTIONS; do
    run_pgbench "postgrest_$s" "$c" "$DURATION"
    run_pgbench "pgapi_$s" "$c" "$DURATION"
  done
done
# the latency tail: the service's p99 against pgbench's average latency for PostgREST's transaction, both at 64
# connections of the same run (summary.md has the ratio at every connection count)
if [[ -n "$PGBENCH_SCENARIOS" ]]; then
  if [[ " $CONNECTIONS " == *" 64 "* ]]; then
    log "p99 at 64 connections ÷ pgbench's average latency for PostgREST's transaction at 64 clients"
    for s in $PGBENCH_SCENARIOS; do
      awk -F '\t' -v s="$s" '
        $1 == "pgapi" && $2 == s && $3 == 64 { p99 = $6 }
        $1 == "pgbench" && $2 == "postgrest_" s && $3 == 64 { lat = $5 }
        END { if (lat > 0) printf "  %-9s p99 %7.2f ms ÷ pgbench avg %6.2f ms = %.2f×\n", s, p99, lat, p99 / lat }' "$RESULTS" >&2
    done
  else
    echo "(p99 ÷ pgbench latency at 64 connections: 64 is not in --connections)" >&2
  fi
fi

# stop the service before the peer so they never compete for the cores
kill "$SVC_PID"; wait "$SVC_PID" 2>/dev/null || true

# startup again the plain way, `java -jar` with JAVA_OPTS only (bench/startup.sh repeats both ways N times)
log "startup with java -jar"
t0=$(ms_now)
"$JAVA" ${JAVA_OPTS:-} -jar "$JAR" "$WORK/bench.conf" >>"$OUT/service-plain.log" 2>&1 &
SVC_PID=$!
PIDS+=("$SVC_PID")
wait_for 60 served || { echo "the service did not start with java -jar" >&2; exit 1; }
STARTUP_PLAIN_MS=$(( $(ms_now) - t0 ))
kill "$SVC_PID"; wait "$SVC_PID" 2>/dev/null || true
echo "first 200 after ${STARTUP_MS} ms with the start script, ${STARTUP_PLAIN_MS} ms with java -jar" >&2

# ---------------------------------------------------------------------------------------------------------------------
# read replica: the read scenarios on one service with db-read-uris, with the replica and with Pgapi-Read: primary
# ---------------------------------------------------------------------------------------------------------------------
if [[ $REPLICA -eq 1 ]]; then
  # made only now, so that no walsender or replica competes with the runs above
  pg_create_replica "$OUT/basebackup.log"
  LSN=$("${PSQL[@]}" -d bench -At -c "select pg_current_wal_lsn()")
  t0=$(ms_now)
  wait_for 120 replica_caught_up "$LSN" || { echo "the replica did not replay up to $LSN within 120 s" >&2; exit 1; }
  echo "the replica replayed the primary's WAL up to $LSN (the bulk data and the runs' inserts) in $(( $(ms_now) - t0 )) ms" >&2
  psql -X -q -h 127.0.0.1 -p "$REPLICA_PORT" -U postgres -d bench -At -c "select count(*) from api.books" \
    | { read -r n; echo "books on the replica: $n" >&2; }

  SVC_PORT=$(free_port)
  ADMIN_PORT=$(free_port)
  BASE="http://127.0.0.1:$SVC_PORT"
  REPLICA_POOL="127.0.0.1:$REPLICA_PORT/bench"
  {
    example_conf bench "$SVC_PORT" "$POOL" "$DB_PARAMS"
    echo "db-read-uris = \"postgres://$REPLICA_POOL${DB_PARAMS:+?$DB_PARAMS}\""
    echo "admin-server-port = $ADMIN_PORT"
  } >"$WORK/replica.conf"
  log "starting the service with db-read-uris (its own pool of $POOL connections to the replica)"
  "$JAVA" ${JAVA_OPTS:-} -jar "$JAR" "$WORK/replica.conf" >"$OUT/service-replica.log" 2>&1 &
  SVC_PID=$!
  PIDS+=("$SVC_PID")
  wait_for 60 served || { echo "the service did not answer within 60 s" >&2; tail -n 30 "$OUT/service-replica.log" >&2; exit 1; }

  # where transactions ran, from the admin server's per-pool counters
  metric() { # series (exact, with its labels)
    curl -s --max-time 5 "http://127.0.0.1:$ADMIN_PORT/metrics" | awk -v k="$1" '$1 == k {printf "%.0f", $2; found = 1}
      END {if (!found) print 0}'
  }
  ON_REPLICA="pgapi_db_transactions_total{pool=\"$REPLICA_POOL\"}"
  ON_PRIMARY='pgapi_db_transactions_total{pool="primary"}'
  in_rotation() { curl -s --max-time 5 "http://127.0.0.1:$ADMIN_PORT/metrics" \
    | grep -qF "pgapi_db_replica_in_rotation{replica=\"$REPLICA_POOL\"} 1.0"; }
  wait_for 30 in_rotation || { echo "the replica did not enter rotation within 30 s" >&2; tail -n 30 "$OUT/service-replica.log" >&2; exit 1; }
  n0=$(metric "$ON_REPLICA")
  request_single >/dev/null
  n1=$(metric "$ON_REPLICA")
  request_single -H 'Pgapi-Read: primary' >/dev/null
  n2=$(metric "$ON_REPLICA")
  (( n1 == n0 + 1 && n2 == n1 )) || {
    echo "reads do not reach the replica as configured: its transactions went $n0 → $n1 → $n2 (expected +1, then +0 with Pgapi-Read: primary)" >&2
    exit 1
  }
  echo "a read ran on the replica ($REPLICA_POOL), and with Pgapi-Read: primary it did not" >&2

  REPLICA_SCENARIOS=""
  for s in $SCENARIOS; do
    [[ $s == custom || $s == insert ]] || REPLICA_SCENARIOS+="$s "  # custom uses api.transaction: always the primary
  done
  # both paths warm: the JIT, and the statements prepared on each pool's connections
  log "warming up the service with the replica (${JIT_WARMUP}, then $WARMUP per scenario with and without it)"
  run_wrk single 64 "$JIT_WARMUP" "$SVC_PID" warmup
  for s in $REPLICA_SCENARIOS; do
    PGAPI_READ=primary run_wrk "$s" 32 "$WARMUP" "$SVC_PID" warmup
    run_wrk "$s" 32 "$WARMUP" "$SVC_PID" warmup
  done
  # shellcheck disable=SC2086 # a word list
  settle_jit $REPLICA_SCENARIOS
  log "reads with the replica and without it (Pgapi-Read: primary), in turns ($DURATION per run)"
  r0=$(metric "$ON_REPLICA"); q0=$(metric "$ON_PRIMARY")
  turn=0
  for s in $REPLICA_SCENARIOS; do
    for c in $CONNECTIONS; do
      # which goes first alternates (A B, B A, ...), so that a drift in the machine's load favours neither
      if (( turn++ % 2 == 0 )); then
        PGAPI_READ=primary run_wrk "$s" "$c" "$DURATION" "$SVC_PID" primary-only
        run_wrk "$s" "$c" "$DURATION" "$SVC_PID" replica
      else
        run_wrk "$s" "$c" "$DURATION" "$SVC_PID" replica
        PGAPI_READ=primary run_wrk "$s" "$c" "$DURATION" "$SVC_PID" primary-only
      fi
    done
  done
  r1=$(metric "$ON_REPLICA"); q1=$(metric "$ON_PRIMARY")
  REPLICA_SHARE=$(awk -v r=$(( r1 - r0 )) -v p=$(( q1 - q0 )) 'BEGIN{printf "%d on the replica, %d on the primary", r, p}')
  echo "transactions during these runs: $REPLICA_SHARE (half the runs keep every read on the primary)" >&2
  awk -F '\t' '
    $1 == "primary-only" { base[$2 "/" $3] = $4 }
    $1 == "replica" && base[$2 "/" $3] > 0 { printf "  %-9s c=%-3s %.2f× the req/s without the replica\n", $2, $3, $4 / base[$2 "/" $3] }
  ' "$RESULTS" >&2
  kill "$SVC_PID"; wait "$SVC_PID" 2>/dev/null || true
  as_pg "$PGBIN/pg_ctl" -D "$WORK/replica" -m fast -w -t 60 stop >/dev/null
  REPLICA_STARTED=0
  unset REPLICA_PID
fi

if [[ "$PEER" == postgraphile ]]; then
  PEER_DIR="$HERE/.peer/postgraphile"
  if [[ ! -x "$PEER_DIR/node_modules/.bin/postgraphile" ]]; then
    log "installing postgraphile@4 into bench/.peer"
    mkdir -p "$PEER_DIR"
    (cd "$PEER_DIR" && timeout 600 npm install --silent --no-audit --no-fund postgraphile@4 >"$OUT/npm.log" 2>&1) \
      || { tail -n 20 "$OUT/npm.log" >&2; exit 1; }
  fi
  GQL_PORT=$(free_port)
  log "PostGraphile $(node -p "require('$PEER_DIR/node_modules/postgraphile/package.json').version") on 127.0.0.1:$GQL_PORT"
  "$PEER_DIR/node_modules/.bin/postgraphile" \
    -c "postgres://authenticator:authenticator@127.0.0.1:$PGPORT/bench" --schema api --host 127.0.0.1 \
    --port "$GQL_PORT" --jwt-secret "$SECRET" --default-role anon --disable-query-log --max-pool-size "$POOL" \
    >"$OUT/postgraphile.log" 2>&1 &
  GQL_PID=$!
  PIDS+=("$GQL_PID")
  gql_up() { [[ $(status_of -H 'Content-Type: application/json' -d '{"query":"{__typename}"}' "http://127.0.0.1:$GQL_PORT/graphql") == 200 ]]; }
  wait_for 60 gql_up || { echo "PostGraphile did not start" >&2; tail -n 30 "$OUT/postgraphile.log" >&2; exit 1; }
  GQL_TOKENS="$(sign alice alice@example.com postgraphile) $(sign bob bob@example.com postgraphile) $(sign webuser carol@example.com postgraphile)"
  body=$(curl -s --max-time 30 -H "Authorization: Bearer ${GQL_TOKENS%% *}" -H 'Content-Type: application/json' \
    -d '{"query":"query($id:Int!){bookById(id:$id){id title authorId published tags}}","variables":{"id":42}}' \
    "http://127.0.0.1:$GQL_PORT/graphql")
  printf 'postgraphile graphql: %s\n' "${body:0:160}" | tee -a "$OUT/spot-checks.txt" >&2
  jq -e '.data.bookById.id == 42' <<<"$body" >/dev/null || { echo "PostGraphile spot check failed" >&2; exit 1; }
  WRK_TOKENS=$GQL_TOKENS run_wrk graphql 32 "$WARMUP" "$GQL_PID" warmup "http://127.0.0.1:$GQL_PORT"
  for c in $CONNECTIONS; do
    WRK_TOKENS=$GQL_TOKENS run_wrk graphql "$c" "$DURATION" "$GQL_PID" postgraphile "http://127.0.0.1:$GQL_PORT"
  done
fi

# ---------------------------------------------------------------------------------------------------------------------
# generate on a synthesised 500-table schema
# ---------------------------------------------------------------------------------------------------------------------
GENERATE_S=""
if [[ $GENERATE -eq 1 ]]; then
  log "pgapi:generate on 500 tables (bench/generate-500)"
  "$HERE/generate-500/make-schema.sh" >"$WORK/V1__tables.sql"
  G="$WORK/generate-500"
  mkdir -p "$G/migrations"
  cp "$HERE/generate-500/pom.xml" "$G/pom.xml"
  cp "$WORK/V1__tables.sql" "$G/migrations/"
  t0=$(ms_now)
  PGAPI_VERSION=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$ROOT/pom.xml" | head -n 1)
  # offline (-o): a dependency missing from the local Maven repository fails this step; it is reported and the
  # summary still written, since everything measured above stands without it
  if (cd "$G" && "$ROOT/mvnw" -B -q -o ${MAVEN_ARGS_EXTRA:-} -f "$G/pom.xml" pgapi:generate \
      -Dpgapi.version="$PGAPI_VERSION" >"$OUT/generate-500.log" 2>&1); then
    GENERATE_S=$(awk -v ms=$(( $(ms_now) - t0 )) 'BEGIN{printf "%.1f", ms / 1000}')
    echo "generated $(find "$G/target/generated-sources" "$G/src" -name '*.java' 2>/dev/null | wc -l) files in ${GENERATE_S} s" >&2
    # not timed: the generated code must compile with Maven's defaults (a long chain of foreign keys once overflowed
    # javac's stack)
    t0=$(ms_now)
    if (cd "$G" && "$ROOT/mvnw" -B -q -o ${MAVEN_ARGS_EXTRA:-} -f "$G/pom.xml" compile \
        -Dpgapi.version="$PGAPI_VERSION" >"$OUT/compile-500.log" 2>&1); then
      echo "compiled them in $(awk -v ms=$(( $(ms_now) - t0 )) 'BEGIN{printf "%.1f", ms / 1000}') s" >&2
    else
      echo "compiling the 500 generated tables FAILED (the summary says so); the end of compile-500.log:" >&2
      tail -n 15 "$OUT/compile-500.log" >&2
      GENERATE_S="$GENERATE_S (compiling the generated code failed)"
    fi
  else
    GENERATE_S=failed
    echo "pgapi:generate on 500 tables FAILED, continuing without it (offline, a plugin dependency may be missing" \
      "from the local Maven repository: run Maven once online, or pass MAVEN_ARGS_EXTRA=-Dmaven.repo.local=...);" \
      "the end of generate-500.log:" >&2
    tail -n 15 "$OUT/generate-500.log" >&2
  fi
fi

# ---------------------------------------------------------------------------------------------------------------------
# summary
# ---------------------------------------------------------------------------------------------------------------------
"$HERE/summarize.sh" "$RESULTS" "$STARTUP_MS ms (java -jar: $STARTUP_PLAIN_MS" "$PEAK_RSS_MB" "${GENERATE_S:-n/a}" \
  "$STATEMENTS_PER_REQUEST statements, $VXIDS_PER_REQUEST transaction" >"$OUT/summary.md"
{
  [[ $REPLICA -eq 1 ]] && echo && echo "Transactions during the replica runs: $REPLICA_SHARE (half the runs keep every read on the primary)."
  echo
  echo "machine: $(nproc) cores, $(awk -F': ' '/model name/{print $2; exit}' /proc/cpuinfo)," \
    "$(free -h | awk '/Mem:/{print $2}') RAM; PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}');" \
    "$("$JAVA" -version 2>&1 | head -n 1); wrk $(wrk -v 2>&1 | head -n 1 | awk '{print $2}')"
  echo "data: $N_BOOKS books, $N_BOOK_READERS book_readers, $N_AUTHORS authors; db-pool $POOL${DB_PARAMS:+; $DB_PARAMS};" \
    "$DURATION per run"
  echo "load average (uptime) when the runs began: $LOAD_BEFORE; at the end: $(load_now)"
} >>"$OUT/summary.md"
log "results in ${OUT#"$ROOT"/}"
cat "$OUT/summary.md"

# Shared pieces of bench/run.sh and bench/probe.sh (sourced, not run): logging, a throwaway PostgreSQL cluster on a
# free loopback port with the example's migrations, the service's configuration, and cleanup of everything started.
# The sourcing script sets HERE (bench/) and ROOT (the repository) first.

log() { printf '\n== %s\n' "$*" >&2; }
ms_now() { echo $(( $(date +%s%N) / 1000000 )); }

# installs the Debian packages named when a command is missing: require_tools "wrk:wrk" "psql:postgresql-client" ...
require_tools() {
  local missing=() spec
  for spec in "$@"; do
    command -v "${spec%%:*}" >/dev/null || missing+=(${spec#*:})  # may name several packages
  done
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
  if [[ ${#missing[@]} -gt 0 ]]; then
    [[ $(id -u) -eq 0 ]] || { echo "missing: ${missing[*]} (install them, or run as root)" >&2; exit 1; }
    log "installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  command -v java >/dev/null || [[ -n "${JAVA_HOME:-}" ]] || { echo "java 21 or later is needed on the PATH (or JAVA_HOME)" >&2; exit 1; }
  JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
}

# ---------------------------------------------------------------------------------------------------------------------
# cleanup: everything started registers here (PIDS, PG_STARTED)
# ---------------------------------------------------------------------------------------------------------------------
WORK=$(mktemp -d /tmp/pgapi-bench.XXXXXX)
chmod 755 "$WORK"
PIDS=()
PG_STARTED=0
REPLICA_STARTED=0
cleanup() {
  set +e
  trap - ERR  # failures here (a process already gone) are expected
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null
  done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null
  done
  if [[ $REPLICA_STARTED -eq 1 ]]; then
    as_pg "$PGBIN/pg_ctl" -D "$WORK/replica" -m immediate -w -t 30 stop >/dev/null 2>&1
  fi
  if [[ $PG_STARTED -eq 1 ]]; then
    as_pg "$PGBIN/pg_ctl" -D "$WORK/pg" -m immediate -w -t 30 stop >/dev/null 2>&1
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# initdb refuses to run as root: the cluster belongs to the postgres user then
as_pg() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  local port
  for _ in $(seq 200); do
    port=$(( 20000 + RANDOM % 30000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  echo "no free port found" >&2; exit 1
}

# wait_for <seconds> <command...>: polls every 20 ms until the command succeeds (exit 1 = not yet, other = give up)
wait_for() {
  local deadline=$(( $(ms_now) + $1 * 1000 )); shift
  local rc
  until "$@"; do
    rc=$?
    (( rc == 1 && $(ms_now) < deadline )) || return 1
    sleep 0.02
  done
}

# Builds the project unless BUILD=0 (log in $OUT/build.log) and sets JAR to the example's service jar.
build_example() {
  if [[ $BUILD -eq 1 ]]; then
    log "building (./mvnw -q -DskipTests install)"
    (cd "$ROOT" && ./mvnw -B -q -DskipTests install ${MAVEN_ARGS_EXTRA:-} >"$OUT/build.log" 2>&1) \
      || { tail -n 40 "$OUT/build.log" >&2; exit 1; }
  fi
  JAR="$ROOT/example-project/target/pgapi-example.jar"
  [[ -f "$JAR" ]] || { echo "$JAR missing: run without --no-build" >&2; exit 1; }
}

# ---------------------------------------------------------------------------------------------------------------------
# PostgreSQL
# ---------------------------------------------------------------------------------------------------------------------
# pg_create <log file> [extra postgresql.conf lines]: initdb + start on a free port (PGPORT, PG_PID, PSQL)
pg_create() {
  PGPORT=$(free_port)
  mkdir -p "$WORK/pg" "$WORK/sock"
  [[ $(id -u) -eq 0 ]] && chown postgres "$WORK/pg" "$WORK/sock"
  log "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PGPORT"
  as_pg "$PGBIN/initdb" -D "$WORK/pg" -U postgres -A trust -E UTF8 --locale=C --no-sync >"$1"
  cat >>"$WORK/pg/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $PGPORT
unix_socket_directories = '$WORK/sock'
max_connections = 300
# a throwaway cluster: durability is irrelevant
fsync = off
synchronous_commit = off
full_page_writes = off
log_line_prefix = '%m [%p] %v '
${2:-}
EOF
  pg_start
  PG_STARTED=1
  export PGOPTIONS="-c client_min_messages=warning"
  PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PGPORT" -U postgres)
}
pg_start() {
  as_pg "$PGBIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg/server.log" -w -t 60 start >/dev/null
  PG_PID=$(head -n 1 "$WORK/pg/postmaster.pid")
}
pg_stop() { # [mode]
  as_pg "$PGBIN/pg_ctl" -D "$WORK/pg" -m "${1:-fast}" -w -t 60 stop >/dev/null
}

# pg_create_replica <log file>: a streaming hot standby of the cluster (pg_basebackup -R) on its own free port and
# directory (REPLICA_PORT, REPLICA_PID), stopped by cleanup. initdb's pg_hba.conf already trusts replication from
# 127.0.0.1, and wal_level = replica is PostgreSQL's default.
pg_create_replica() {
  REPLICA_PORT=$(free_port)
  log "streaming replica on 127.0.0.1:$REPLICA_PORT (pg_basebackup -R)"
  mkdir -p "$WORK/replica"
  chmod 700 "$WORK/replica"
  [[ $(id -u) -eq 0 ]] && chown postgres "$WORK/replica"
  as_pg "$PGBIN/pg_basebackup" -h 127.0.0.1 -p "$PGPORT" -U postgres -D "$WORK/replica" -R -X stream --no-sync \
    --checkpoint=fast >"$1" 2>&1 || { cat "$1" >&2; exit 1; }
  # the copied postgresql.conf names the primary's port; later lines win. Feedback keeps the primary from vacuuming
  # rows the replica's reads still see, so the insert scenario does not cancel them (recovery conflicts)
  cat >>"$WORK/replica/postgresql.conf" <<EOF
port = $REPLICA_PORT
hot_standby = on
hot_standby_feedback = on
EOF
  as_pg "$PGBIN/pg_ctl" -D "$WORK/replica" -l "$WORK/replica/server.log" -w -t 60 start >/dev/null \
    || { tail -n 20 "$WORK/replica/server.log" >&2; exit 1; }
  REPLICA_STARTED=1
  REPLICA_PID=$(head -n 1 "$WORK/replica/postmaster.pid")
}

# replica_caught_up <lsn>: whether the replica has replayed the primary's WAL up to <lsn> (exit 1 = not yet)
replica_caught_up() {
  [[ $(psql -X -At -h 127.0.0.1 -p "$REPLICA_PORT" -U postgres -d postgres \
    -c "select pg_is_in_recovery() and pg_last_wal_replay_lsn() >= '$1'::pg_lsn" 2>/dev/null) == t ]]
}

# pg_load_example <database>: creates it and runs the example's migrations in version order
pg_load_example() {
  "${PSQL[@]}" -d postgres -c "create database $1"
  local f
  for f in $(ls "$ROOT"/example-project/src/main/resources/db/migration/V*__*.sql | sort -V); do
    "${PSQL[@]}" -d "$1" -f "$f" >/dev/null
  done
}

# the example's secret (V1): an EXAMPLE value, as in the example's configuration
SECRET="reallyreallyreallyreallyverysafe-example-secret-0123"

# example_conf <database> <service port> <pool> [db-uri parameters]: the example's service configuration
example_conf() {
  cat <<EOF
db-uri = "postgres://authenticator:authenticator@127.0.0.1:$PGPORT/$1${4:+?$4}"
db-schemas = "api"
db-anon-role = "anon"
db-pre-request = "hooks.check_user"
db-pool = $3
jwt-secret = "$SECRET"
app.settings.jwt_secret = "$SECRET"
server-host = "127.0.0.1"
server-port = $2
EOF
}

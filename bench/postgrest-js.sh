#!/usr/bin/env bash
# Runs postgrest-js's own test suite against pgapi, as a user of that client would find it.
#
#   bench/postgrest-js.sh <postgrest-js checkout> [--no-build]
#
# The suite expects PostgREST on localhost:3000 (and :3001) over a database built from its test/db/*.sql. This
# script builds that database in a throwaway cluster (with PostGIS, which the fixture needs), generates a pgapi
# service from it (bench/postgrest-js/pom.xml, a live-database catalog), serves it on both ports with the suite's
# PostgREST configuration, and runs the suite with jest. Failures listed in bench/postgrest-js/expected-failures.txt
# pin PostgREST 12 answers that PostgREST 16 changed; any other failure fails the script. Needs node and npm (the
# suite's dependencies are installed into the checkout with `npm ci`). Output: bench/results/postgrest-js-<timestamp>/.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")

CHECKOUT=""
BUILD=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --no-build) BUILD=0; shift ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) [[ -z "$CHECKOUT" ]] || { echo "one checkout only" >&2; exit 1; }; CHECKOUT=$(cd "$1" && pwd); shift ;;
  esac
done
[[ -n "$CHECKOUT" && -f "$CHECKOUT/test/db/00-schema.sql" && -f "$CHECKOUT/package.json" ]] \
  || { echo "usage: bench/postgrest-js.sh <postgrest-js checkout> [--no-build]" >&2; exit 1; }

. "$HERE/lib.sh"
require_tools psql:postgresql-client curl:curl jq:jq node:nodejs npm:npm

# the fixture creates the postgis extension
PG_MAJOR=$("$PGBIN/postgres" --version | awk '{print int($3)}')
if [[ ! -f "$("$PGBIN/pg_config" --sharedir)/extension/postgis.control" ]]; then
  [[ $(id -u) -eq 0 ]] || { echo "PostGIS for PostgreSQL $PG_MAJOR is missing (postgresql-$PG_MAJOR-postgis-3)" >&2; exit 1; }
  log "installing postgresql-$PG_MAJOR-postgis-3"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "postgresql-$PG_MAJOR-postgis-3" >/dev/null
fi

for port in 3000 3001; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "port $port is in use: the suite needs 3000 and 3001" >&2
    exit 1
  fi
done

OUT="$HERE/results/postgrest-js-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"
VERSION=$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' "$ROOT/pom.xml" | head -n 1)

if [[ $BUILD -eq 1 ]]; then
  log "building pgapi (./mvnw -q -DskipTests install)"
  (cd "$ROOT" && ./mvnw -B -q -DskipTests install >"$OUT/build.log" 2>&1) || { tail -n 40 "$OUT/build.log" >&2; exit 1; }
fi

# as the suite's database image: it loads pg_stat_statements (EXPLAIN VERBOSE shows a "Query Identifier") and sets
# effective_cache_size (EXPLAIN's SETTINGS option lists it)
pg_create "$OUT/initdb.log" "compute_query_id = on
effective_cache_size = 128MB"
log "loading the suite's fixture ($(ls "$CHECKOUT"/test/db/*.sql | xargs -n 1 basename | tr '\n' ' '))"
for f in $(ls "$CHECKOUT"/test/db/*.sql | sort); do
  "${PSQL[@]}" -d postgres -f "$f" >>"$OUT/fixture.log" 2>&1
done

log "generating and packaging the service"
mkdir -p "$WORK/fixture"
cp "$HERE/postgrest-js/pom.xml" "$WORK/fixture/"
(
  cd "$WORK/fixture"
  "$ROOT/mvnw" -B -q -Dpgapi.version="$VERSION" pgapi:generate \
    -Dpgapi.jdbcUrl="jdbc:postgresql://127.0.0.1:$PGPORT/postgres" -Dpgapi.jdbcUser=postgres
  "$ROOT/mvnw" -B -q -Dpgapi.version="$VERSION" -DskipTests package
) >"$OUT/generate.log" 2>&1 || { tail -n 40 "$OUT/generate.log" >&2; exit 1; }

# the suite's PostgREST configuration (its docker-compose file), one service per port it calls
for port in 3000 3001; do
  cat >"$OUT/fixture-$port.conf" <<EOF
db-uri = "postgres://postgres@127.0.0.1:$PGPORT/postgres"
db-schemas = "public,personal"
db-extra-search-path = "extensions"
db-anon-role = "postgres"
db-plan-enabled = true
db-tx-end = "commit-allow-override"
db-aggregates-enabled = true
server-port = $port
EOF
  "$JAVA" -jar "$WORK/fixture/target/fixture.jar" "$OUT/fixture-$port.conf" >"$OUT/service-$port.log" 2>&1 &
  PIDS+=($!)
done
up() { [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "localhost:$1/users?limit=1") == 200 ]] || return 1; }
for port in 3000 3001; do
  wait_for 120 up "$port" || { echo "the service on port $port did not start (see $OUT/service-$port.log)" >&2; exit 1; }
done

if [[ ! -d "$CHECKOUT/node_modules" ]]; then
  log "installing the suite's dependencies (npm ci)"
  (cd "$CHECKOUT" && npm ci --no-audit --no-fund >"$OUT/npm.log" 2>&1) || { tail -n 20 "$OUT/npm.log" >&2; exit 1; }
fi

log "running the suite (jest --runInBand)"
(cd "$CHECKOUT" && npx jest --runInBand --ci --json --outputFile="$OUT/jest.json" >"$OUT/jest.log" 2>&1) || true
[[ -s "$OUT/jest.json" ]] || { tail -n 40 "$OUT/jest.log" >&2; exit 1; }

# "<file> | <test>" of every failed test, against the expected list
jq -r '.testResults[] | (.name | split("/") | last) as $file
       | .assertionResults[] | select(.status == "failed") | "\($file) | \(.fullName)"' "$OUT/jest.json" \
  | sort >"$OUT/failed.txt"
grep -v '^#' "$HERE/postgrest-js/expected-failures.txt" | awk -F' [|] ' 'NF >= 2 {print $1 " | " $2}' | sort \
  >"$WORK/expected.txt"
comm -23 "$OUT/failed.txt" "$WORK/expected.txt" >"$OUT/unexpected.txt"
comm -13 "$OUT/failed.txt" "$WORK/expected.txt" >"$OUT/now-passing.txt"

read -r passed total < <(jq -r '"\(.numPassedTests) \(.numTotalTests)"' "$OUT/jest.json")
{
  echo "postgrest-js suite ($(git -C "$CHECKOUT" log -1 --format=%h 2>/dev/null || echo "no git")) against pgapi $VERSION: $passed of $total tests pass"
  echo "expected failures (PostgREST 12 answers that 16 changed): $(grep -c . "$WORK/expected.txt")"
  if [[ -s "$OUT/now-passing.txt" ]]; then
    echo "listed as expected but passing now (remove them from the list):"
    sed 's/^/  /' "$OUT/now-passing.txt"
  fi
  if [[ -s "$OUT/unexpected.txt" ]]; then
    echo "UNEXPECTED failures (details in jest.log):"
    sed 's/^/  /' "$OUT/unexpected.txt"
  fi
} | tee "$OUT/summary.txt"
[[ ! -s "$OUT/unexpected.txt" ]]

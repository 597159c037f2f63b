#!/usr/bin/env bash
# Runs a container image of the example the way a container runtime would, without one, and checks it serves.
#
#   bench/image/check.sh [example-project/target/jib-image.tar]
#
# For machines without a container engine (run as root): the image's layers are unpacked in order into a root file
# system, /proc and /dev are mounted into it as a runtime would, and the image's entrypoint is started there with
# chroot as the image's user, with the image's environment plus PGRST_* settings for a throwaway PostgreSQL cluster
# holding the example's migrations. It then checks that the service runs as that user (not root), that the admin
# server's /ready answers 200, that the entrypoint with --ready (the container health check) exits 0, and that an
# anonymous and a signed-in request are answered as the example's tests expect. Everything is removed on exit.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ROOT=$(dirname "$HERE")
IMAGE=$(realpath "${1:-$ROOT/example-project/target/jib-image.tar}")
[[ -f "$IMAGE" ]] || { echo "$IMAGE missing: build it with ./mvnw -pl example-project package jib:buildTar" >&2; exit 1; }
[[ $(id -u) -eq 0 ]] || { echo "run as root: the check uses chroot and mounts /proc and /dev" >&2; exit 1; }

. "$HERE/lib.sh"
require_tools psql:postgresql-client curl:curl jq:jq

MOUNTS=()
unmount() {
  local m
  for m in "${MOUNTS[@]}"; do umount -l "$m" 2>/dev/null || true; done
}
trap 'unmount; cleanup' EXIT

fs="$WORK/rootfs"
mkdir -p "$WORK/image" "$fs"
tar -xf "$IMAGE" -C "$WORK/image"
config="$WORK/image/$(jq -r '.[0].Config' "$WORK/image/manifest.json")"
for layer in $(jq -r '.[0].Layers[]' "$WORK/image/manifest.json"); do
  tar --warning=no-unknown-keyword -xf "$WORK/image/$layer" -C "$fs"
done
user=$(jq -r '.config.User // "0"' "$config")
mapfile -t entrypoint < <(jq -r '.config.Entrypoint[]' "$config")
mapfile -t image_env < <(jq -r '.config.Env[]?' "$config")
log "image $(basename "$IMAGE"): $(du -sh "$fs" | cut -f1) unpacked, user $user, entrypoint ${entrypoint[*]}"
[[ "$user" != 0 && "$user" != root && -n "$user" ]] || { echo "FAIL: the image runs as root" >&2; exit 1; }

mkdir -p "$fs/proc" "$fs/dev"
mount -t proc proc "$fs/proc" && MOUNTS+=("$fs/proc")
mount --rbind /dev "$fs/dev" && MOUNTS=("$fs/dev" "${MOUNTS[@]}")

pg_create "$WORK/initdb.log"
pg_load_example app
PORT=$(free_port)
ADMIN=$(free_port)
settings=(
  "PGRST_DB_URI=postgres://authenticator:authenticator@127.0.0.1:$PGPORT/app"
  "PGRST_DB_SCHEMAS=api" "PGRST_DB_ANON_ROLE=anon" "PGRST_DB_PRE_REQUEST=hooks.check_user"
  "PGRST_JWT_SECRET=$SECRET" "PGRST_APP_SETTINGS_JWT_SECRET=$SECRET"
  "PGRST_SERVER_PORT=$PORT" "PGRST_ADMIN_SERVER_PORT=$ADMIN"
)
CHROOT=$(command -v chroot)
in_image() { # the image's entrypoint and arguments, as its user, in its file system and environment
  env -i "${image_env[@]}" "${settings[@]}" "$CHROOT" --userspec="$user:$user" "$fs" "${entrypoint[@]}" "$@"
}

log "starting the image's entrypoint"
in_image >"$WORK/service.log" 2>&1 &
PIDS+=($!)
ready() { [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "localhost:$ADMIN/ready") == 200 ]] || return 1; }
wait_for 120 ready || { tail -n 30 "$WORK/service.log" >&2; echo "FAIL: /ready did not answer 200" >&2; exit 1; }

java_pid=$(pgrep -f -n "jib-classpath-file" || true)
uid=$(awk '/^Uid:/{print $2}' "/proc/$java_pid/status")
[[ "$uid" == "$user" ]] || { echo "FAIL: the service runs as uid $uid, not $user" >&2; exit 1; }
echo "service runs as uid $uid"

in_image --ready >"$WORK/health.log" 2>&1 || { cat "$WORK/health.log" >&2; echo "FAIL: --ready exited non-zero" >&2; exit 1; }
echo "health check (--ready): exit 0"

body=$(curl -s --max-time 5 "localhost:$PORT/books?select=id,title&id=eq.1")
[[ $(jq -r '.[0].id' <<<"$body") == 1 ]] || { echo "FAIL: anonymous read answered $body" >&2; exit 1; }
echo "anonymous read: $body"
token=$("${PSQL[@]}" -d app -At -c "select basic_auth.sign(json_build_object('role', 'alice', 'email', \
  'alice@example.com', 'exp', extract(epoch from now())::bigint + 300), '$SECRET')")
status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 -H "Authorization: Bearer $token" "localhost:$PORT/rpc/me")
[[ $status == 200 ]] || { echo "FAIL: signed-in request answered $status" >&2; exit 1; }
echo "signed-in request: $status"
echo "OK: the image serves as a non-root user"

#!/usr/bin/env bash
# Makes a real OCI registry (CNCF distribution, Debian's docker-registry) answer on loopback for Berth's registry
# integration tests, with deletes enabled and storage in a temporary directory (idempotent).
#
# - If BERTH_TEST_REGISTRY names a registry that answers, nothing is started.
# - Otherwise starts `docker-registry serve` on 127.0.0.1:$BERTH_TEST_REGISTRY_PORT (default 5055), unless something
#   already answers /v2/ there. Log: /tmp/berth-registry/registry.log.
# Prints the registry's URL on stdout, for: export BERTH_TEST_REGISTRY="$(bash scripts/registry-env.sh)"
set -euo pipefail

PORT="${BERTH_TEST_REGISTRY_PORT:-5055}"
DIR="${BERTH_TEST_REGISTRY_DIR:-/tmp/berth-registry}"
START_TIMEOUT=20

log() { echo "registry-env: $*" >&2; }
fail() { log "ERROR: $*"; exit 1; }
answers() { curl -fsS -o /dev/null --max-time 2 "$1/v2/" 2>/dev/null; }

if [ -n "${BERTH_TEST_REGISTRY:-}" ] && answers "$BERTH_TEST_REGISTRY"; then
  log "using BERTH_TEST_REGISTRY=$BERTH_TEST_REGISTRY"
  echo "$BERTH_TEST_REGISTRY"
  exit 0
fi
url="http://127.0.0.1:$PORT"
if answers "$url"; then
  log "a registry already answers on $url"
  echo "$url"
  exit 0
fi
command -v docker-registry >/dev/null 2>&1 \
  || fail "docker-registry is not installed (Debian package docker-registry; scripts/docker-env.sh installs it)"
if ! command -v curl >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq curl >/dev/null
  else
    fail "curl is needed to check the registry"
  fi
fi
mkdir -p "$DIR/data"
cat >"$DIR/config.yml" <<YML
version: 0.1
log: {level: warn}
storage: {filesystem: {rootdirectory: $DIR/data}, delete: {enabled: true}}
http: {addr: 127.0.0.1:$PORT}
YML
# setsid: the registry outlives this script and the build that follows it.
setsid docker-registry serve "$DIR/config.yml" >"$DIR/registry.log" 2>&1 < /dev/null &
deadline=$((SECONDS + START_TIMEOUT))
until answers "$url"; do
  [ $SECONDS -lt $deadline ] || fail "the registry did not answer on $url within ${START_TIMEOUT} s. Log:
$(tail -n 20 "$DIR/registry.log" 2>/dev/null)"
  sleep 0.2
done
log "registry answers on $url"
echo "$url"

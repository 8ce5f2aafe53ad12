#!/usr/bin/env bash
# Makes moto's server (the local stand-in for ECS and ECR, PyPI package moto[server]) answer on loopback for the
# AWS backend's integration tests (idempotent).
#
# - If BERTH_TEST_MOTO names a server that answers, nothing is started.
# - Otherwise installs moto[server] with pip if `moto_server` is missing, and starts it on
#   127.0.0.1:$BERTH_TEST_MOTO_PORT (default 5056), unless something already answers there.
#   Log: /tmp/berth-moto/moto.log.
# Prints the server's URL on stdout, for: export BERTH_TEST_MOTO="$(bash scripts/moto-env.sh)"
set -euo pipefail

PORT="${BERTH_TEST_MOTO_PORT:-5056}"
DIR="${BERTH_TEST_MOTO_DIR:-/tmp/berth-moto}"
MOTO_SPEC="${BERTH_TEST_MOTO_SPEC:-moto[server]>=5,<6}"
START_TIMEOUT=60

log() { echo "moto-env: $*" >&2; }
fail() { log "ERROR: $*"; exit 1; }
answers() { curl -fsS -o /dev/null --max-time 2 "$1/moto-api/" 2>/dev/null; }

if [ -n "${BERTH_TEST_MOTO:-}" ] && answers "$BERTH_TEST_MOTO"; then
  log "using BERTH_TEST_MOTO=$BERTH_TEST_MOTO"
  echo "$BERTH_TEST_MOTO"
  exit 0
fi
url="http://127.0.0.1:$PORT"
if answers "$url"; then
  log "moto already answers on $url"
  echo "$url"
  exit 0
fi

if ! command -v moto_server >/dev/null 2>&1; then
  command -v python3 >/dev/null 2>&1 || fail "python3 is needed to install moto (pip install '$MOTO_SPEC')"
  log "installing $MOTO_SPEC with pip"
  python3 -m pip install -q "$MOTO_SPEC" >&2 \
    || python3 -m pip install -q --break-system-packages "$MOTO_SPEC" >&2 \
    || fail "pip could not install $MOTO_SPEC"
  hash -r
  command -v pyenv >/dev/null 2>&1 && pyenv rehash >/dev/null 2>&1 || true
  command -v moto_server >/dev/null 2>&1 || fail "moto_server is not on the PATH after installing $MOTO_SPEC"
fi

mkdir -p "$DIR"
# setsid: the server outlives this script and the build that follows it.
setsid moto_server -H 127.0.0.1 -p "$PORT" >"$DIR/moto.log" 2>&1 < /dev/null &
deadline=$((SECONDS + START_TIMEOUT))
until answers "$url"; do
  [ $SECONDS -lt $deadline ] || fail "moto did not answer on $url within ${START_TIMEOUT} s. Log:
$(tail -n 20 "$DIR/moto.log" 2>/dev/null)"
  sleep 0.3
done
log "moto answers on $url (moto $(python3 -c 'import moto; print(moto.__version__)' 2>/dev/null || echo '?'))"
echo "$url"

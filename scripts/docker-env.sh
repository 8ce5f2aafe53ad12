#!/usr/bin/env bash
# Makes a Docker engine answer on this machine and builds the images Berth's tests use (idempotent).
#
# - An engine that already answers (a developer's Docker, DOCKER_HOST) is used as it is: nothing is installed.
# - Otherwise, on Debian as root, installs docker.io, docker-registry and busybox-static when missing and starts
#   dockerd in the background (log: /var/log/dockerd.log), then waits for `docker info` to answer.
# - Builds the test images (BERTH_TEST_IMAGES) from a static busybox binary when they are missing; where no such
#   binary exists (a laptop without Debian packages) it pulls the official busybox image instead.
#
# Usage: bash scripts/docker-env.sh        Environment: DOCKER_START_TIMEOUT (seconds, default 60)
set -euo pipefail

BERTH_TEST_IMAGES=(berth-test/busybox:1 berth-test/busybox:2)
START_TIMEOUT="${DOCKER_START_TIMEOUT:-60}"
DOCKERD_LOG=/var/log/dockerd.log

log() { echo "docker-env: $*" >&2; }
fail() { log "ERROR: $*"; exit 1; }
need() { command -v "$1" >/dev/null 2>&1; }

# Debian's client matches Debian's engine; /usr/local/bin/docker on these machines is a newer client only.
docker_cli() {
  if [ -x /usr/bin/docker ]; then echo /usr/bin/docker
  elif need docker; then command -v docker
  else echo ""
  fi
}

engine_answers() {
  local cli
  cli="$(docker_cli)"
  [ -n "$cli" ] && timeout 10 "$cli" info >/dev/null 2>&1
}

can_apt() { [ "$(id -u)" = 0 ] && need apt-get; }

apt_install() {
  log "installing $* with apt-get"
  local started=$SECONDS
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  log "installed $* in $((SECONDS - started)) s"
}

install_missing_packages() {
  local missing=()
  need dockerd || missing+=(docker.io)
  need docker-registry || missing+=(docker-registry)
  [ -x /bin/busybox ] || missing+=(busybox-static)
  # the engine-restart fault test runs a private dockerd in a network namespace of its own
  need ip || missing+=(iproute2)
  need nsenter || missing+=(util-linux)
  [ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"
}

start_engine() {
  if ! need dockerd; then
    fail "no Docker engine answers and dockerd is not installed. Start Docker (or set DOCKER_HOST), or run this \
script as root on Debian so that it installs docker.io."
  fi
  if [ "$(id -u)" != 0 ]; then
    fail "no Docker engine answers. Start Docker (or set DOCKER_HOST); starting dockerd here needs root."
  fi
  log "starting dockerd (log: $DOCKERD_LOG)"
  # setsid: the engine outlives this script and the build that follows it.
  setsid dockerd >"$DOCKERD_LOG" 2>&1 < /dev/null &
  local deadline=$((SECONDS + START_TIMEOUT))
  until engine_answers; do
    if [ $SECONDS -ge $deadline ]; then
      fail "dockerd did not answer 'docker info' within ${START_TIMEOUT} s. Last lines of $DOCKERD_LOG:
$(tail -n 20 "$DOCKERD_LOG" 2>/dev/null)"
    fi
    sleep 0.5
  done
  log "engine answers after $((SECONDS + START_TIMEOUT - deadline)) s"
}

build_test_images() {
  local cli missing=() image
  cli="$(docker_cli)"
  for image in "${BERTH_TEST_IMAGES[@]}"; do
    "$cli" image inspect "$image" >/dev/null 2>&1 || missing+=("$image")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local busybox=""
  [ -x /bin/busybox ] && busybox=/bin/busybox
  if [ -n "$busybox" ]; then
    local ctx
    ctx="$(mktemp -d)"
    cp "$busybox" "$ctx/busybox"
    cat >"$ctx/Dockerfile" <<'DF'
FROM scratch
COPY busybox /bin/busybox
RUN ["/bin/busybox", "--install", "-s", "/bin"]
LABEL dev.berth.test-image=true
CMD ["/bin/sh"]
DF
    # A dynamically linked busybox cannot run in a FROM-scratch image: the RUN step then fails here.
    "$cli" build -q -t "${missing[0]}" "$ctx" >/dev/null \
      || fail "docker build of ${missing[0]} from $busybox failed (it must be a static binary: busybox-static)"
    rm -rf "$ctx"
  else
    log "no static /bin/busybox: pulling busybox:stable-musl for the test images"
    "$cli" pull -q busybox:stable-musl >/dev/null \
      || fail "cannot build the test images: install busybox-static or make busybox:stable-musl pullable"
    "$cli" tag busybox:stable-musl "${missing[0]}"
  fi
  for image in "${missing[@]:1}"; do
    "$cli" tag "${missing[0]}" "$image"
  done
  log "built ${missing[*]}"
}

main() {
  local started=$SECONDS
  if engine_answers; then
    log "a Docker engine answers; using it"
    # Only the busybox binary for the images may be missing; never install an engine beside a running one.
    if [ ! -x /bin/busybox ] && can_apt; then apt_install busybox-static; fi
  else
    if can_apt; then install_missing_packages; fi
    start_engine
  fi
  build_test_images
  log "ready in $((SECONDS - started)) s"
}

main "$@"

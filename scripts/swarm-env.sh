#!/usr/bin/env bash
# A real multi-node Docker Swarm on this one machine, for the Swarm backend's integration tests (idempotent).
#
# Three Docker engines, each in a network namespace of its own with its own data root, exec root, socket, pidfile
# and containerd (dockerd starts its own under the exec root; its containerd namespace is berth-swarm-<bed>-<n>):
#
#   host ── bsw<bed>h 10.221.<bed>.1 ─┐
#                                     │  bridge in netns berth-swarm-<bed>-net
#   berth-swarm-<bed>-0  10.221.<bed>.10  manager   zone-a   unix:///tmp/berth-swarm-<bed>-0/docker.sock
#   berth-swarm-<bed>-1  10.221.<bed>.11  worker    zone-b   unix:///tmp/berth-swarm-<bed>-1/docker.sock
#   berth-swarm-<bed>-2  10.221.<bed>.12  worker    zone-c   unix:///tmp/berth-swarm-<bed>-2/docker.sock
#
# The nodes reach each other over a Linux bridge in a namespace of its own (its iptables stay empty, so bridged
# traffic is never filtered by a node's or the host's Docker rules); the host reaches them through one veth, so
# that tests can call published ports on the nodes' addresses. The nodes have no default route: nothing leaves the
# bed, and a pull from a registry outside fails at once instead of waiting for a resolver. Swarm's ports (2377/tcp, 7946/tcp+udp, 4789/udp)
# run between the nodes' addresses. Each node carries the label ecs.availability-zone (zone-a, -b, -c), which the
# Swarm backend reports as the instance's ecs.availability-zone. The test images (BERTH_TEST_IMAGES) are copied
# from the main engine into each node (docker save | docker load); run scripts/docker-env.sh first.
#
# The main engine (/var/run/docker.sock) is never touched: it is not put into swarm mode.
#
# Usage: bash scripts/swarm-env.sh [start]   builds the swarm unless it is healthy; prints the manager's socket
#        bash scripts/swarm-env.sh stop      removes everything of the bed (daemons, namespaces, directories)
#        bash scripts/swarm-env.sh status    exit 0 when healthy (3 nodes ready, images on each)
#        bash scripts/swarm-env.sh node-stop N | node-start N   stops or starts node N's engine (fault tests)
#        bash scripts/swarm-env.sh check-network   verifies overlay and publishing across the nodes (prints why not)
# Environment: BERTH_SWARM_BED (0-9, default 0) picks the names, addresses and sockets, so that two beds can run
# side by side. Needs root, dockerd, ip (iproute2) and nsenter; prints the manager's socket on stdout:
#   export BERTH_TEST_SWARM="$(bash scripts/swarm-env.sh)"
set -euo pipefail

BED="${BERTH_SWARM_BED:-0}"
case "$BED" in [0-9]) ;; *) echo "swarm-env: BERTH_SWARM_BED must be 0-9, was $BED" >&2; exit 2 ;; esac
NODES=(0 1 2)
ZONES=(zone-a zone-b zone-c)
NET_NS="berth-swarm-$BED-net"
BRIDGE=br0
HOST_IF="bsw${BED}h"
SUBNET="10.221.$BED"
HOST_ADDR="$SUBNET.1"
BERTH_TEST_IMAGES=(berth-test/busybox:1 berth-test/busybox:2)
DOCKER=/usr/bin/docker
DOCKERD=/usr/sbin/dockerd
START_TIMEOUT=60
READY_TIMEOUT=90

log() { echo "swarm-env: $*" >&2; }
fail() { log "ERROR: $*"; exit 1; }

ns() { echo "berth-swarm-$BED-$1"; }
root() { echo "/tmp/berth-swarm-$BED-$1"; }
sock() { echo "unix://$(root "$1")/docker.sock"; }
addr() { echo "$SUBNET.1$1"; }
dk() { local n=$1; shift; timeout 60 "$DOCKER" -H "$(sock "$n")" "$@"; }

require_tools() {
  [ "$(id -u)" = 0 ] || fail "needs root (network namespaces and dockerd)"
  local t
  for t in "$DOCKERD" "$DOCKER"; do
    [ -x "$t" ] || fail "$t is missing: run scripts/docker-env.sh (it installs docker.io)"
  done
  for t in ip nsenter; do
    command -v "$t" >/dev/null 2>&1 || fail "$t is missing (Debian packages iproute2, util-linux)"
  done
}

engine_answers() { [ -S "$(root "$1")/docker.sock" ] && timeout 10 "$DOCKER" -H "$(sock "$1")" version >/dev/null 2>&1; }

# Healthy: every engine answers, the manager sees three Ready nodes and each node has the test images.
healthy() {
  local n ready
  for n in "${NODES[@]}"; do engine_answers "$n" || return 1; done
  ready="$(dk 0 node ls --format '{{.Status}} {{.Availability}}' 2>/dev/null | grep -c '^Ready Active$' || true)"
  [ "$ready" = "${#NODES[@]}" ] || return 1
  for n in "${NODES[@]}"; do
    for image in "${BERTH_TEST_IMAGES[@]}"; do dk "$n" image inspect "$image" >/dev/null 2>&1 || return 1; done
  done
}

make_network() {
  ip netns add "$NET_NS"
  ip netns exec "$NET_NS" ip link set lo up
  ip netns exec "$NET_NS" ip link add "$BRIDGE" type bridge
  ip netns exec "$NET_NS" ip link set "$BRIDGE" up
  ip link add "$HOST_IF" type veth peer name host netns "$NET_NS"
  ip netns exec "$NET_NS" ip link set host master "$BRIDGE" up
  ip addr add "$HOST_ADDR/24" dev "$HOST_IF"
  ip link set "$HOST_IF" up
  local n
  for n in "${NODES[@]}"; do
    ip netns add "$(ns "$n")"
    ip netns exec "$(ns "$n")" ip link set lo up
    ip link add "n$n" netns "$NET_NS" type veth peer name eth0 netns "$(ns "$n")"
    ip netns exec "$NET_NS" ip link set "n$n" master "$BRIDGE" up
    ip netns exec "$(ns "$n")" ip addr add "$(addr "$n")/24" dev eth0
    ip netns exec "$(ns "$n")" ip link set eth0 up
  done
}

start_engine() {
  local n=$1 dir
  dir="$(root "$n")"
  mkdir -p "$dir"
  echo '{}' >"$dir/daemon.json"
  # nsenter enters the network namespace only; "ip netns exec" would also remount /sys and hide cgroup mounts.
  # unshare gives the engine a host name of its own (the node's hostname in the swarm).
  setsid unshare --uts -- sh -c 'hostname "$0" && exec "$@"' "$(ns "$n")" \
    nsenter --net="/var/run/netns/$(ns "$n")" "$DOCKERD" \
    --config-file "$dir/daemon.json" --data-root "$dir/data" --exec-root "$dir/exec" \
    --pidfile "$dir/docker.pid" -H "$(sock "$n")" \
    --containerd-namespace "berth-swarm-$BED-$n" --containerd-plugins-namespace "berth-swarm-plugins-$BED-$n" \
    --default-address-pool "base=10.223.0.0/16,size=24" \
    --label "dev.berth.test-bed=swarm-$BED" \
    >>"$dir/dockerd.log" 2>&1 </dev/null &
  local deadline=$((SECONDS + START_TIMEOUT))
  until engine_answers "$n"; do
    [ $SECONDS -lt $deadline ] || fail "the engine of node $n did not answer within ${START_TIMEOUT} s; last lines of $dir/dockerd.log:
$(tail -n 20 "$dir/dockerd.log")"
    sleep 0.3
  done
}

stop_engine() {
  local n=$1 dir pid
  dir="$(root "$n")"
  [ -f "$dir/docker.pid" ] || return 0
  pid="$(cat "$dir/docker.pid")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    local deadline=$((SECONDS + 60))
    while kill -0 "$pid" 2>/dev/null; do
      if [ $SECONDS -ge $deadline ]; then kill -9 "$pid" 2>/dev/null || true; break; fi
      sleep 0.2
    done
  fi
  rm -f "$dir/docker.pid"
}

load_images() {
  local n=$1 image missing=()
  for image in "${BERTH_TEST_IMAGES[@]}"; do
    "$DOCKER" image inspect "$image" >/dev/null 2>&1 \
      || fail "the main engine has no $image: run scripts/docker-env.sh first"
    dk "$n" image inspect "$image" >/dev/null 2>&1 || missing+=("$image")
  done
  [ ${#missing[@]} -eq 0 ] || "$DOCKER" save "${missing[@]}" | dk "$n" load -q >/dev/null
}

form_swarm() {
  dk 0 swarm init --advertise-addr "$(addr 0)" --listen-addr "$(addr 0):2377" \
    --default-addr-pool 10.222.0.0/16 --default-addr-pool-mask-length 24 >/dev/null
  local token n
  token="$(dk 0 swarm join-token -q worker)"
  for n in "${NODES[@]:1}"; do
    dk "$n" swarm join --token "$token" --advertise-addr "$(addr "$n")" --listen-addr "$(addr "$n"):2377" \
      "$(addr 0):2377" >/dev/null
  done
  for n in "${NODES[@]}"; do
    local id
    id="$(dk "$n" info --format '{{.Swarm.NodeID}}')"
    dk 0 node update --label-add "ecs.availability-zone=${ZONES[$n]}" --label-add "dev.berth.test-node=$n" "$id" \
      >/dev/null
  done
  local deadline=$((SECONDS + READY_TIMEOUT))
  until [ "$(dk 0 node ls --format '{{.Status}}' | grep -c '^Ready$' || true)" = "${#NODES[@]}" ]; do
    [ $SECONDS -lt $deadline ] || fail "the swarm's nodes were not all Ready within ${READY_TIMEOUT} s:
$(dk 0 node ls)"
    sleep 0.5
  done
}

stop_all() {
  local n namespace
  for n in "${NODES[@]}"; do
    stop_engine "$n"
    namespace="-namespace berth-swarm-$BED-$n "
    # container shims the daemon left behind (a container that started while it shut down outlives it)
    pgrep -f -- "$namespace" | xargs -r kill -9 2>/dev/null || true
    grep -o " $(root "$n")[^ ]*" /proc/mounts | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
    rm -rf "$(root "$n")"
    ip netns del "$(ns "$n")" 2>/dev/null || true
  done
  ip link del "$HOST_IF" 2>/dev/null || true
  ip netns del "$NET_NS" 2>/dev/null || true
}

start() {
  require_tools
  if healthy; then
    log "swarm bed $BED is healthy"
    sock 0
    return 0
  fi
  local started=$SECONDS n
  log "building swarm bed $BED (3 engines in network namespaces, $SUBNET.0/24)"
  stop_all
  make_network
  for n in "${NODES[@]}"; do start_engine "$n"; done
  for n in "${NODES[@]}"; do load_images "$n"; done
  form_swarm
  log "ready in $((SECONDS - started)) s: manager $(sock 0), workers $(sock 1) $(sock 2)"
  sock 0
}

# Overlay (VXLAN across the nodes), host-mode publishing and the ingress routing mesh, each tried for real.
check_network() {
  local net=berth-netcheck-$BED failures=0 label="dev.berth.test-bed=netcheck"
  local web='mkdir -p /www; echo "$SVC $(hostname)" >/www/index.html; exec httpd -f -p 8080 -h /www'
  dk 0 network create -d overlay --attachable --label "$label" "$net" >/dev/null
  dk 0 service create -d -q --name netcheck-overlay --label "$label" --mode global --endpoint-mode dnsrr \
    --network "$net" --env SVC=overlay --no-resolve-image berth-test/busybox:1 sh -c "$web" >/dev/null
  dk 0 service create -d -q --name netcheck-host --label "$label" --constraint node.labels.dev.berth.test-node==1 \
    --publish mode=host,published=18082,target=8080 --env SVC=host --no-resolve-image berth-test/busybox:1 \
    sh -c "$web" >/dev/null
  dk 0 service create -d -q --name netcheck-ingress --label "$label" --constraint node.labels.dev.berth.test-node==2 \
    --publish mode=ingress,published=18081,target=8080 --env SVC=ingress --no-resolve-image berth-test/busybox:1 \
    sh -c "$web" >/dev/null
  local deadline=$((SECONDS + 60))
  until [ "$(dk 0 service ls --filter label=$label --format '{{.Replicas}}' | tr '\n' ' ')" = "1/1 1/1 3/3 " ]; do
    [ $SECONDS -lt $deadline ] || { log "services not running: $(dk 0 service ls)"; failures=1; break; }
    sleep 1
  done
  # from a container on the manager to each overlay task (two of them on the other nodes: VXLAN on 4789/udp)
  local answers
  answers="$(dk 0 run --rm --network "$net" --label "$label" berth-test/busybox:1 sh -c \
    'for ip in $(nslookup tasks.netcheck-overlay | awk "/^Address/ && !/:53\$/ {print \$NF}" | sort -u); do
       wget -qO- "http://$ip:8080/"; done' 2>&1 | grep -c '^overlay ' || true)"
  if [ "$answers" = 3 ]; then log "PASS overlay: a container on node 0 reached the tasks on all 3 nodes by their overlay addresses"
  else log "FAIL overlay: $answers of 3 tasks answered over the overlay network"; failures=1; fi
  if curl -fsS --max-time 3 "http://$(addr 1):18082/" | grep -q '^host '; then
    log "PASS host-mode publishing: $(addr 1):18082 answers from the task on node 1"
  else log "FAIL host-mode publishing: $(addr 1):18082 does not answer"; failures=1; fi
  if curl -fsS --max-time 3 "http://$(addr 0):18081/" 2>/dev/null | grep -q '^ingress '; then
    log "PASS ingress: $(addr 0):18081 (no task there) answers through the routing mesh"
  else
    log "FAIL ingress: $(addr 0):18081 does not answer through the routing mesh (the task runs on node 2)"
    if ! zcat /proc/config.gz 2>/dev/null | grep -q '^CONFIG_IP_VS=' && [ -r /proc/config.gz ]; then
      log "     the kernel has no IPVS (CONFIG_IP_VS is not set in /proc/config.gz), which the routing mesh and"
      log "     service VIPs need; the engines log: $(grep -m1 -o 'Could not get ipvs family[^"]*' "$(root 0)/dockerd.log")"
    fi
    failures=1
  fi
  dk 0 service rm netcheck-overlay netcheck-host netcheck-ingress >/dev/null
  local left=$((SECONDS + 30))
  until dk 0 network rm "$net" >/dev/null 2>&1 || [ $SECONDS -ge $left ]; do sleep 1; done
  return $failures
}

node_arg() {
  case "${1:-}" in 0|1|2) ;; *) fail "node must be 0, 1 or 2, was '${1:-}'" ;; esac
}

case "${1:-start}" in
  start) start ;;
  stop) require_tools; stop_all; log "swarm bed $BED removed" ;;
  status) healthy ;;
  node-stop) node_arg "${2:-}"; stop_engine "$2" ;;
  node-start) node_arg "${2:-}"; engine_answers "$2" || start_engine "$2" ;;
  check-network) require_tools; healthy || fail "the bed is not running: start it first"; check_network ;;
  *) fail "unknown command '$1' (start, stop, status, node-stop N, node-start N, check-network)" ;;
esac

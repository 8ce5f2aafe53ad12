#!/usr/bin/env bash
# A real Kubernetes control plane on loopback for the Kubernetes backend's integration tests: etcd, kube-apiserver,
# kube-controller-manager and kube-scheduler built from Kubernetes' own Go modules, and kwok simulating the nodes
# and their pods (no kubelet, no container runs). Idempotent.
#
#   scripts/k8s-env.sh build     builds the pinned binaries once into the cache (skipped when they are there)
#   scripts/k8s-env.sh [start]   builds if needed, starts what is not running, prints the kubeconfig's path
#   scripts/k8s-env.sh stop      stops what `start` started
#   scripts/k8s-env.sh status    says what runs
#
# For: export BERTH_TEST_KUBECONFIG="$(bash scripts/k8s-env.sh)"
#
# Settings (environment):
#   BERTH_K8S_CACHE   binaries, Go module and build caches, outside the repository
#                     (default /var/cache/berth/k8s-v1.37.2; about 6 GB after a build, 440 MB of it binaries)
#   BERTH_K8S_STATE   certificates, etcd data, logs, kubeconfig, pids (default /tmp/berth-k8s)
#   BERTH_K8S_PORT    the API server's port on 127.0.0.1 (default 16443; etcd uses 16379 and 16380)
#   BERTH_K8S_NODES   how many kwok nodes `start` makes sure exist, named kwok-node-0.. (default 0: tests create
#                     their own; a benchmark may ask for hundreds)
#   BERTH_K8S_BUILD_TIMEOUT  seconds the build may take (default 3600)
#   BERTH_K8S_CLIENT_QPS  requests per second the controller manager and the scheduler may send the API server (burst
#                     twice that); default Kubernetes' own (20 and 50). For benchmarks that load the control plane.
#   BERTH_K8S_NODE_MONITOR_GRACE_PERIOD  how long a node's lease may go unrenewed before the node lifecycle controller
#                     marks the node NotReady and the Ready condition of its pods False (kube-controller-manager
#                     --node-monitor-grace-period, a Go duration such as 1h); default Kubernetes' own (50s). For
#                     benchmarks that saturate the API server, so that kwok's renewals fall behind: kwok runs no
#                     kubelet, so nothing would set those pods Ready again (see scripts/bench-control-plane.sh).
#
# Versions are pinned below; ../docs/testing.md says how the control plane is used by the tests.
set -euo pipefail

K8S_VERSION=v1.37.2
STAGING_VERSION=v0.37.2
KWOK_VERSION=v0.8.0

CACHE="${BERTH_K8S_CACHE:-/var/cache/berth/k8s-$K8S_VERSION}"
STATE="${BERTH_K8S_STATE:-/tmp/berth-k8s}"
PORT="${BERTH_K8S_PORT:-16443}"
ETCD_CLIENT_PORT="${BERTH_K8S_ETCD_PORT:-16379}"
ETCD_PEER_PORT=$((ETCD_CLIENT_PORT + 1))
NODES="${BERTH_K8S_NODES:-0}"
BUILD_TIMEOUT="${BERTH_K8S_BUILD_TIMEOUT:-3600}"
CLIENT_QPS="${BERTH_K8S_CLIENT_QPS:-}"
NODE_MONITOR_GRACE_PERIOD="${BERTH_K8S_NODE_MONITOR_GRACE_PERIOD:-}"
BIN="$CACHE/bin"
BUILT_MARK="$BIN/.built-$K8S_VERSION-kwok-$KWOK_VERSION"
BINARIES=(etcd kube-apiserver kube-controller-manager kube-scheduler kwok)

log() { echo "k8s-env: $*" >&2; }
fail() {
  log "ERROR: $*"
  mkdir -p "$STATE" && echo "$*" >"$STATE/failed"
  exit 1
}

go_env() {
  # The build's caches live in the cache directory, so that neither ~/go nor ~/.cache grow and a later run reuses them.
  export GOMODCACHE="$CACHE/gomod" GOCACHE="$CACHE/gocache" GOPATH="$CACHE/gopath" GOFLAGS=-mod=mod
  export CGO_ENABLED=0 GOTOOLCHAIN=local GOTELEMETRY=off
}

# ---------------------------------------------------------------------------------------------------------------
# build
# ---------------------------------------------------------------------------------------------------------------

built() {
  [ -f "$BUILT_MARK" ] || return 1
  local b
  for b in "${BINARIES[@]}"; do [ -x "$BIN/$b" ] || return 1; done
  [ -f "$CACHE/kwok-stages.yaml" ]
}

# The wrapper module lives in the cache, never in the repository: it only pins k8s.io/kubernetes and the staging
# modules that its go.mod requires at v0.0.0 (inside Kubernetes' own repository they are replaced by directories).
write_wrapper_module() {
  local src="$CACHE/src" kgomod
  mkdir -p "$src"
  kgomod="$(cd "$src" && go mod download -json "k8s.io/kubernetes@$K8S_VERSION" | sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",*$/\1/p')"
  [ -f "$kgomod" ] || fail "could not download k8s.io/kubernetes@$K8S_VERSION through the Go module proxy"
  {
    echo "module berth.local/k8s-control-plane"
    echo
    echo "go $(sed -n 's/^go \([0-9.]*\)$/\1/p' "$kgomod")"
    echo
    echo "require k8s.io/kubernetes $K8S_VERSION"
    echo
    # Each `k8s.io/X v0.0.0` requirement of kubernetes' go.mod becomes `replace k8s.io/X => k8s.io/X v0.37.2`.
    grep -oE '^[[:space:]]*k8s\.io/[a-z0-9-]+ v0\.0\.0([[:space:]]|$)' "$kgomod" | awk '{print $1}' | sort -u |
      while read -r m; do echo "replace $m => $m $STAGING_VERSION"; done
  } >"$src/go.mod"
  cat >"$src/tools.go" <<'GO'
//go:build tools

// Package tools only names the commands built from this module, so that `go mod tidy` keeps their dependencies.
package tools

import (
	_ "go.etcd.io/etcd/server/v3"
	_ "k8s.io/kubernetes/cmd/kube-apiserver"
	_ "k8s.io/kubernetes/cmd/kube-controller-manager"
	_ "k8s.io/kubernetes/cmd/kube-scheduler"
)
GO
  if [ -n "${BERTH_K8S_KUBECTL:-}" ]; then
    sed -i 's#^)$#\t_ "k8s.io/kubernetes/cmd/kubectl"\n)#' "$src/tools.go"
  fi
}

# kwok runs no stages by itself: its config is made of kwok's own stage files (from its module in the cache): nodes
# become Ready and keep a lease, pods become Running and Ready, a Job's pods complete, deleted pods go at once, and a
# pod labelled pod-container-running-failed.stage.kwok.x-k8s.io=true fails, its container exiting with the code its
# annotations give (tests use it to let an essential container exit, or a bad revision crash).
KWOK_STAGES=(node/fast/node-initialize node/heartbeat-with-lease/node-heartbeat-with-lease pod/fast/pod-ready
             pod/fast/pod-complete pod/fast/pod-delete pod/chaos/pod-container-running-failed)

kwok_stage_config() {
  local dir="$GOMODCACHE/sigs.k8s.io/kwok@$KWOK_VERSION/kustomize/stage"
  [ -d "$dir" ] || fail "kwok's module is not in the cache ($dir)"
  local out="$CACHE/kwok-stages.yaml.tmp" s
  : >"$out"
  for s in "${KWOK_STAGES[@]}"; do
    [ -f "$dir/$s.yaml" ] || fail "kwok $KWOK_VERSION has no stage file $s.yaml"
    { echo "---"; cat "$dir/$s.yaml"; echo; } >>"$out"
  done
  mv "$out" "$CACHE/kwok-stages.yaml"
}

do_build() {
  command -v go >/dev/null 2>&1 || fail "Go is needed to build the control plane (go.mod of k8s.io/kubernetes $K8S_VERSION asks for go 1.26)"
  mkdir -p "$CACHE" "$BIN"
  exec 9>"$CACHE/.build.lock"
  # Another run may be building right now: wait for it instead of building twice.
  flock -w "$BUILD_TIMEOUT" 9 || fail "another build held $CACHE/.build.lock for ${BUILD_TIMEOUT} s"
  if built; then log "binaries for $K8S_VERSION already in $BIN"; return 0; fi
  go_env
  log "building Kubernetes $K8S_VERSION, etcd and kwok $KWOK_VERSION into $BIN (about 1,300 CPU-seconds from empty caches)"
  local started=$SECONDS
  if [ ! -f "$CACHE/src/go.sum" ]; then
    write_wrapper_module
    (cd "$CACHE/src" && nice -n 19 go mod tidy) >&2 || { rm -f "$CACHE/src/go.sum"; fail "go mod tidy failed for the wrapper module in $CACHE/src"; }
  fi
  local date_
  date_="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  local minor="${K8S_VERSION#v1.}"; minor="${minor%%.*}"
  local ldflags="-s -w"
  local v
  for v in gitVersion=$K8S_VERSION gitMajor=1 gitMinor=$minor gitTreeState=clean buildDate=$date_; do
    ldflags="$ldflags -X k8s.io/component-base/version.$v -X k8s.io/client-go/pkg/version.$v"
  done
  local cmds=(k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager
              k8s.io/kubernetes/cmd/kube-scheduler)
  [ -n "${BERTH_K8S_KUBECTL:-}" ] && cmds+=(k8s.io/kubernetes/cmd/kubectl)
  # -ldflags -w leaves DWARF out of the binaries, so the compiler need not make it either: compiling
  # k8s.io/client-go/kubernetes from an empty build cache took 126 and 138 CPU-seconds with -dwarf=false against 155
  # and 149 without (about 13% less).
  local gcflags="all=-dwarf=false"
  # Each step leaves a mark, so that a build cut short (a timeout, a stopped CI run) resumes where it stopped.
  if [ ! -f "$BIN/.step-kubernetes-$K8S_VERSION" ]; then
    (cd "$CACHE/src" && timeout "$BUILD_TIMEOUT" nice -n 19 go build -trimpath -gcflags "$gcflags" -ldflags "$ldflags" -o "$BIN/" "${cmds[@]}") >&2 \
      || fail "building the Kubernetes commands failed (see above)"
    touch "$BIN/.step-kubernetes-$K8S_VERSION"
  fi
  if [ ! -f "$BIN/.step-etcd-$K8S_VERSION" ]; then
    (cd "$CACHE/src" && timeout "$BUILD_TIMEOUT" nice -n 19 go build -trimpath -gcflags "$gcflags" -ldflags "-s -w" -o "$BIN/etcd" go.etcd.io/etcd/server/v3) >&2 \
      || fail "building etcd failed (see above)"
    touch "$BIN/.step-etcd-$K8S_VERSION"
  fi
  if [ ! -f "$BIN/.step-kwok-$KWOK_VERSION" ]; then
    (cd "$CACHE" && GOBIN="$BIN" GOFLAGS= timeout "$BUILD_TIMEOUT" nice -n 19 go install -trimpath -gcflags "$gcflags" -ldflags "-s -w" "sigs.k8s.io/kwok/cmd/kwok@$KWOK_VERSION") >&2 \
      || fail "building kwok $KWOK_VERSION failed (see above)"
    touch "$BIN/.step-kwok-$KWOK_VERSION"
  fi
  kwok_stage_config
  touch "$BUILT_MARK"
  log "built in $((SECONDS - started)) s: $(cd "$BIN" && ls | tr '\n' ' ')"
}

# ---------------------------------------------------------------------------------------------------------------
# start, stop
# ---------------------------------------------------------------------------------------------------------------

KUBECONFIG_OUT="$STATE/kubeconfig"
SERVER="https://127.0.0.1:$PORT"
PROCESSES=(etcd kube-apiserver kube-controller-manager kube-scheduler kwok)

running() { [ -f "$STATE/pids/$1" ] && kill -0 "$(cat "$STATE/pids/$1")" 2>/dev/null; }
all_running() {
  local p
  for p in "${PROCESSES[@]}"; do running "$p" || return 1; done
  api_ready
}
token() { cat "$STATE/pki/token"; }
api_ready() {
  [ -f "$STATE/pki/token" ] && curl -fsS -o /dev/null --max-time 3 --cacert "$STATE/pki/ca.crt" \
    -H "Authorization: Bearer $(token)" "$SERVER/readyz" 2>/dev/null
}
api() { # method path [json body]
  curl -fsS --max-time 10 --cacert "$STATE/pki/ca.crt" -H "Authorization: Bearer $(token)" \
    -H 'Content-Type: application/json' -X "$1" "$SERVER$2" ${3:+--data "$3"}
}

default_service_account() { api GET /api/v1/namespaces/default/serviceaccounts/default >/dev/null 2>&1; }

await() { # description seconds command...
  local what="$1" seconds="$2"; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@"; do
    [ $SECONDS -lt $deadline ] || return 1
    sleep 0.3
  done
  log "$what ready"
}

# One CA, a serving certificate for 127.0.0.1, the service-account key pair and one bearer token per state
# directory; kept across restarts so that a kubeconfig handed out stays valid.
make_pki() {
  local pki="$STATE/pki"
  [ -f "$pki/token" ] && return 0
  command -v openssl >/dev/null 2>&1 || fail "openssl is needed to make the control plane's certificates"
  rm -rf "$pki" && mkdir -p "$pki"
  (
    cd "$pki"
    openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 3650 -subj "/CN=berth-k8s-ca"
    openssl req -newkey rsa:2048 -nodes -keyout apiserver.key -out apiserver.csr -subj "/CN=kube-apiserver"
    printf 'subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc\n' >san.ext
    openssl x509 -req -in apiserver.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out apiserver.crt -days 3650 -extfile san.ext
    openssl genrsa -out sa.key 2048
    openssl rsa -in sa.key -pubout -out sa.pub
  ) >/dev/null 2>&1 || fail "openssl could not make the certificates in $pki"
  # The token file: token,user,uid,"groups". Tests and kwok act as cluster admins (system:masters); the controller
  # manager and the scheduler act as the users that Kubernetes' bootstrap RBAC roles are bound to.
  local admin cm sched
  admin="$(openssl rand -hex 24)"; cm="$(openssl rand -hex 24)"; sched="$(openssl rand -hex 24)"
  {
    echo "$admin,berth-admin,berth-admin,\"system:masters\""
    echo "$cm,system:kube-controller-manager,system:kube-controller-manager,"
    echo "$sched,system:kube-scheduler,system:kube-scheduler,"
  } >"$pki/tokens.csv"
  write_kubeconfig "$pki/controller-manager.kubeconfig" "$cm" "system:kube-controller-manager"
  write_kubeconfig "$pki/scheduler.kubeconfig" "$sched" "system:kube-scheduler"
  write_kubeconfig "$pki/admin.kubeconfig" "$admin" "berth-admin"
  chmod 600 "$pki"/*.key "$pki"/*.csv "$pki"/*.kubeconfig
  echo "$admin" >"$pki/token"
}

write_kubeconfig() { # file token user
  cat >"$1" <<KUBECONFIG
apiVersion: v1
kind: Config
clusters:
- name: berth-k8s
  cluster:
    server: $SERVER
    certificate-authority-data: $(base64 -w0 "$STATE/pki/ca.crt")
users:
- name: $3
  user:
    token: $2
contexts:
- name: berth-k8s
  context:
    cluster: berth-k8s
    user: $3
current-context: berth-k8s
KUBECONFIG
}

launch() { # name command...
  local name="$1"; shift
  # setsid: the process outlives this script and the build that started it; its own group, so `stop` ends it alone.
  # Without the lock files' descriptors (8, 9), or it would hold the locks for its whole life and make a later
  # `start` wait for them.
  setsid "$@" >"$STATE/logs/$name.log" 2>&1 </dev/null 8>&- 9>&- &
  echo $! >"$STATE/pids/$name"
}

log_tail() { tail -n 15 "$STATE/logs/$1.log" 2>/dev/null; }

do_start() {
  mkdir -p "$STATE"
  # One start at a time: a second waits for the first, then finds the control plane running.
  exec 8>"$STATE/.start.lock"
  flock -w "$((BUILD_TIMEOUT + 300))" 8 || fail "another start held $STATE/.start.lock too long"
  if all_running; then
    log "control plane already runs at $SERVER"
    ensure_nodes
    echo "$KUBECONFIG_OUT"
    return 0
  fi
  rm -f "$STATE/failed" "$KUBECONFIG_OUT"
  do_build
  do_stop quiet
  mkdir -p "$STATE/logs" "$STATE/pids"
  make_pki
  local pki="$STATE/pki"
  rm -rf "$STATE/etcd"

  launch etcd "$BIN/etcd" --name berth --data-dir "$STATE/etcd" --unsafe-no-fsync \
    --listen-client-urls "http://127.0.0.1:$ETCD_CLIENT_PORT" --advertise-client-urls "http://127.0.0.1:$ETCD_CLIENT_PORT" \
    --listen-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-cluster "berth=http://127.0.0.1:$ETCD_PEER_PORT" --log-level warn
  await etcd 30 curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$ETCD_CLIENT_PORT/health" 2>/dev/null \
    || fail "etcd did not answer within 30 s. Log:
$(log_tail etcd)"

  # --endpoint-reconciler-type=none: with the default reconciler the server refuses 127.0.0.1 as its public address.
  launch kube-apiserver "$BIN/kube-apiserver" --etcd-servers "http://127.0.0.1:$ETCD_CLIENT_PORT" \
    --bind-address 127.0.0.1 --advertise-address 127.0.0.1 --secure-port "$PORT" --endpoint-reconciler-type none \
    --tls-cert-file "$pki/apiserver.crt" --tls-private-key-file "$pki/apiserver.key" --client-ca-file "$pki/ca.crt" \
    --service-account-key-file "$pki/sa.pub" --service-account-signing-key-file "$pki/sa.key" \
    --service-account-issuer https://kubernetes.default.svc --token-auth-file "$pki/tokens.csv" \
    --authorization-mode Node,RBAC --service-cluster-ip-range 10.96.0.0/16 --profiling=false
  await kube-apiserver 90 api_ready || fail "kube-apiserver was not ready within 90 s. Log:
$(log_tail kube-apiserver)"

  local qps=()
  [ -z "$CLIENT_QPS" ] || qps=(--kube-api-qps "$CLIENT_QPS" --kube-api-burst "$((CLIENT_QPS * 2))")
  local grace=()
  [ -z "$NODE_MONITOR_GRACE_PERIOD" ] || grace=(--node-monitor-grace-period "$NODE_MONITOR_GRACE_PERIOD")
  launch kube-controller-manager "$BIN/kube-controller-manager" --kubeconfig "$pki/controller-manager.kubeconfig" \
    --authentication-kubeconfig "$pki/controller-manager.kubeconfig" \
    --authorization-kubeconfig "$pki/controller-manager.kubeconfig" \
    --leader-elect=false --bind-address 127.0.0.1 --secure-port "$((PORT + 1))" --cert-dir "$STATE/certs-cm" \
    --service-account-private-key-file "$pki/sa.key" --root-ca-file "$pki/ca.crt" --use-service-account-credentials=true \
    ${qps[@]+"${qps[@]}"} ${grace[@]+"${grace[@]}"}
  launch kube-scheduler "$BIN/kube-scheduler" --kubeconfig "$pki/scheduler.kubeconfig" \
    --authentication-kubeconfig "$pki/scheduler.kubeconfig" --authorization-kubeconfig "$pki/scheduler.kubeconfig" \
    --leader-elect=false --bind-address 127.0.0.1 --secure-port "$((PORT + 2))" --cert-dir "$STATE/certs-scheduler" \
    ${qps[@]+"${qps[@]}"}
  # kwok manages only the nodes annotated kwok.x-k8s.io/node=fake, and the pods bound to them.
  # Nodes renew a lease as kubelets do; without one the node lifecycle controller marks every node NotReady after its
  # grace period (50 s, or BERTH_K8S_NODE_MONITOR_GRACE_PERIOD) and taints it, and the scheduler then places nothing.
  launch kwok "$BIN/kwok" --kubeconfig "$pki/admin.kubeconfig" --config "$CACHE/kwok-stages.yaml" \
    --manage-all-nodes=false --manage-nodes-with-annotation-selector kwok.x-k8s.io/node=fake \
    --node-lease-duration-seconds 40 \
    --server-address "127.0.0.1:$((PORT + 3))"
  sleep 1
  local p
  for p in kube-controller-manager kube-scheduler kwok; do
    running "$p" || fail "$p exited at start. Log:
$(log_tail "$p")"
  done
  # The controller manager is working once it made the default namespace's service account.
  await "kube-controller-manager" 60 default_service_account \
    || fail "kube-controller-manager made no service account within 60 s. Log:
$(log_tail kube-controller-manager)"
  ensure_nodes
  cp "$pki/admin.kubeconfig" "$KUBECONFIG_OUT.tmp" && mv "$KUBECONFIG_OUT.tmp" "$KUBECONFIG_OUT"
  log "control plane ready at $SERVER (logs in $STATE/logs); export BERTH_TEST_KUBECONFIG=$KUBECONFIG_OUT"
  echo "$KUBECONFIG_OUT"
}

# BERTH_K8S_NODES kwok nodes kwok-node-0..N-1, each with 32 CPUs, 256 GiB and room for 110 pods. One curl process sends
# every node's creation over kept-alive connections (a new process and TLS handshake for each node took about 130 s for
# 1,000 nodes); a node that exists already answers 409 and is kept.
ensure_nodes() {
  [ "$NODES" -gt 0 ] || return 0
  local i requests="$STATE/nodes.curl" codes made bearer
  bearer="$(token)"
  (
    umask 077
    for ((i = 0; i < NODES; i++)); do
      [ "$i" -eq 0 ] || echo next
      printf 'url = "%s/api/v1/nodes"\nrequest = "POST"\ncacert = "%s"\nmax-time = 30\noutput = "/dev/null"\n' \
        "$SERVER" "$STATE/pki/ca.crt"
      printf 'header = "Authorization: Bearer %s"\nheader = "Content-Type: application/json"\nwrite-out = "%%{http_code}\\n"\n' \
        "$bearer"
      printf 'data = "{\\"apiVersion\\":\\"v1\\",\\"kind\\":\\"Node\\",\\"metadata\\":{\\"name\\":\\"kwok-node-%d\\",\\"annotations\\":{\\"kwok.x-k8s.io/node\\":\\"fake\\"},\\"labels\\":{\\"type\\":\\"kwok\\",\\"kubernetes.io/hostname\\":\\"kwok-node-%d\\",\\"kubernetes.io/os\\":\\"linux\\",\\"kubernetes.io/arch\\":\\"amd64\\",\\"topology.kubernetes.io/zone\\":\\"zone-%d\\"}},\\"status\\":{\\"allocatable\\":{\\"cpu\\":\\"32\\",\\"memory\\":\\"256Gi\\",\\"pods\\":\\"110\\"},\\"capacity\\":{\\"cpu\\":\\"32\\",\\"memory\\":\\"256Gi\\",\\"pods\\":\\"110\\"}}}"\n' \
        "$i" "$i" "$((i % 3))"
    done >"$requests"
  )
  # Only the answers' codes on stdout: curl's errors, and the progress meter it may show for parallel transfers,
  # go to a file of their own, or they would land in the middle of the codes.
  codes="$(curl -sS --parallel --parallel-max 4 -K "$requests" 2>"$STATE/nodes.err")"
  rm -f "$requests"
  made="$(grep -c '^201$' <<<"$codes" || true)"
  [ "$(grep -cE '^(201|409)$' <<<"$codes" || true)" -eq "$NODES" ] \
    || fail "could not create all $NODES kwok nodes; answers: $(sort <<<"$codes" | uniq -c | tr '\n' ' ')
$(tail -5 "$STATE/nodes.err")"
  log "$NODES kwok nodes ($made new)"
}

do_stop() {
  local p pid
  for p in kwok kube-scheduler kube-controller-manager kube-apiserver etcd; do
    [ -f "$STATE/pids/$p" ] || continue
    pid="$(cat "$STATE/pids/$p")"
    # Each process leads its own session (setsid), so its group is exactly what this script started.
    kill -- "-$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 -- "-$pid" 2>/dev/null || true
    rm -f "$STATE/pids/$p"
  done
  rm -f "$KUBECONFIG_OUT"
  [ "${1:-}" = quiet ] || log "stopped"
}

do_status() {
  local p
  for p in "${PROCESSES[@]}"; do
    if running "$p"; then echo "$p: running (pid $(cat "$STATE/pids/$p"))"; else echo "$p: not running"; fi
  done
  if api_ready; then echo "api: ready at $SERVER, kubeconfig $KUBECONFIG_OUT"; else echo "api: not ready"; fi
}

case "${1:-start}" in
  build) do_build ;;
  start) do_start ;;
  stop) do_stop ;;
  status) do_status ;;
  *) echo "usage: $0 [build|start|stop|status]" >&2; exit 2 ;;
esac

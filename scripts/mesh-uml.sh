#!/usr/bin/env bash
# The roll through Swarm's routing mesh needs IPVS in the kernel, which the kernel of these machines lacks (and it
# loads no modules). This script puts the Docker engine in a User-Mode Linux guest instead: Debian's user-mode-linux
# kernel (6.1, with IPVS and everything else Docker needs as modules) booted as an ordinary process, with a Debian 12
# root made by debootstrap (docker.io from Debian, as on the host). The guest's engine listens on a tap device
# (10.98.0.2:2375, the host side is 10.98.0.1); the harness, Berth and the roll client run on the host as usual, with
# DOCKER_HOST pointing at the guest. Through the mesh a request goes host -> tap -> the guest's IPVS -> a container;
# through Berth's balancer host -> Berth's listener on the host -> tap -> a container's published port. Both
# contenders use the same engine, kernel and client in one run: compare them with each other, never with figures from
# the host's engine (the guest has one CPU, and system calls cost far more under UML).
#
#   scripts/mesh-uml.sh build                    makes the guest's root and unpacks the kernel into the cache (once)
#   scripts/mesh-uml.sh run [harness options]    boots the guest, runs dev.berth.benchmarks.swarm.ConvergenceHarness
#                                                against its engine with the options, prints its table, stops the guest
#
# e.g. bash scripts/mesh-uml.sh run --only berth-lb,swarm-mesh --reps 3 --roll 10
#
# Settings (environment): BERTH_UML_CACHE (default /var/cache/berth/uml-6.1um4), BERTH_UML_MEMORY (default 4G),
# BERTH_UML_TIMEOUT (seconds a run may take, default 7200), BERTH_MAVEN_REPO (as for scripts/test.sh). Needs root,
# /dev/net/tun, debootstrap and apt-get (Debian), and the host engine's berth-test/busybox:1 image
# (bash scripts/docker-env.sh), which is copied into the guest. The dockerd and containerd CPU columns of the table
# are the host's engine's, idle here: the guest's processes are not visible as such on the host.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO="$PWD"

UML_PACKAGE_VERSION=6.1um4+b13
CACHE="${BERTH_UML_CACHE:-/var/cache/berth/uml-6.1um4}"
MEMORY="${BERTH_UML_MEMORY:-4G}"
TIMEOUT="${BERTH_UML_TIMEOUT:-7200}"
ROOT="$CACHE/root"
KERNEL="$CACHE/linux.uml"
IMAGE=berth-test/busybox:1
TAP=berthtap0
HOST_ADDRESS=10.98.0.1
GUEST_ADDRESS=10.98.0.2
ENGINE="tcp://$GUEST_ADDRESS:2375"

log() { echo "mesh-uml: $*" >&2; }

build() {
  if [ -x "$KERNEL" ] && [ -f "$ROOT/.built" ]; then
    return 0
  fi
  command -v debootstrap >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
  mkdir -p "$CACHE"
  local unpacked="$CACHE/package"
  rm -rf "$unpacked" && mkdir -p "$unpacked"
  log "unpacking Debian's user-mode-linux $UML_PACKAGE_VERSION"
  (cd "$unpacked" && apt-get download -qq "user-mode-linux=$UML_PACKAGE_VERSION" 2>/dev/null \
    && dpkg -x user-mode-linux_*.deb .)
  log "making the guest's root with debootstrap (Debian 12, docker.io; a few minutes)"
  rm -rf "$ROOT"
  debootstrap --variant=minbase --include=docker.io,iproute2,iptables,kmod,curl,procps,ca-certificates \
    bookworm "$ROOT" http://deb.debian.org/debian >"$CACHE/debootstrap.log" 2>&1 \
    || { tail -20 "$CACHE/debootstrap.log" >&2; exit 1; }
  local modules
  modules="$(ls "$unpacked/usr/lib/uml/modules")"
  mkdir -p "$ROOT/lib/modules"
  cp -a "$unpacked/usr/lib/uml/modules/$modules" "$ROOT/lib/modules/"
  chroot "$ROOT" depmod "$modules"
  cp "$unpacked/usr/bin/linux.uml" "$KERNEL"
  touch "$ROOT/.built"
  log "built into $CACHE"
}

# PID 1 of the guest: file systems, the modules Docker and the routing mesh need, the tap device's address,
# containerd and dockerd (on the socket and on the tap address), a swarm advertised on that address; then it waits
# for the host to create /share/stop, and powers off.
write_init() {
  cat >"$ROOT/berth-init.sh" <<'INIT'
#!/bin/sh
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
mkdir -p /dev/pts /dev/shm && mount -t devpts devpts /dev/pts && mount -t tmpfs shm /dev/shm
for d in /tmp /run /var/lib/docker /var/lib/containerd; do mkdir -p "$d" && mount -t tmpfs tmpfs "$d"; done
mount -t cgroup2 none /sys/fs/cgroup
mkdir -p /share && mount -t hostfs none /share -o "$(tr ' ' '\n' </proc/cmdline | sed -n 's/^berth.share=//p')"
address="$(tr ' ' '\n' </proc/cmdline | sed -n 's/^berth.address=//p')"
for m in overlay veth bridge br_netfilter ip_vs ip_vs_rr xt_ipvs vxlan nf_nat iptable_nat iptable_filter \
         iptable_mangle xt_conntrack xt_MASQUERADE xt_addrtype xt_nat xt_mark ipt_REJECT xt_comment; do
  modprobe "$m" || echo "modprobe $m failed" >>/share/init.log
done
update-alternatives --set iptables /usr/sbin/iptables-legacy >/dev/null 2>&1
ip link set lo up
ip addr add "$address/24" dev vec0 && ip link set vec0 up
containerd >/share/containerd.log 2>&1 &
dockerd --containerd /run/containerd/containerd.sock -H unix:///var/run/docker.sock -H "tcp://$address:2375" \
  >/share/dockerd.log 2>&1 &
for i in $(seq 120); do docker version >/dev/null 2>&1 && break; sleep 1; done
docker swarm init --advertise-addr "$address" >/share/swarm.log 2>&1
echo ready >/share/ready
while [ ! -e /share/stop ]; do sleep 1; done
sync
# The minimal root has no poweroff; ending init ends the guest (the kernel panics, and a UML kernel then exits).
exit 0
INIT
  chmod +x "$ROOT/berth-init.sh"
}

run() {
  build
  write_init
  local repo_args=()
  [ -z "${BERTH_MAVEN_REPO:-}" ] || repo_args+=("-Dmaven.repo.local=$BERTH_MAVEN_REPO")
  mvn -B -q -o -pl benchmarks -am package -DskipTests ${repo_args[@]+"${repo_args[@]}"}
  # Not local: the EXIT trap reads them after run() returned.
  share="$(mktemp -d "$CACHE/run-XXXXXX")"
  ip link show "$TAP" >/dev/null 2>&1 || ip tuntap add dev "$TAP" mode tap
  ip addr replace "$HOST_ADDRESS/24" dev "$TAP"
  ip link set "$TAP" up
  log "booting the guest (its logs in $share)"
  timeout "$TIMEOUT" "$KERNEL" mem="$MEMORY" root=/dev/root rootfstype=hostfs rootflags="$ROOT" rw \
    init=/berth-init.sh "berth.share=$share" "berth.address=$GUEST_ADDRESS" "vec0:transport=tap,ifname=$TAP" \
    con0=null,fd:1 con=null >"$share/console.log" 2>&1 </dev/null &
  guest=$!
  trap 'touch "$share/stop"; sleep 5; pkill -f "berth.share=$share" || true' EXIT
  for _ in $(seq 300); do [ -e "$share/ready" ] && break; kill -0 "$guest" 2>/dev/null || break; sleep 1; done
  [ -e "$share/ready" ] || { log "the guest's engine did not start: see $share"; exit 1; }
  export DOCKER_HOST="$ENGINE" DOCKER_API_VERSION=1.41
  /usr/bin/docker -H unix:///var/run/docker.sock save "$IMAGE" | /usr/bin/docker load >/dev/null
  log "engine ready at $ENGINE; running the harness"
  java -Xms512m -Xmx2g -cp benchmarks/target/benchmarks.jar dev.berth.benchmarks.swarm.ConvergenceHarness "$@"
}

case "${1:-}" in
  build) build ;;
  run) shift; run "$@" ;;
  *) sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac

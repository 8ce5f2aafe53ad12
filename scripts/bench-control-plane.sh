#!/usr/bin/env bash
# The control-plane benchmark: services created at once, deployed and scaled in on Berth's in-memory backend and on a
# real Kubernetes control plane with kwok's simulated nodes, side by side in one run; prints a markdown table (see
# BENCHMARKS.md). Not run by CI.
#
# Usage: bash scripts/bench-control-plane.sh [--services 100] [--tasks 10] [--nodes 100] [--k8s-qps N] ... (--help)
#   --k8s-qps N   requests per second the controller manager and the scheduler may send (BERTH_K8S_CLIENT_QPS);
#                 default Kubernetes' own
#
# The Kubernetes side runs on a control plane of its own, never the tests' one: scripts/k8s-env.sh with the state
# directory $BERTH_K8S_STATE (default /tmp/berth-k8s-cpbench) and ports 26443 (API server) and 26379-26380 (etcd),
# started fresh for every run with exactly --nodes kwok nodes, and stopped at the end. The binaries come from the
# same build cache as the tests' control plane (built on first use; see scripts/k8s-env.sh).
#
# That control plane lets a node's lease go unrenewed for an hour (BERTH_K8S_NODE_MONITOR_GRACE_PERIOD, default 1h;
# Kubernetes' own is 50 s) before the node lifecycle controller marks the node NotReady. One kwok process renews
# every node's lease with 4 workers; when the phases saturate the API server on this machine, the renewals fall
# minutes behind (run 4 in BENCHMARKS.md: 7 a second for 1,000 nodes that need 100, gaps up to 147 s), the
# controller marks the nodes NotReady and their pods' Ready condition False, and as kwok runs no kubelet nothing sets
# those pods Ready again: the phase would never end. The benchmark measures Deployments, not node failure detection.
set -euo pipefail
cd "$(dirname "$0")/.."

export BERTH_K8S_STATE="${BERTH_K8S_STATE:-/tmp/berth-k8s-cpbench}"
export BERTH_K8S_PORT="${BERTH_K8S_PORT:-26443}" BERTH_K8S_ETCD_PORT="${BERTH_K8S_ETCD_PORT:-26379}"
export BERTH_K8S_NODE_MONITOR_GRACE_PERIOD="${BERTH_K8S_NODE_MONITOR_GRACE_PERIOD:-1h}"

nodes=100
kubernetes=true
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --help)
      sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
      args+=(--help); break ;;
    --k8s-qps) export BERTH_K8S_CLIENT_QPS="$2"; shift 2; continue ;;
    --nodes) nodes="$2" ;;
    --sides) [[ ",$2," == *,kubernetes,* ]] || kubernetes=false ;;
  esac
  args+=("$1")
  [ $# -gt 1 ] && args+=("$2")
  shift $(( $# > 1 ? 2 : 1 ))
done

mvn -B -q -o -pl benchmarks -am package -DskipTests
if [ "$kubernetes" = true ] && [[ " ${args[*]-} " != *" --help "* ]]; then
  bash scripts/k8s-env.sh stop >/dev/null 2>&1 || true
  rm -rf "$BERTH_K8S_STATE"
  trap 'bash scripts/k8s-env.sh stop >/dev/null 2>&1 || true' EXIT
  BERTH_K8S_NODES="$nodes" bash scripts/k8s-env.sh start >/dev/null
fi
java -Xms1g -Xmx4g -cp benchmarks/target/benchmarks.jar dev.berth.benchmarks.controlplane.ControlPlaneHarness \
  ${args[@]+"${args[@]}"}

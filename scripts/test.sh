#!/usr/bin/env bash
# Sets up what Berth's tests need on this machine (idempotent) and runs the whole test suite: Berth's build, then
# the consumer project it/consumer against the installed artifacts.
# Usage: bash scripts/test.sh [extra Maven arguments]
# Environment: BERTH_MAVEN_REPO  install into and resolve from this local repository instead of the default one
set -euo pipefail
cd "$(dirname "$0")/.."

need() { command -v "$1" >/dev/null 2>&1; }

# A real Kubernetes control plane (scripts/k8s-env.sh) for the Kubernetes backend's integration tests. On a fresh
# machine it is built from Kubernetes' Go modules first (12 to 25 CPU-minutes, at the lowest CPU priority), so it
# starts now, in the background, and overlaps with everything below; the Kubernetes tests wait for its kubeconfig
# (at most BERTH_TEST_K8S_WAIT seconds) and fail at once if the script wrote its `failed` file. Its log:
# $BERTH_K8S_STATE/env.log.
k8s_state="${BERTH_K8S_STATE:-/tmp/berth-k8s}"
mkdir -p "$k8s_state"
if ! bash scripts/k8s-env.sh status 2>/dev/null | grep -q '^api: ready'; then
  rm -f "$k8s_state/kubeconfig" "$k8s_state/failed"
fi
# setsid: the control plane outlives this script, as the other peers do; stop it with scripts/k8s-env.sh stop.
setsid bash scripts/k8s-env.sh start >"$k8s_state/env.log" 2>&1 </dev/null &
export BERTH_TEST_KUBECONFIG="$k8s_state/kubeconfig"
export BERTH_TEST_K8S_WAIT="${BERTH_TEST_K8S_WAIT:-2700}"

install_debian_packages() {
  if [ "$(id -u)" != 0 ] || ! need apt-get; then
    echo "Missing: $*. Install them (Java 17 JDK and Maven 3.8+) and run again." >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

missing=()
need javac || missing+=(openjdk-17-jdk-headless)
need mvn || missing+=(maven)
[ ${#missing[@]} -eq 0 ] || install_debian_packages "${missing[@]}"

# In CI a test that needs Docker must fail, never skip.
require_docker=false
[ "${CI:-}" = true ] && require_docker=true

# A Docker engine and the test images (scripts/docker-env.sh). Outside CI a machine without Docker still runs
# the other tests: the Docker integration tests then skip and say why.
if ! bash scripts/docker-env.sh; then
  [ "$require_docker" = true ] && exit 1
  echo "No Docker engine: the Docker integration tests will be skipped." >&2
fi

# A real OCI registry for the registry integration tests (scripts/registry-env.sh). Without one, the tests start
# Debian's docker-registry themselves if it is installed; in CI a missing registry fails them.
if registry_url="$(bash scripts/registry-env.sh)"; then
  export BERTH_TEST_REGISTRY="$registry_url"
else
  [ "$require_docker" = true ] && exit 1
  echo "No registry: the registry integration tests will try the docker-registry binary, else skip." >&2
fi

# moto's server, the local ECS and ECR endpoint for the AWS backend's integration tests (scripts/moto-env.sh).
if moto_url="$(bash scripts/moto-env.sh)"; then
  export BERTH_TEST_MOTO="$moto_url"
else
  [ "$require_docker" = true ] && exit 1
  echo "No moto server: the AWS integration tests will try the moto_server binary, else skip." >&2
fi

# A real three-node Docker Swarm for the Swarm backend's integration tests: three engines in network namespaces of
# their own, never the main engine (scripts/swarm-env.sh, idempotent; the tests call it again and find it running).
# Without it, the tests try to build it themselves, else skip; in CI a swarm that cannot be built fails them.
if ! bash scripts/swarm-env.sh >/dev/null; then
  [ "$require_docker" = true ] && exit 1
  echo "No test swarm: the Swarm integration tests will try scripts/swarm-env.sh themselves, else skip." >&2
fi

# Berth's build, with the release profile as Maven Central gets it (sources and javadoc jars, a javadoc error fails
# the build; no signing), installed for the consumer project below: into the default local repository (CI is a fresh
# machine), or into BERTH_MAVEN_REPO when set (a machine whose ~/.m2 other builds share).
repo_args=()
[ -n "${BERTH_MAVEN_REPO:-}" ] && repo_args+=("-Dmaven.repo.local=$BERTH_MAVEN_REPO")
mvn -B -ntp install -Prelease -Dgpg.skip -Drequire.docker="$require_docker" ${repo_args[@]+"${repo_args[@]}"} "$@"

# A user's project built against what was just installed (scripts/consumer-test.sh).
bash scripts/consumer-test.sh

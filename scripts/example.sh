#!/usr/bin/env bash
# Runs one of Berth's examples on the local Docker engine (module examples, package dev.berth.examples).
# Needs a JDK 17 and Maven 3.8+; a Docker engine and the image berth-test/busybox:1 come from scripts/docker-env.sh.
# Builds the modules in one reactor (nothing is installed into ~/.m2) and runs the example's main class.
set -euo pipefail

usage() {
  cat <<'TEXT'
Usage: bash scripts/example.sh [NAME [ARGS...]]

  quickstart              (default) a 3-replica web service: deployed, serving, scaled to 5, rolled to a new
                          revision, its events printed, deleted                    (DockerQuickstart)
  hello                   the README's 20-line quickstart: a 2-task service, each task called (HelloBerth)
  ecs-json [FILE.json]    runs an ECS task-definition JSON file (register-task-definition --cli-input-json
                          format; default: the bundled ecs/hello-web.json) as a task, prints its containers,
                          endpoint and logs, stops it                   (RunEcsTaskDefinitionLocally)
  sidecar                 a task of init, sidecar and app containers with dependsOn (SUCCESS, HEALTHY),
                          calling each other by name; prints the order of starts  (SidecarWithDependsOn)
  circuit-breaker         a deployment of a broken revision: the circuit breaker trips and the service rolls
                          back to the good revision; prints the service events  (CircuitBreakerRollback)
  services-by-name        two services from ECS JSON files (task definitions and create-service input): client
                          calls api by its Service Connect name, the example through api's target group
                          listener, service.endpoint(8080)                         (ServicesByName)
  same-definition [docker|swarm|ecs|kubernetes]
                          one task definition as a 2-task service, with only the backend changed: the local
                          engine (default), a swarm (the local engine a swarm manager), ECS with the AWS SDK's
                          default region and credentials and an ECS cluster berth-example with EC2 container
                          instances, or Kubernetes with the current context of ~/.kube/config (namespace
                          berth-example)   (SameDefinitionOnDockerAndEcs)
TEXT
}

name="${1:-quickstart}"
[ $# -gt 0 ] && shift
case "$name" in
  quickstart) main=DockerQuickstart ;;
  hello) main=HelloBerth ;;
  ecs-json) main=RunEcsTaskDefinitionLocally ;;
  sidecar) main=SidecarWithDependsOn ;;
  circuit-breaker) main=CircuitBreakerRollback ;;
  services-by-name) main=ServicesByName ;;
  same-definition) main=SameDefinitionOnDockerAndEcs ;;
  -h|--help|help) usage; exit 0 ;;
  *) echo "Unknown example: $name" >&2; usage >&2; exit 2 ;;
esac

# Arguments are paths (ecs-json FILE): make them absolute, since Maven runs from the repository's root.
args=()
for arg in "$@"; do
  if [ -e "$arg" ]; then args+=("$(cd "$(dirname "$arg")" && pwd)/$(basename "$arg")"); else args+=("$arg"); fi
done
cd "$(dirname "$0")/.."

bash scripts/docker-env.sh
echo "Building core, the Docker backend and the examples, then running $main..."
exec mvn -B -q -ntp -pl examples -am package exec:java -DskipTests -Dexec.skip=true \
  -Dexec.mainClass="dev.berth.examples.$main" -Dexec.args="${args[*]:-}"

#!/usr/bin/env bash
# Berth vs Docker Swarm vs parallel `docker run` on the local engine; prints a markdown table (see BENCHMARKS.md).
# Usage: bash scripts/bench-swarm.sh [--reps 5] [--sizes 10,50,100] [--roll 50] [--parallel 8] ... (--help)
# Needs a running engine with berth-test/busybox:1 (bash scripts/docker-env.sh builds it). Swarm mode is
# initialised only if inactive and left again; everything the run creates is removed, also on failure.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o -pl benchmarks -am package -DskipTests
exec java -Xms512m -Xmx2g -cp benchmarks/target/benchmarks.jar dev.berth.benchmarks.swarm.ConvergenceHarness "$@"

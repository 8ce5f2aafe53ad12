#!/usr/bin/env bash
# Builds it/consumer, a user's project that imports berth-bom beside Testcontainers, against the Berth artifacts
# installed in the local Maven repository, and runs its tests: it checks that a user resolves the library versions
# Berth's build resolved (each module's target/<artifactId>.resolved.txt) and what a user meets first on a real
# engine. Run it after `mvn install` of Berth (scripts/test.sh does both).
#
# Usage: bash scripts/consumer-test.sh [extra Maven arguments]
# Environment: BERTH_MAVEN_REPO  a local repository other than the default (as -Dmaven.repo.local)
set -euo pipefail
cd "$(dirname "$0")/.."

repo_args=()
[ -n "${BERTH_MAVEN_REPO:-}" ] && repo_args+=("-Dmaven.repo.local=$BERTH_MAVEN_REPO")

exec mvn -B -ntp -f it/consumer/pom.xml verify ${repo_args[@]+"${repo_args[@]}"} "$@"

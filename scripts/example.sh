#!/usr/bin/env bash
# Runs Berth's main example (the quickstart on the local Docker engine).
set -euo pipefail
cd "$(dirname "$0")/.."
echo "The quickstart runs on the local Docker engine and arrives with the Docker backend (module docker-backend)."
echo "Until then, this builds core and checks the task-definition example of the README:"
exec mvn -B -ntp -q -pl core verify -Dtest=ReadmeExampleTest -Dsurefire.failIfNoSpecifiedTests=false

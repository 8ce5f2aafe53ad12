#!/usr/bin/env bash
# Runs Berth's main example: the quickstart on the local Docker engine (dev.berth.examples.DockerQuickstart).
# A 3-replica busybox httpd service is deployed, shown serving over HTTP, scaled to 5, rolled to a new revision
# and deleted. Needs a JDK 17 and Maven 3.8+; a Docker engine and the image berth-test/busybox:1 come from
# scripts/docker-env.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/docker-env.sh
echo "Building core and the Docker backend (mvn install -DskipTests)..."
mvn -B -q -ntp -pl examples -am install -DskipTests
exec mvn -B -q -ntp -pl examples exec:java

/**
 * Runnable programs of the README and docs/, each run with {@code bash scripts/example.sh <name>} and each run by an
 * integration test on the real Docker engine:
 * {@link dev.berth.examples.DockerQuickstart} ({@code quickstart}: deploy, serve, scale, roll, delete),
 * {@link dev.berth.examples.HelloBerth} ({@code hello}: the README's quickstart),
 * {@link dev.berth.examples.RunEcsTaskDefinitionLocally} ({@code ecs-json}: an ECS task-definition JSON file as a
 * task), {@link dev.berth.examples.SidecarWithDependsOn} ({@code sidecar}: dependsOn and calls by container name)
 * and {@link dev.berth.examples.CircuitBreakerRollback} ({@code circuit-breaker}: a broken revision rolled back).
 * Each returns a record of what it observed.
 *
 * <p>Nullness: no parameter, record component or return value in this package is {@code null}.
 */
package dev.berth.examples;

/**
 * Berth's compute backend on Docker Swarm, {@link dev.berth.swarm.SwarmBackend}: the swarm's nodes are the container
 * instances; in the default {@link dev.berth.swarm.SwarmBackendConfig.Mode#SWARM_MANAGED managed mode} a Berth service
 * is a Swarm service that Swarm's own scheduler keeps, and in
 * {@link dev.berth.swarm.SwarmBackendConfig.Mode#CLIENT_SCHEDULED client-scheduled mode} Berth's scheduler and
 * reconciler pin each task to a node. It talks to a manager's engine through the same docker-java clients as the
 * Docker backend.
 *
 * <p>Nullness: no parameter, record component or return value in this package is {@code null}; absent values are
 * {@link java.util.Optional} or empty collections.
 */
package dev.berth.swarm;

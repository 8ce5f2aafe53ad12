/**
 * The Swarm backend's machinery, not an API: these types may change in any release. The manager's Swarm API as JSON
 * ({@link dev.berth.swarm.internal.SwarmApi}) and the pure mappings between Berth's model and Swarm's: nodes as
 * instances ({@link dev.berth.swarm.internal.NodeAttributes}), placement ({@link dev.berth.swarm.internal.SwarmPlacement}),
 * container templates ({@link dev.berth.swarm.internal.ContainerTemplates}), services and their deployments
 * ({@link dev.berth.swarm.internal.ServiceSpecs}, {@link dev.berth.swarm.internal.ServiceStatuses}) and tasks
 * ({@link dev.berth.swarm.internal.TaskViews}); and the runtime that starts, stops and observes tasks
 * ({@link dev.berth.swarm.internal.SwarmTaskRuntime}).
 *
 * <p>Only this package (and the Docker backend's internal one) sees docker-java types. Nullness: no parameter,
 * record component or return value is {@code null}.
 */
package dev.berth.swarm.internal;

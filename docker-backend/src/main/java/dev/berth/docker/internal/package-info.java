/**
 * The Docker backend's machinery, not an API: these types may change in any release. Small classes with one job
 * each: finding an engine ({@link dev.berth.docker.internal.EngineDiscovery}), clients with per-call deadlines
 * ({@link dev.berth.docker.internal.DockerClients}), the one Resilience4j policy every engine call goes through
 * ({@link dev.berth.docker.internal.BackendCallPolicy}), error translation
 * ({@link dev.berth.docker.internal.DockerCalls}), labels, the container-spec mapper, the per-task network, the
 * dependency order, the task runner and observer that the SPI adapter wraps
 * ({@link dev.berth.docker.internal.DockerTaskEngine}), log tails and follows
 * ({@link dev.berth.docker.internal.LogReader}) and the engine's event stream, which tells the observer what to
 * inspect again and Berth which cluster to look at ({@link dev.berth.docker.internal.EngineEvents}).
 *
 * <p>Only this package sees docker-java types. Nullness: no parameter, record component or return value is
 * {@code null}; docker-java's nullable getters are read here and turned into {@link java.util.Optional} or defaults.
 */
package dev.berth.docker.internal;

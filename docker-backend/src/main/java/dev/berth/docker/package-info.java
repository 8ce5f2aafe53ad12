/**
 * Berth's compute backend on a Docker engine, {@link dev.berth.docker.DockerBackend} (create it with
 * {@link dev.berth.docker.DockerBackend#create} or {@link dev.berth.docker.DockerBackend#fromEnvironment()} and pass
 * it to {@code Berth.builder(backend)}), and its public configuration: how to reach a Docker engine ({@link dev.berth.docker.DockerBackendConfig},
 * with {@link dev.berth.docker.DockerBackendConfig#fromEnvironment()}), how long each kind of engine call may take
 * ({@link dev.berth.docker.DockerTimeouts}), where secrets come from ({@link dev.berth.docker.SecretResolver}) and
 * what an engine offers as a container instance ({@link dev.berth.docker.EngineInstance}).
 *
 * <p>Nullness: no parameter, record component or return value in this package is {@code null}; absent values are
 * {@link java.util.Optional} or empty collections.
 */
package dev.berth.docker;

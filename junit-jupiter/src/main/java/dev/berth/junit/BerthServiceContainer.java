package dev.berth.junit;

import dev.berth.docker.DockerBackendConfig;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.testcontainers.lifecycle.Startable;

/**
 * Berth services as a Testcontainers {@link Startable}: {@link #start()} starts them and waits until they are
 * steady and healthy, {@link #stop()} removes them. So they mix with Testcontainers' containers, e.g. as a
 * {@code @Container} field of a {@code @Testcontainers} class, or as a dependency of a container
 * ({@code dependsOn}). Needs {@code org.testcontainers:testcontainers} on the classpath.
 *
 * <pre>{@code
 * @Testcontainers
 * class WebIT {
 *     @Container
 *     static BerthServiceContainer web = BerthServiceContainer.of(
 *             ServiceDeclaration.fromClasspath("web", "classpath:web-task.json", 2));
 *
 *     @Test
 *     void answers() { ... web.handle("web").endpoint(8080) ... }
 * }
 * }</pre>
 *
 * By default the services run on the engine Testcontainers discovered ({@link TestcontainersEngine}); their
 * containers carry the same run labels as {@link BerthExtension}'s and are removed at JVM shutdown if
 * {@link #stop()} never runs. Thread-safe.
 */
public final class BerthServiceContainer implements Startable {

    private static final int LOG_TAIL_LINES = 200;

    private final Platform platform;
    private final List<ServiceDeclaration> services;
    private ServiceGroup group;

    private BerthServiceContainer(Platform platform, List<ServiceDeclaration> services) {
        if (services.isEmpty()) {
            throw new IllegalArgumentException("declare at least one service");
        }
        this.platform = platform;
        this.services = List.copyOf(services);
    }

    /**
     * @param services the services, with unique names
     * @return them, to run on the engine Testcontainers discovered
     * @throws IllegalArgumentException if none is given
     */
    public static BerthServiceContainer of(ServiceDeclaration... services) {
        return new BerthServiceContainer(new DockerPlatform(TestcontainersEngine::dockerBackendConfig),
                List.of(services));
    }

    /**
     * @param config another engine, or other settings
     * @return a copy running the services there
     */
    public BerthServiceContainer on(DockerBackendConfig config) {
        Objects.requireNonNull(config, "config");
        return new BerthServiceContainer(new DockerPlatform(() -> config), services);
    }

    /**
     * @param backends opens the backend, e.g. an {@code InMemoryBackend}
     * @return a copy running the services there
     */
    public BerthServiceContainer on(ComputeBackendFactory backends) {
        return new BerthServiceContainer(new CustomPlatform(backends), services);
    }

    /**
     * Starts the services unless they run, and waits until they are steady and healthy.
     *
     * @throws dev.berth.exception.WaitTimeoutException if a service is not steady in its time; the exception carries
     *     a {@link ServiceLogDump} and everything started is removed
     * @throws dev.berth.exception.BerthException if the engine or a definition fails
     */
    @Override
    public synchronized void start() {
        if (group == null) {
            group = ServiceGroup.start("Berth services " + services.stream().map(ServiceDeclaration::name).toList(),
                    platform, services, LOG_TAIL_LINES, Optional.empty());
        }
    }

    /** Removes every service, container and network; does nothing when not started. */
    @Override
    public synchronized void stop() {
        if (group != null) {
            try {
                group.close();
            } finally {
                group = null;
            }
        }
    }

    /**
     * @param name a declared service
     * @return its handle
     * @throws IllegalStateException if not started
     * @throws IllegalArgumentException if no service has that name
     */
    public synchronized BerthServiceHandle handle(String name) {
        if (group == null) {
            throw new IllegalStateException("the Berth services are not started; call start() first (Testcontainers"
                    + " does for @Container fields)");
        }
        return group.handle(name).orElseThrow(() -> new IllegalArgumentException("no service '" + name
                + "' among " + services.stream().map(ServiceDeclaration::name).toList()));
    }

    /**
     * @return the services' state, events and container logs, for a failing test's message; empty when not started
     */
    public synchronized String dump() {
        return group == null ? "" : group.dump();
    }

    @Override
    public String toString() {
        return "BerthServiceContainer" + services.stream().map(ServiceDeclaration::name).toList();
    }
}

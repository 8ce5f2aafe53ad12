package dev.berth.junit;

import dev.berth.docker.DockerBackend;
import dev.berth.docker.DockerBackendConfig;
import dev.berth.docker.DockerCleanup;
import dev.berth.exception.BackendUnavailableException;
import dev.berth.exception.BerthException;
import dev.berth.spi.ComputeBackend;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Services on a Docker engine through {@link DockerBackend}. Every container and network carries the run's labels
 * ({@link RunIdentity}) and its scope's, so that a scope's clean-up, the shutdown hook and a later run's sweep find
 * them from the engine alone.
 */
final class DockerPlatform implements Platform {

    /** Engines whose leftovers of ended runs this JVM has swept already: once per engine is enough. */
    private static final Set<URI> SWEPT = ConcurrentHashMap.newKeySet();

    private final Supplier<DockerBackendConfig> source;
    private DockerBackendConfig config;
    private BackendUnavailableException failure;

    /** @param source the engine's configuration, asked once, e.g. {@link DockerBackendConfig#fromEnvironment()} */
    DockerPlatform(Supplier<DockerBackendConfig> source) {
        this.source = Objects.requireNonNull(source, "source");
    }

    /** @return why the engine cannot be used: not found, or not answering a ping */
    @Override
    public Optional<String> unavailability() {
        DockerBackendConfig engine;
        try {
            engine = config();
        } catch (BackendUnavailableException e) {
            return Optional.of(e.getMessage());
        }
        try (DockerBackend backend = DockerBackend.create(engine)) {
            backend.ping();
            return Optional.empty();
        } catch (BerthException e) {
            return Optional.of("the Docker engine at " + engine.dockerHost() + " does not answer: " + e.getMessage());
        }
    }

    @Override
    public Scope open(String cluster) {
        DockerBackendConfig base = config();
        if (SWEPT.add(base.dockerHost())) {
            try {
                BerthRuns.removeEndedRuns(base, RunIdentity.CURRENT);
            } catch (BackendUnavailableException e) {
                SWEPT.remove(base.dockerHost());
                throw missingEngine(e);
            }
        }
        DockerBackendConfig.Builder scoped = base.toBuilder();
        for (Map.Entry<String, String> label : RunIdentity.CURRENT.labels().entrySet()) {
            scoped.label(label.getKey(), label.getValue());
        }
        DockerBackendConfig scopeConfig = scoped.label(RunIdentity.SCOPE, cluster).build();
        return new DockerScope(scopeConfig, DockerBackend.create(scopeConfig), cluster);
    }

    /** The configuration, discovered once; a failed discovery is remembered so every scope reports the same. */
    private synchronized DockerBackendConfig config() {
        if (config == null && failure == null) {
            try {
                config = source.get();
            } catch (BackendUnavailableException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw missingEngine(failure);
        }
        return config;
    }

    private static BackendUnavailableException missingEngine(BackendUnavailableException cause) {
        return new BackendUnavailableException("Berth's JUnit extension needs a Docker engine, and none answers"
                + " (to skip such tests instead, use @BerthTest(disabledWithoutDocker = true) or"
                + " BerthExtension...disabledWithoutDocker()): " + cause.getMessage(), false, cause);
    }

    @Override
    public String toString() {
        return "Docker";
    }

    private record DockerScope(DockerBackendConfig config, ComputeBackend backend, String cluster) implements Scope {

        @Override
        public void removeAllAndClose() {
            try {
                // Closed first, so that no task start still under way creates a container after the removal.
                backend.close();
            } finally {
                DockerCleanup.remove(config, RunIdentity.SCOPE, cluster);
            }
        }
    }
}

package dev.berth.docker;

import dev.berth.docker.internal.DockerClients;
import dev.berth.docker.internal.LabelledResources;
import dev.berth.exception.BackendUnavailableException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds and removes, by label, what Berth created on a Docker engine: the clean-up of a test that labels its backend
 * ({@link DockerBackendConfig.Builder#label}) and wants nothing left behind, also when it failed or its process was
 * killed before {@code Berth.close()}, and the one the JUnit extension runs for a test scope and for the runs of
 * ended JVMs ({@code dev.berth.junit.BerthRuns}). Containers, the per-task networks and the volumes that record
 * stops all carry the backend's labels.
 *
 * <pre>{@code
 * @AfterEach
 * void removeWhatTheTestStarted() {
 *     DockerCleanup.remove(engine, "my.test-session", session);
 * }
 * }</pre>
 *
 * <p>Every call opens the engine's clients for its own use and closes them, and is bounded by the configuration's
 * call timeout.
 */
public final class DockerCleanup {

    private static final Logger LOG = LoggerFactory.getLogger(DockerCleanup.class);

    private DockerCleanup() {
    }

    /** What a labelled resource is. */
    public enum Kind {
        /** A container, running or not. */
        CONTAINER,
        /** A network (Berth's per-task networks). */
        NETWORK,
        /** A volume (Berth's records of stops). */
        VOLUME
    }

    /**
     * One labelled resource on the engine.
     *
     * @param kind container, network or volume
     * @param id the engine's id (a volume's is its name)
     * @param name its name on the engine
     * @param labels all its labels
     */
    public record Resource(Kind kind, String id, String name, Map<String, String> labels) {

        /** @throws NullPointerException if a component is null */
        public Resource {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            labels = Map.copyOf(labels);
        }
    }

    /**
     * @param engine the engine (the configuration's own labels play no part here)
     * @param key a label key
     * @return the containers, networks and volumes that carry the label, with any value
     * @throws BackendUnavailableException if the engine cannot be reached
     */
    public static List<Resource> find(DockerBackendConfig engine, String key) {
        return find(engine, key, Optional.empty());
    }

    /**
     * @param engine the engine (the configuration's own labels play no part here)
     * @param key a label key
     * @param value its value
     * @return the containers, networks and volumes that carry {@code key=value}
     * @throws BackendUnavailableException if the engine cannot be reached
     */
    public static List<Resource> find(DockerBackendConfig engine, String key, String value) {
        return find(engine, key, Optional.of(Objects.requireNonNull(value, "value")));
    }

    /**
     * Removes every container (forced, running or not, with its anonymous volumes), then every network, then every
     * volume that carries {@code key=value}. What another remover took first counts as removed.
     *
     * @param engine the engine (the configuration's own labels play no part here)
     * @param key a label key
     * @param value its value
     * @return what was found and removed
     * @throws BackendUnavailableException if the engine cannot be reached; what was removed until then stays removed
     */
    public static List<Resource> remove(DockerBackendConfig engine, String key, String value) {
        String filter = filter(key, Optional.of(Objects.requireNonNull(value, "value")));
        try (DockerClients clients = DockerClients.open(engine)) {
            List<Resource> found = LabelledResources.find(clients, filter);
            found.forEach(r -> LabelledResources.remove(clients, r));
            LOG.debug("removed {} resources labelled {}", found.size(), filter);
            return found;
        }
    }

    private static List<Resource> find(DockerBackendConfig engine, String key, Optional<String> value) {
        String filter = filter(key, value);
        try (DockerClients clients = DockerClients.open(engine)) {
            return LabelledResources.find(clients, filter);
        }
    }

    private static String filter(String key, Optional<String> value) {
        if (Objects.requireNonNull(key, "key").isBlank() || key.contains("=")) {
            throw new IllegalArgumentException("key must be a label key, without '=', was '" + key + "'");
        }
        return value.map(v -> key + "=" + v).orElse(key);
    }
}

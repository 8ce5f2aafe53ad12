package dev.berth.docker;

import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import dev.berth.docker.internal.DockerClients;
import dev.berth.docker.internal.DockerTaskEngine;
import dev.berth.docker.internal.EngineTask;
import dev.berth.docker.internal.TaskObservation;
import dev.berth.model.TaskDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Shared set-up of the integration tests on the real engine: one engine handle per class, a cluster and a test
 * session label per class, and removal of everything carrying that label after each test, failed or not.
 */
@RequiresDockerEngine
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class EngineTestBase {

    /** Label on everything a test creates, so that clean-up and the final check find it. */
    public static final String SESSION_LABEL = "dev.berth.test-session";

    /**
     * This test run's id, part of every session of the run ({@link #newSession(String)}), so that
     * {@link NothingLeftBehindIT} judges this run's leftovers only while other runs share the engine.
     */
    static final String RUN = UUID.randomUUID().toString().substring(0, 6);

    protected final String session = newSession("e");
    protected final String cluster = "it-" + session;
    protected DockerBackendConfig config;
    protected DockerTaskEngine engine;
    private DockerClients raw;

    /** @return a new value of {@link #SESSION_LABEL} for this run, e.g. {@code svc-1a2b3c-4d5e6f7a} */
    public static String newSession(String kind) {
        return kind + "-" + RUN + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** @return the configuration the class runs with; override to change settings */
    protected DockerBackendConfig configure(DockerBackendConfig discovered) {
        return discovered.toBuilder().pollInterval(Duration.ofMillis(200)).build();
    }

    @BeforeAll
    void connect() {
        config = configure(DockerBackendConfig.fromEnvironment());
        engine = DockerTaskEngine.connect(config);
        raw = DockerClients.open(config);
    }

    @AfterEach
    void removeWhatTheTestCreated() {
        removeAll(raw, Map.of(SESSION_LABEL, session));
    }

    @AfterAll
    void disconnect() {
        try {
            removeAll(raw, Map.of(SESSION_LABEL, session));
        } finally {
            engine.close();
            raw.close();
        }
    }

    /** @return a request for a new task of {@code definition}, labelled with this class's session */
    protected EngineTask request(TaskDefinition definition) {
        String taskId = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        return EngineTask.standalone(taskId, cluster, definition, 1, Instant.now(), Map.of(SESSION_LABEL, session));
    }

    /** Polls the task until {@code condition} holds. */
    protected TaskObservation await(String taskId, Duration timeout, Predicate<TaskObservation> condition) {
        Instant deadline = Instant.now().plus(timeout);
        TaskObservation last = null;
        while (Instant.now().isBefore(deadline)) {
            last = engine.observe(taskId).orElseThrow();
            if (condition.test(last)) {
                return last;
            }
            sleep(Duration.ofMillis(200));
        }
        throw new AssertionError("task " + taskId + " did not reach the condition within " + timeout + "; last: "
                + last);
    }

    protected static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** @return the containers carrying the given labels, running or not */
    public static List<Container> containersWith(DockerClients clients, Map<String, String> labels) {
        return clients.calls().listContainersCmd().withShowAll(true).withLabelFilter(labels).exec();
    }

    /** @return the networks carrying the given label key (and value, if given) */
    protected static List<Network> networksWith(DockerClients clients, String labelFilter) {
        return clients.calls().listNetworksCmd().withFilter("label", List.of(labelFilter)).exec();
    }

    /** @return the volumes (Berth's stop records) carrying the given label key (and value, if given) */
    protected static List<InspectVolumeResponse> volumesWith(DockerClients clients, String labelFilter) {
        List<InspectVolumeResponse> volumes = clients.calls().listVolumesCmd()
                .withFilter("label", List.of(labelFilter)).exec().getVolumes();
        return volumes == null ? List.of() : volumes;
    }

    /**
     * Removes every container, network and volume with the given labels. A container that a Berth still closing is
     * removing meanwhile ("removal ... already in progress", or gone) is waited for instead, for at most 30 s.
     */
    public static void removeAll(DockerClients clients, Map<String, String> labels) {
        for (Container c : containersWith(clients, labels)) {
            try {
                clients.calls().removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec();
            } catch (NotFoundException gone) {
                // removed meanwhile
            } catch (ConflictException inProgress) {
                awaitGone(clients, c.getId(), inProgress);
            }
        }
        Map.Entry<String, String> first = labels.entrySet().iterator().next();
        for (Network n : networksWith(clients, first.getKey() + "=" + first.getValue())) {
            try {
                clients.calls().removeNetworkCmd(n.getId()).exec();
            } catch (NotFoundException gone) {
                // removed meanwhile
            }
        }
        for (InspectVolumeResponse v : volumesWith(clients, first.getKey() + "=" + first.getValue())) {
            try {
                clients.calls().removeVolumeCmd(v.getName()).exec();
            } catch (NotFoundException gone) {
                // removed meanwhile
            }
        }
    }

    private static void awaitGone(DockerClients clients, String containerId, ConflictException conflict) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            try {
                clients.calls().inspectContainerCmd(containerId).exec();
            } catch (NotFoundException gone) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
        throw new AssertionError("container " + containerId + " still there 30 s after: " + conflict.getMessage());
    }
}

package dev.berth.docker;

import dev.berth.api.Berth;
import dev.berth.docker.internal.DockerClients;
import dev.berth.service.ReconcilerSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Shared set-up of the tests of Berth's services on the real engine: a test-session label on everything the
 * backends create, short reconciler timings, and after each test the Berths closed and everything with the label
 * removed, failed or not.
 */
@RequiresDockerEngine
abstract class ServiceTestBase {

    /** Short timings: tasks count as healthy after 2 s running, resync every 5 s. */
    static final ReconcilerSettings FAST = new ReconcilerSettings(Duration.ofSeconds(2),
            Duration.ofMillis(500), Duration.ofSeconds(5), Duration.ofMinutes(1));
    /** How long a service may take to get where a test waits for it. */
    static final Duration STEADY = Duration.ofSeconds(90);

    protected final String session = EngineTestBase.newSession("svc");
    protected DockerBackendConfig config;
    private final List<Berth> berths = new ArrayList<>();

    @BeforeEach
    void labelTheSession() {
        config = DockerBackendConfig.fromEnvironment().toBuilder()
                .pollInterval(Duration.ofMillis(200))
                .label(EngineTestBase.SESSION_LABEL, session)
                .build();
    }

    @AfterEach
    void removeWhatTheTestCreated() {
        berths.forEach(Berth::close);
        try (DockerClients clients = DockerClients.open(config)) {
            EngineTestBase.removeAll(clients, Map.of(EngineTestBase.SESSION_LABEL, session));
        }
    }

    /** @return a builder of a Berth on {@code backend} with {@link #FAST} timings */
    protected Berth.Builder berth(DockerBackend backend) {
        return Berth.builder(backend).reconcilerSettings(FAST).waiterPollInterval(Duration.ofMillis(250));
    }

    /** @return the built Berth, closed after the test unless {@link #close(Berth)} closed it before */
    protected Berth open(Berth.Builder builder) {
        Berth berth = builder.build();
        berths.add(berth);
        return berth;
    }

    /** Closes {@code berth} (and its backend) now, as a stopping process would; its containers keep running. */
    protected void close(Berth berth) {
        berths.remove(berth);
        berth.close();
    }
}

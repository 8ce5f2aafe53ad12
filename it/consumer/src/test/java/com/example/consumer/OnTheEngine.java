package com.example.consumer;

import dev.berth.api.Berth;
import dev.berth.api.Cluster;
import dev.berth.docker.DockerBackend;
import dev.berth.docker.DockerBackendConfig;
import dev.berth.docker.DockerCleanup;
import dev.berth.service.ReconcilerSettings;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What a team's own base class for tests on the Docker engine looks like: a label per test on everything Berth
 * creates, a Berth on the engine, and a clean-up by that label after each test, passed or failed.
 */
abstract class OnTheEngine {

    /** The image every test runs: a static busybox, built on the engine by Berth's scripts/docker-env.sh. */
    static final String BUSYBOX = "berth-test/busybox:1";
    static final String SESSION_LABEL = "com.example.test-session";

    protected final String session = "consumer-" + UUID.randomUUID().toString().substring(0, 8);
    protected DockerBackendConfig engine;
    protected Berth berth;
    protected Cluster cluster;

    @BeforeEach
    void openBerth() {
        engine = DockerBackendConfig.fromEnvironment().toBuilder().label(SESSION_LABEL, session).build();
        // A local engine answers in seconds: look again every 5 s rather than ECS's 30 s when nothing signals.
        berth = Berth.builder(DockerBackend.create(engine))
                .reconcilerSettings(new ReconcilerSettings(Duration.ofSeconds(40), Duration.ofSeconds(1),
                        Duration.ofSeconds(5), Duration.ofMinutes(10)))
                .build();
        cluster = berth.clusters().create(session);
    }

    @AfterEach
    void removeWhatTheTestStarted() {
        try {
            berth.close();
        } finally {
            DockerCleanup.remove(engine, SESSION_LABEL, session);
        }
    }
}

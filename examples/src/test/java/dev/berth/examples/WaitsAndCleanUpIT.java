package dev.berth.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.Berth;
import dev.berth.api.Cluster;
import dev.berth.api.Service;
import dev.berth.docker.DockerBackend;
import dev.berth.docker.DockerBackendConfig;
import dev.berth.docker.DockerCleanup;
import dev.berth.docker.RequiresDockerEngine;
import dev.berth.docker.TestImages;
import dev.berth.exception.WaitFailedException;
import dev.berth.model.HealthCheck;
import dev.berth.model.TaskDefinition;
import dev.berth.model.TaskDefinitionRef;
import dev.berth.service.ServiceSpec;
import dev.berth.task.HealthStatus;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** docs/testing.md's waits and clean-up on the real engine, as a test of one's own writes them. */
@RequiresDockerEngine
class WaitsAndCleanUpIT {

    // tag::docs-cleanup[]
    private final String session = "it-" + UUID.randomUUID();
    private final DockerBackendConfig engine = DockerBackendConfig.fromEnvironment().toBuilder()
            .label("my.test-session", session)          // on every container, network and stop record
            .build();

    @AfterEach
    void removeWhatTheTestStarted() {
        DockerCleanup.remove(engine, "my.test-session", session);   // after a failure too
    }
    // end::docs-cleanup[]

    @Test
    void awaitHealthy_thenAnUnstartableRevision_failsWithTheCauseFirst() {
        try (Berth berth = Berth.builder(DockerBackend.create(engine)).build()) {
            Cluster cluster = berth.clusters().create(session);
            berth.taskDefinitions().register(TaskDefinition.builder("web")
                    .container(c -> c.name("web").image(TestImages.BUSYBOX).memoryMiB(32)
                            .command("sh", "-c", "echo ok > index.html && exec httpd -f -p 8080")
                            .portMapping(8080).stopTimeout(Duration.ofSeconds(2))
                            .healthCheck(HealthCheck.shell("wget -q -O /dev/null http://localhost:8080/")
                                    .withInterval(Duration.ofSeconds(5))))
                    .build());
            berth.taskDefinitions().register(TaskDefinition.builder("broken")
                    .container(c -> c.name("web").image("127.0.0.1:1/example/missing:1").memoryMiB(32))
                    .build());
            // tag::docs-waits[]
            Service web = cluster.services().create(ServiceSpec.builder("web", TaskDefinitionRef.latest("web"))
                    .desiredCount(2).build());
            web.awaitHealthy(Duration.ofMinutes(1));    // deployment COMPLETED, every task HEALTHY

            Service broken = cluster.services().create(ServiceSpec.builder("broken",
                    TaskDefinitionRef.latest("broken")).build());
            try {
                broken.awaitSteady(Duration.ofMinutes(1));
            } catch (WaitFailedException e) {            // at the first failed pull, not after a minute
                System.out.println(e.failure());         // CannotPullContainerError: ...
            }
            // end::docs-waits[]
            assertThat(web.tasks()).hasSize(2).allSatisfy(t -> assertThat(t.healthStatus())
                    .isEqualTo(HealthStatus.HEALTHY));
            assertThatThrownBy(() -> broken.awaitSteady(Duration.ofMinutes(1)))
                    .isInstanceOf(WaitFailedException.class).hasMessageStartingWith("CannotPullContainerError");
        }
        assertThat(DockerCleanup.find(engine, "my.test-session", session)).as("left for the clean-up").isNotEmpty();
    }
}

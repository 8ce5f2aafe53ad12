package dev.berth.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.docker.DockerBackendConfig;
import dev.berth.docker.EngineTestBase;
import dev.berth.docker.internal.DockerClients;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The three-container task with dependsOn on the real engine. */
class SidecarWithDependsOnIT extends EngineTestBase {

    @Override
    protected DockerBackendConfig configure(DockerBackendConfig discovered) {
        return super.configure(discovered).toBuilder().label(SESSION_LABEL, session).build();
    }

    @Test
    void containersStartInDependencyOrder_andCallEachOtherByName() {
        SidecarResult result = SidecarWithDependsOn.run(config, cluster, System.out);

        assertThat(result.startOrder()).containsExactly("init", "sidecar", "app");
        assertThat(result.initExitCode()).hasValue(0);
        assertThat(result.startedAt().get("sidecar")).as("sidecar starts after init exited 0")
                .isGreaterThanOrEqualTo(result.initDoneAt());
        // The sidecar's health check runs every 5 s: HEALTHY comes one interval after its start at the earliest.
        assertThat(result.startedAt().get("app") - result.startedAt().get("sidecar"))
                .as("app waits for the sidecar's first passing health check").isGreaterThanOrEqualTo(4.0);
        assertThat(result.appPage()).isEqualTo("app uses: config v7 from the sidecar");
        assertThat(result.sidecarSawApp()).isEqualTo("reached app: app uses: config v7 from the sidecar");
        assertThat(result.tasksLeft()).isZero();
        try (DockerClients clients = DockerClients.open(config)) {
            assertThat(containersWith(clients, Map.of(SESSION_LABEL, session))).as("containers left").isEmpty();
            assertThat(networksWith(clients, SESSION_LABEL + "=" + session)).as("networks left").isEmpty();
        }
    }
}

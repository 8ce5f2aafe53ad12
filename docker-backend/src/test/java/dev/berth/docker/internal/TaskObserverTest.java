package dev.berth.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.Container;
import dev.berth.task.HealthStatus;
import dev.berth.task.TaskStatus;
import org.junit.jupiter.api.Test;

class TaskObserverTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** @return a container as {@code GET /containers/json} lists it */
    private static Container listed(String state, String networkMode) throws Exception {
        return JSON.readValue("""
                {"Id": "c1", "Names": ["/berth-t1-app"], "State": "%s", "Status": "Created",
                 "HostConfig": {"NetworkMode": "%s"},
                 "Labels": {"dev.berth.cluster": "default", "dev.berth.task": "t1", "dev.berth.container": "app",
                            "dev.berth.essential": "true"}}
                """.formatted(state, networkMode), Container.class);
    }

    @Test
    void neverStarted_aCreatedContainer_isWhatItsLabelsTell() throws Exception {
        ContainerObservation o = TaskObserver.neverStarted(listed("created", "bridge")).orElseThrow();

        assertThat(o.name()).isEqualTo("app");
        assertThat(o.containerId()).isEqualTo("c1");
        assertThat(o.essential()).isTrue();
        assertThat(o.status()).isEqualTo(TaskStatus.PENDING);
        assertThat(o.health()).isEqualTo(HealthStatus.UNKNOWN);
        assertThat(o.ports()).isEmpty();
    }

    @Test
    void neverStarted_notOfAStartedOrHostModeContainer() throws Exception {
        assertThat(TaskObserver.neverStarted(listed("running", "bridge"))).isEmpty();
        assertThat(TaskObserver.neverStarted(listed("exited", "bridge"))).isEmpty();
        assertThat(TaskObserver.neverStarted(listed("created", "host"))).isEmpty();
    }
}

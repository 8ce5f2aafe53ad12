package com.example.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.Service;
import dev.berth.api.ServiceDescription;
import dev.berth.model.HealthCheck;
import dev.berth.model.TaskDefinition;
import dev.berth.model.TaskDefinitionRef;
import dev.berth.service.RolloutState;
import dev.berth.service.ServiceSpec;
import dev.berth.task.HealthStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The waiter for "deployment completed and every task healthy", on the real engine. */
class HealthyWaiterTest extends OnTheEngine {

    @Test
    void awaitHealthy_returnsWithTheDeploymentCompleted_andEveryTaskHealthy() {
        berth.taskDefinitions().register(TaskDefinition.builder("web")
                .container(c -> c.name("web").image(BUSYBOX).memoryMiB(32)
                        .command("sh", "-c", "echo ok > index.html && exec httpd -f -p 8080")
                        .portMapping(8080).stopTimeout(Duration.ofSeconds(2))
                        .healthCheck(HealthCheck.shell("wget -q -O /dev/null http://localhost:8080/")
                                .withInterval(Duration.ofSeconds(5))))
                .build());
        Service web = cluster.services().create(ServiceSpec.builder("web", TaskDefinitionRef.latest("web"))
                .desiredCount(2).build());

        ServiceDescription done = web.awaitHealthy(Duration.ofMinutes(2));

        assertThat(done.isStable()).isTrue();
        assertThat(done.deployments().get(0).deployment().rolloutState()).isEqualTo(RolloutState.COMPLETED);
        assertThat(web.tasks()).hasSize(2)
                .allSatisfy(t -> assertThat(t.healthStatus()).isEqualTo(HealthStatus.HEALTHY));
    }
}

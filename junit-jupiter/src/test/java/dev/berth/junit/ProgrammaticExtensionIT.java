package dev.berth.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.docker.RequiresDockerEngine;
import dev.berth.docker.TestImages;
import dev.berth.docker.WebTasks;
import dev.berth.model.HealthCheck;
import dev.berth.model.TaskDefinition;
import dev.berth.network.Endpoint;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The programmatic form on the real engine: a health-checked service waited for until healthy. */
@RequiresDockerEngine
class ProgrammaticExtensionIT {

    @RegisterExtension
    static BerthExtension berth = BerthExtension.docker()
            .service(ServiceDeclaration.of("web", healthChecked(), 1).withSteadyTimeout(Duration.ofSeconds(90)));

    static TaskDefinition healthChecked() {
        return TaskDefinition.builder("checked")
                .container(c -> c.name("app").image(TestImages.BUSYBOX).memoryMiB(16)
                        .stopTimeout(Duration.ofSeconds(2)).portMapping(WebTasks.PORT)
                        .command("sh", "-c", "mkdir -p /www && echo healthy-v1 > /www/index.html"
                                + " && exec httpd -f -p " + WebTasks.PORT + " -h /www")
                        .healthCheck(HealthCheck.shell("wget -q -O /dev/null http://localhost:" + WebTasks.PORT + "/")
                                .withInterval(Duration.ofSeconds(5))))
                .build();
    }

    @Test
    void parameter_withoutAName_isTheOnlyService_andItsTasksAreHealthy(BerthServiceHandle web) {
        Endpoint endpoint = web.endpoint(WebTasks.PORT);

        assertThat(web.tasks()).hasSize(1)
                .allSatisfy(t -> assertThat(t.healthStatus()).hasToString("HEALTHY"));
        assertThat(WebTasks.get(endpoint.host(), endpoint.port())).hasValue("healthy-v1");
    }
}

package dev.berth.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.docker.RequiresDockerEngine;
import dev.berth.junit.BerthHandle;
import dev.berth.junit.BerthService;
import dev.berth.junit.BerthServiceHandle;
import dev.berth.network.Endpoint;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A test class to copy: it runs an existing ECS task definition (src/test/resources/greeter-task.json) as a service
 * of two tasks on the local Docker engine, and calls every task over HTTP.
 *
 * <p>{@link BerthService} starts the service before the first test, waits until both tasks run and pass their
 * health check, and removes everything after the last test, also when the JVM is interrupted. When a test fails,
 * the service's events and its containers' logs are attached to the failure.
 */
@RequiresDockerEngine // This project's gate (skip without an engine, fail in CI); leave it out in your own tests.
// tag::junit[]
@BerthService(name = "greeter", taskDefinition = "classpath:greeter-task.json", desiredCount = 2)
class JUnitExtensionExampleIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void everyTaskGreets(@BerthHandle("greeter") BerthServiceHandle greeter) throws IOException, InterruptedException {
        assertThat(greeter.endpoints(8080)).hasSize(2);

        for (Endpoint endpoint : greeter.endpoints(8080)) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(endpoint.uri("http"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualToIgnoringNewLines("hello from a task definition");
        }
    }
    // end::junit[]

    @Test
    void logsOfEveryTaskAreAtHand(@BerthHandle("greeter") BerthServiceHandle greeter) {
        assertThat(greeter.logs("web")).filteredOn("greeter ready"::equals).hasSize(2);
    }
}

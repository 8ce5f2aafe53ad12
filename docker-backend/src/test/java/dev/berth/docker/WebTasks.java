package dev.berth.docker;

import dev.berth.api.Service;
import dev.berth.model.TaskDefinition;
import dev.berth.service.RolloutState;
import dev.berth.task.DesiredStatus;
import dev.berth.task.NetworkBinding;
import dev.berth.task.Task;
import dev.berth.task.TaskStatus;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** Busybox httpd tasks for the service tests on the real engine: their definition, ports, HTTP answers, waits. */
public final class WebTasks {

    /** The port httpd listens on inside the container; published on a dynamic host port. */
    public static final int PORT = 8080;

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private WebTasks() {
    }

    /** @return a busybox httpd that answers {@code version} on {@link #PORT}, with a 2 s stopTimeout */
    public static TaskDefinition definition(String version) {
        return TaskDefinition.builder("web")
                .container(c -> c.name("app").image(TestImages.BUSYBOX).memoryMiB(16)
                        .stopTimeout(Duration.ofSeconds(2)).portMapping(PORT)
                        .command("sh", "-c", "mkdir -p /www && echo " + version + " > /www/index.html"
                                + " && exec httpd -f -p " + PORT + " -h /www"))
                .build();
    }

    /** @return whether the task is RUNNING and meant to stay so */
    public static boolean running(Task task) {
        return task.lastStatus() == TaskStatus.RUNNING && task.desiredStatus() == DesiredStatus.RUNNING;
    }

    /** @return the service's tasks that are RUNNING and meant to stay so */
    public static List<Task> running(Service service) {
        return service.tasks().stream().filter(WebTasks::running).toList();
    }

    /** @return whether the service's only deployment is COMPLETED: its tasks are healthy, not only running */
    public static boolean completed(Service service) {
        var deployments = service.describe().deployments();
        return deployments.size() == 1 && deployments.get(0).deployment().rolloutState() == RolloutState.COMPLETED;
    }

    /** @return the host port the task publishes {@link #PORT} on */
    public static int port(Task task) {
        return task.containers().stream().flatMap(c -> c.networkBindings().stream())
                .filter(b -> b.containerPort() == PORT).mapToInt(NetworkBinding::hostPort).findFirst()
                .orElseThrow(() -> new AssertionError("task " + task.taskId() + " publishes no port " + PORT));
    }

    /** @return the body {@code host:port} answers with 200, or empty when the request failed */
    public static Optional<String> get(String host, int port) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://" + host + ":" + port + "/"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(response.body().strip()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Polls {@code condition} every 250 ms until it holds, failing after {@code timeout}. */
    public static void awaitTrue(String description, Duration timeout, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Timed out after " + timeout + " waiting for " + description);
            }
            EngineTestBase.sleep(Duration.ofMillis(250));
        }
    }
}

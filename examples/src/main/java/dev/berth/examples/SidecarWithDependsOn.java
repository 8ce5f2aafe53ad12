package dev.berth.examples;

import dev.berth.api.Berth;
import dev.berth.api.Tasks;
import dev.berth.docker.DockerBackend;
import dev.berth.docker.DockerBackendConfig;
import dev.berth.exception.WaitTimeoutException;
import dev.berth.model.DependencyCondition;
import dev.berth.model.HealthCheck;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.TaskDefinition;
import dev.berth.task.ContainerState;
import dev.berth.task.RunTaskRequest;
import dev.berth.task.Task;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * A task of three containers on the local Docker engine ({@code bash scripts/example.sh sidecar}): an {@code init}
 * container that must exit 0 ({@code SUCCESS}) before a {@code sidecar} starts, and an {@code app} that starts only
 * once the sidecar is {@code HEALTHY}. App and sidecar call each other by container name on the task's own network.
 * Each container writes the host's uptime when it starts, so the order of starts shows in the logs.
 */
public final class SidecarWithDependsOn {

    /** The containers' image; {@code scripts/docker-env.sh} builds it. */
    public static final String IMAGE = DockerQuickstart.IMAGE;

    private static final Duration WAIT = Duration.ofMinutes(1);
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(2);
    /** A shell expression for the host's uptime in seconds (10 ms steps), the same clock in every container. */
    private static final String UPTIME = "$(cut -d' ' -f1 /proc/uptime)";

    private SidecarWithDependsOn() {
    }

    /** Runs the example on the engine of the environment, in cluster {@code sidecar}; exits 1 on failure. */
    public static void main(String[] args) {
        Examples.runMain("sidecar", () -> run(DockerBackendConfig.fromEnvironment(), "sidecar", System.out));
    }

    /**
     * @return the task definition: {@code init} (exits 0), {@code sidecar} (after init's SUCCESS, serves port 9000
     *     with a health check) and {@code app} (after the sidecar is HEALTHY, serves port 8080 what it got from
     *     {@code http://sidecar:9000/})
     */
    public static TaskDefinition definition() {
        // tag::definition[]
        return TaskDefinition.builder("sidecar-demo")
                .container(c -> c.name("init")
                        .image(IMAGE).memoryMiB(16)
                        .essential(false)                                  // SUCCESS needs a non-essential one
                        .command("sh", "-c", "echo started " + UPTIME + "; echo writing the configuration;"
                                + " sleep 1; echo done " + UPTIME))
                .container(c -> c.name("sidecar")
                        .image(IMAGE).memoryMiB(16)
                        .dependsOn("init", DependencyCondition.SUCCESS)    // init exited 0
                        .stopTimeout(Duration.ofSeconds(2))
                        .command("sh", "-c", "echo started " + UPTIME + "; mkdir -p /www;"
                                + " echo 'config v7 from the sidecar' > /www/index.html;"
                                + " (until page=$(wget -q -O - http://app:8080/ 2>/dev/null); do sleep 0.2; done;"
                                + " echo \"reached app: $page\") &"
                                + " exec httpd -f -p 9000 -h /www")
                        .healthCheck(HealthCheck.shell("wget -q -O /dev/null http://localhost:9000/")
                                .withInterval(Duration.ofSeconds(5)).withRetries(2)))
                .container(c -> c.name("app")
                        .image(IMAGE).memoryMiB(16)
                        .dependsOn("sidecar", DependencyCondition.HEALTHY) // sidecar's health check passed
                        .portMapping(8080)
                        .stopTimeout(Duration.ofSeconds(2))
                        .command("sh", "-c", "echo started " + UPTIME + "; mkdir -p /www;"
                                + " page=$(wget -q -O - http://sidecar:9000/) || exit 1;"
                                + " echo \"app uses: $page\" | tee /www/index.html;"
                                + " exec httpd -f -p 8080 -h /www"))
                .build();
        // end::definition[]
    }

    /**
     * Runs one task of {@link #definition()}, shows the order in which its containers started and what app and
     * sidecar got from each other, then stops it and removes what is left of it.
     *
     * @param config the engine to run on
     * @param cluster the cluster to use (created if missing)
     * @param out where each step is reported
     * @return what was observed
     * @throws WaitTimeoutException if the task is not RUNNING within a minute or the sidecar never reaches the app
     * @throws dev.berth.exception.ConflictException if the task stops instead of running (a dependency failed); the
     *     message has the stop reason
     * @throws IllegalStateException if the task fits on no instance; the message says why
     */
    public static SidecarResult run(DockerBackendConfig config, String cluster, PrintStream out) {
        DockerBackend backend = DockerBackend.create(config);
        try (Berth berth = Berth.builder(backend).build()) {
            RegisteredTaskDefinition registered = berth.taskDefinitions().register(definition());
            Tasks tasks = berth.clusters().getOrCreate(cluster).tasks();
            Instant start = Instant.now();
            String taskId = Examples.onlyTask(tasks.run(RunTaskRequest.builder(registered.ref()).build())).taskId();
            out.printf("%-10s %s as task %s: init -(SUCCESS)-> sidecar -(HEALTHY)-> app%n", "started",
                    registered.ref(), taskId);
            Task running = tasks.awaitRunning(List.of(taskId), WAIT).get(0);
            out.printf("%-10s after %s%n", "running", Examples.seconds(start));
            running.containers().forEach(c -> out.printf("%-10s %s%n", "container", describe(c)));

            Map<String, Double> startedAt = new LinkedHashMap<>();
            for (String container : List.of("init", "sidecar", "app")) {
                startedAt.put(container, stamp(tasks.logs(taskId, container, 50), "started "));
            }
            double first = startedAt.values().stream().min(Double::compare).orElseThrow();
            startedAt.replaceAll((name, at) -> round(at - first));
            List<String> order = startedAt.entrySet().stream().sorted(Map.Entry.comparingByValue())
                    .map(Map.Entry::getKey).toList();
            double initDone = round(stamp(tasks.logs(taskId, "init", 50), "done ") - first);
            out.printf("%-10s %s%n", "order", order.stream().map(c -> c + " at +" + startedAt.get(c) + " s")
                    .collect(Collectors.joining(", ")) + " (init exited 0 at +" + initDone + " s)");

            int hostPort = running.containers().stream().filter(c -> c.name().equals("app"))
                    .flatMap(c -> c.networkBindings().stream()).findFirst().orElseThrow().hostPort();
            String appPage = get("http://" + config.endpointHost() + ":" + hostPort + "/");
            out.printf("%-10s app on :%d answers \"%s\"%n", "app", hostPort, appPage);
            Examples.await("the sidecar to reach the app", WAIT,
                    () -> tasks.logs(taskId, "sidecar", 50).stream().anyMatch(l -> l.startsWith("reached app")),
                    () -> String.join(" | ", tasks.logs(taskId, "sidecar", 50)));
            String sidecarSawApp = tasks.logs(taskId, "sidecar", 50).stream()
                    .filter(l -> l.startsWith("reached app")).findFirst().orElseThrow();
            out.printf("%-10s %s%n", "sidecar", sidecarSawApp);
            OptionalInt initExit = tasks.describe(taskId).containers().stream()
                    .filter(c -> c.name().equals("init")).findFirst().orElseThrow().exitCode();

            tasks.stop(taskId, "Stopped by the example");
            tasks.awaitStopped(List.of(taskId), WAIT);
            out.printf("%-10s app, then sidecar (reverse dependency order)%n", "stopped");
            // Berth's Tasks API does not forget stopped tasks; the backend removes their containers and network.
            backend.forgetTask(cluster, taskId);
            int left = backend.tasks(cluster).size();
            return new SidecarResult(order, startedAt, initDone, initExit, appPage, sidecarSawApp, left);
        }
    }

    /** @return the uptime written after {@code prefix} on the first such line */
    private static double stamp(List<String> lines, String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix)).findFirst()
                .map(l -> Double.parseDouble(l.substring(prefix.length()).strip()))
                .orElseThrow(() -> new IllegalStateException("no line starting with '" + prefix + "' in " + lines));
    }

    private static double round(double seconds) {
        return Math.round(seconds * 100) / 100.0;
    }

    private static String describe(ContainerState c) {
        return c.name() + " " + c.lastStatus() + (c.exitCode().isPresent() ? " (exit " + c.exitCode().getAsInt()
                + ")" : "") + " " + c.health();
    }

    private static String get(String url) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(HTTP_TIMEOUT).build();
        try {
            return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(HTTP_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString()).body().strip();
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling " + url, e);
        }
    }
}

package dev.berth.examples;

import dev.berth.api.Berth;
import dev.berth.api.Tasks;
import dev.berth.docker.DockerBackend;
import dev.berth.docker.DockerBackendConfig;
import dev.berth.exception.BerthException;
import dev.berth.exception.InvalidSpecException;
import dev.berth.exception.WaitTimeoutException;
import dev.berth.json.EcsTaskDefinitionJson;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.TaskDefinition;
import dev.berth.task.ContainerState;
import dev.berth.task.HealthStatus;
import dev.berth.task.NetworkBinding;
import dev.berth.task.RunTaskRequest;
import dev.berth.task.RunTaskResult;
import dev.berth.task.StopCode;
import dev.berth.task.Task;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Runs an existing ECS task definition, a file made for {@code aws ecs register-task-definition --cli-input-json},
 * as a standalone task on the local Docker engine ({@code bash scripts/example.sh ecs-json [file.json]}): prints
 * its containers, its endpoint and what it answers there, its logs, and stops it. Without a file it runs
 * {@code ecs/hello-web.json} from this module's resources.
 */
public final class RunEcsTaskDefinitionLocally {

    /** The task definition used when no file is given, a classpath resource. */
    public static final String BUNDLED_DEFINITION = "ecs/hello-web.json";

    private static final Duration WAIT = Duration.ofMinutes(1);
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(2);
    private static final int LOG_LINES = 10;

    private RunEcsTaskDefinitionLocally() {
    }

    /**
     * @param args empty for the bundled definition, or the path of a task-definition JSON file whose images are on
     *     the engine (or can be pulled) and whose first port mapping serves HTTP
     */
    public static void main(String[] args) {
        Examples.runMain("ecs-json", () -> {
            TaskDefinition definition = read(args.length == 0 ? Optional.empty() : Optional.of(Path.of(args[0])));
            run(DockerBackendConfig.fromEnvironment(), "ecs-json", definition, System.out);
        });
    }

    /**
     * Reads a task definition in ECS's JSON format.
     *
     * @param file the JSON file; empty for {@link #BUNDLED_DEFINITION}
     * @return the validated task definition
     * @throws InvalidSpecException listing every problem of the file, each with its JSON path
     * @throws BerthException if the file cannot be read
     */
    public static TaskDefinition read(Optional<Path> file) {
        EcsTaskDefinitionJson json = EcsTaskDefinitionJson.create();
        if (file.isPresent()) {
            return json.read(file.get());
        }
        try (InputStream bundled = RunEcsTaskDefinitionLocally.class.getClassLoader()
                .getResourceAsStream(BUNDLED_DEFINITION)) {
            if (bundled == null) {
                throw new IllegalStateException("the resource " + BUNDLED_DEFINITION + " is missing");
            }
            return json.read(bundled);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + BUNDLED_DEFINITION, e);
        }
    }

    /**
     * Registers {@code definition}, runs one task of it, waits until it is RUNNING (and HEALTHY, if it has a health
     * check), calls its first published port, reads its logs, stops it and removes what is left of it.
     *
     * @param config the engine to run on
     * @param cluster the cluster to use (created if missing)
     * @param definition the task definition
     * @param out where each step is reported
     * @return what was observed
     * @throws WaitTimeoutException if the task is not RUNNING (or HEALTHY) within a minute, or does not stop
     * @throws dev.berth.exception.ConflictException if the task stops instead of running; the message has its
     *     stop reason
     * @throws IllegalStateException if the task fits on no instance (the message says why), or publishes no port
     */
    public static EcsTaskResult run(DockerBackendConfig config, String cluster, TaskDefinition definition,
                                    PrintStream out) {
        DockerBackend backend = DockerBackend.create(config);
        try (Berth berth = Berth.builder(backend).build()) {
            // tag::run-task[]
            RegisteredTaskDefinition registered = berth.taskDefinitions().register(definition);
            Tasks tasks = berth.clusters().getOrCreate(cluster).tasks();
            RunTaskRequest request = RunTaskRequest.builder(registered.ref()).startedBy("berth-example").build();
            RunTaskResult result = tasks.run(request);
            result.failure().ifPresent(f -> {
                throw new IllegalStateException(f.explanation());     // e.g. RESOURCE:MEMORY 1
            });
            Task running = tasks.awaitRunning(List.of(result.tasks().get(0).taskId()), WAIT).get(0);
            // end::run-task[]
            Instant start = Instant.now();
            out.printf("%-10s %s as task %s on %s%n", "started", registered.ref(), running.taskId(),
                    config.dockerHost());
            boolean healthChecked = definition.containerDefinitions().stream()
                    .anyMatch(c -> c.essential() && c.healthCheck().isPresent());
            if (healthChecked) {
                Examples.await("task " + running.taskId() + " to be HEALTHY", WAIT,
                        () -> tasks.describe(running.taskId()).healthStatus() == HealthStatus.HEALTHY,
                        () -> String.valueOf(tasks.describe(running.taskId())));
                out.printf("%-10s after %s%n", "healthy", Examples.seconds(start));
            }
            Task healthy = tasks.describe(running.taskId());
            List<String> containers = healthy.containers().stream().map(RunEcsTaskDefinitionLocally::describe)
                    .toList();
            containers.forEach(c -> out.printf("%-10s %s%n", "container", c));

            NetworkBinding binding = healthy.containers().stream().flatMap(c -> c.networkBindings().stream())
                    .findFirst().orElseThrow(() -> new IllegalStateException(
                            "the task publishes no port; give a container a portMapping"));
            String endpoint = "http://" + config.endpointHost() + ":" + binding.hostPort() + "/";
            HttpResponse<String> answer = get(endpoint);
            out.printf("%-10s %s -> %d \"%s\"%n", "endpoint", endpoint, answer.statusCode(), answer.body().strip());

            String container = healthy.containers().get(0).name();
            // tag::logs[]
            List<String> logs = tasks.logs(running.taskId(), container, LOG_LINES);
            // end::logs[]
            out.printf("%-10s of %s, last %d lines:%n", "logs", container, LOG_LINES);
            logs.forEach(line -> out.printf("%-10s %s%n", "", line));

            // tag::stop-task[]
            tasks.stop(running.taskId(), "Stopped by the example");
            tasks.awaitStopped(List.of(running.taskId()), WAIT);
            // end::stop-task[]
            Task stopped = tasks.describe(running.taskId());
            out.printf("%-10s %s, %s: %s%n", "stopped", stopped.lastStatus(),
                    stopped.stopCode().map(StopCode::ecsName).orElse("-"), stopped.stoppedReason().orElse("-"));
            // ECS forgets a stopped task after a while; Berth's Tasks API has no such step, so the example asks the
            // backend to remove the stopped containers and the task's network now.
            backend.forgetTask(cluster, running.taskId());
            int left = backend.tasks(cluster).size();
            out.printf("%-10s %d tasks left in cluster %s%n", "removed", left, cluster);
            return new EcsTaskResult(registered.ref().toString(), containers, healthy.healthStatus(), endpoint,
                    answer.statusCode(), answer.body().strip(), logs, stopped.stopCode(), left);
        }
    }

    private static String describe(ContainerState c) {
        String ports = c.networkBindings().stream()
                .map(b -> b.containerPort() + "/" + b.protocol().ecsName() + " -> " + b.bindIp() + ":"
                        + b.hostPort())
                .collect(Collectors.joining(", "));
        return c.name() + " " + c.lastStatus() + " " + c.health() + (ports.isEmpty() ? "" : ", " + ports);
    }

    private static HttpResponse<String> get(String endpoint) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(HTTP_TIMEOUT).build();
        try {
            return client.send(HttpRequest.newBuilder(URI.create(endpoint)).timeout(HTTP_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + endpoint + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling " + endpoint, e);
        }
    }
}

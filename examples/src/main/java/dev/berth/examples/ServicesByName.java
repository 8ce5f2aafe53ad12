package dev.berth.examples;

import dev.berth.api.Berth;
import dev.berth.api.Cluster;
import dev.berth.api.Service;
import dev.berth.docker.DockerBackend;
import dev.berth.docker.DockerBackendConfig;
import dev.berth.exception.WaitTimeoutException;
import dev.berth.json.EcsServiceJson;
import dev.berth.json.EcsTaskDefinitionJson;
import dev.berth.network.Endpoint;
import dev.berth.network.TargetGroupDescription;
import dev.berth.network.TargetGroupSpec;
import dev.berth.network.TargetHealth;
import dev.berth.network.TargetHealthState;
import dev.berth.service.ServiceSpec;
import dev.berth.task.Task;
import dev.berth.task.TaskStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Two services that find each other by name ({@code bash scripts/example.sh services-by-name}), both made from ECS
 * JSON files only: {@code api} (two tasks behind a target group, and Service Connect's name {@code api} on port 8080)
 * and {@code client}, a single-container bridge task that calls {@code http://api:8080/} twice a second. The
 * example's own code calls {@code api} as a test would, through {@code service.endpoint(8080)}: the target group's
 * listener, which forwards only to healthy tasks.
 *
 * <p>The files are {@code ecs/services/*.json}: two register-task-definition inputs and two create-service inputs.
 * As with Elastic Load Balancing, a target group's ARN is known once the group exists, so {@code api-service.json}
 * names it {@code ${API_TARGET_GROUP_ARN}} and the example puts the ARN in, as {@code envsubst} would for
 * {@code aws ecs create-service --cli-input-json}.
 */
public final class ServicesByName {

    /** The placeholder of the target group's ARN in {@code api-service.json}. */
    public static final String TARGET_GROUP_PLACEHOLDER = "${API_TARGET_GROUP_ARN}";

    private static final String FILES = "/ecs/services/";
    private static final int PORT = 8080;
    private static final Duration WAIT = Duration.ofMinutes(1);

    private ServicesByName() {
    }

    /** Runs the example on the engine of the environment, in cluster {@code services-by-name}; exits 1 on failure. */
    public static void main(String[] args) {
        Examples.runMain("services-by-name",
                () -> run(DockerBackendConfig.fromEnvironment(), "services-by-name", System.out));
    }

    /**
     * Creates the target group and both services from the JSON files, waits until {@code api}'s two tasks are
     * healthy in the target group, calls {@code api} through its endpoint and waits for the client's answers by
     * name; then deletes both services and the target group (also when a step fails).
     *
     * @param config the engine to run on
     * @param clusterName the cluster to use (created if missing)
     * @param out where each step is reported
     * @return what was observed
     * @throws WaitTimeoutException if the tasks do not get healthy or the client gets no answer within a minute
     */
    public static ServicesByNameResult run(DockerBackendConfig config, String clusterName, PrintStream out) {
        Instant start = Instant.now();
        try (Berth berth = Berth.builder(DockerBackend.create(config))
                .reconcilerSettings(Examples.localEngineSettings()).build()) {
            EcsTaskDefinitionJson taskJson = EcsTaskDefinitionJson.create();
            berth.taskDefinitions().register(taskJson.read(text("api-task.json")));
            berth.taskDefinitions().register(taskJson.read(text("client-task.json")));
            // ELB's defaults check every 30 s; a local example checks every 5 s and drains for 5 s.
            TargetGroupDescription group = berth.targetGroups().create(TargetGroupSpec.builder("api")
                    .healthCheck(c -> c.interval(Duration.ofSeconds(5)).timeout(Duration.ofSeconds(2)))
                    .deregistrationDelay(Duration.ofSeconds(5)).build());
            out.printf("%-10s target group %s%n", "created", group.arn());
            Cluster cluster = berth.clusters().getOrCreate(clusterName);
            Service api = null;
            Service client = null;
            try {
                // tag::create[]
                EcsServiceJson serviceJson = EcsServiceJson.create();
                ServiceSpec apiSpec = serviceJson.read(text("api-service.json")
                        .replace(TARGET_GROUP_PLACEHOLDER, group.arn()));
                api = cluster.services().create(apiSpec);
                client = cluster.services().create(serviceJson.read(text("client-service.json")));
                // end::create[]
                out.printf("%-10s services api (2 tasks, target group, Service Connect name api:8080) and client%n",
                        "created");
                Service apiService = api;
                Examples.await("api's two tasks to be healthy in the target group", WAIT,
                        () -> healthyTargets(berth, group) == 2 && running(apiService) == 2,
                        () -> apiService.describe().summary() + "; targets " + berth.targetGroups()
                                .targetHealth(group.arn()));
                // tag::endpoint[]
                Endpoint endpoint = api.endpoint(PORT);     // the target group's listener
                // end::endpoint[]
                Set<String> viaEndpoint = new LinkedHashSet<>();
                for (int i = 0; i < 6; i++) {
                    viaEndpoint.add(get(endpoint));
                }
                out.printf("%-10s %s -> %s%n", "endpoint", endpoint, viaEndpoint);
                Service clientService = client;
                Examples.await("the client's answers from api by name", WAIT,
                        () -> clientLog(cluster, clientService).stream().anyMatch(l -> l.startsWith("api answers")),
                        () -> clientLog(cluster, clientService).toString());
                List<String> byName = clientLog(cluster, clientService);
                out.printf("%-10s client called http://api:8080/ %d times: %s%n", "by name", byName.size(),
                        new LinkedHashSet<>(byName));
                return new ServicesByNameResult(endpoint, group.listener().orElseThrow(), List.copyOf(viaEndpoint),
                        byName, client.tasks().get(0).containers().size(),
                        berth.targetGroups().targetHealth(group.arn()).stream().map(TargetHealth::state).toList());
            } finally {
                for (Service s : new Service[] {client, api}) {
                    if (s != null) {
                        s.delete(true);
                        s.awaitDeleted(WAIT);
                    }
                }
                berth.targetGroups().delete(group.arn());
                out.printf("%-10s services and target group after %s in all%n", "deleted", Examples.seconds(start));
            }
        }
    }

    private static long healthyTargets(Berth berth, TargetGroupDescription group) {
        return berth.targetGroups().targetHealth(group.arn()).stream()
                .filter(h -> h.state() == TargetHealthState.HEALTHY).count();
    }

    private static long running(Service service) {
        return service.tasks().stream().filter(t -> t.lastStatus() == TaskStatus.RUNNING).count();
    }

    private static List<String> clientLog(Cluster cluster, Service client) {
        List<String> lines = new ArrayList<>();
        for (Task task : client.tasks()) {
            lines.addAll(cluster.tasks().logs(task.taskId(), "app", 100));
        }
        return lines;
    }

    private static String get(Endpoint endpoint) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://" + endpoint.host() + ":" + endpoint.port()
                    + "/")).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()).body()
                    .strip();
        } catch (IOException e) {
            throw new UncheckedIOException("calling api through " + endpoint, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling " + endpoint, e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = ServicesByName.class.getResourceAsStream(FILES + name);
        if (in == null) {
            throw new IllegalStateException("the example's file " + FILES + name + " is missing from the classpath");
        }
        return in;
    }

    private static String text(String name) {
        try (InputStream in = resource(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + FILES + name, e);
        }
    }
}

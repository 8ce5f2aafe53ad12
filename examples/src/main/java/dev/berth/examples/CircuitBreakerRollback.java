package dev.berth.examples;

import dev.berth.api.Berth;
import dev.berth.api.Cluster;
import dev.berth.api.Service;
import dev.berth.api.ServiceDescription;
import dev.berth.docker.DockerBackend;
import dev.berth.docker.DockerBackendConfig;
import dev.berth.exception.WaitTimeoutException;
import dev.berth.model.HealthCheck;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.TaskDefinition;
import dev.berth.service.Deployment;
import dev.berth.service.DeploymentCircuitBreaker;
import dev.berth.service.DeploymentConfiguration;
import dev.berth.service.RolloutState;
import dev.berth.service.ServiceSpec;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import dev.berth.task.StopCode;
import dev.berth.task.Task;
import dev.berth.task.TaskStatus;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * A rolling deployment of a broken revision, caught by ECS's deployment circuit breaker
 * ({@code bash scripts/example.sh circuit-breaker}): the service runs a good revision, is deployed to one whose
 * container exits at once, the breaker trips after three failed tasks and rolls the service back to the good
 * revision. The good tasks keep serving throughout (minimum healthy 100 %). Service events print as they happen.
 */
public final class CircuitBreakerRollback {

    /** The containers' image; {@code scripts/docker-env.sh} builds it. */
    public static final String IMAGE = DockerQuickstart.IMAGE;

    private static final String SERVICE = "checkout";
    private static final int PORT = 8080;
    private static final Duration WAIT = Duration.ofMinutes(1);

    private CircuitBreakerRollback() {
    }

    /** Runs the example on the engine of the environment, in cluster {@code circuit-breaker}; exits 1 on failure. */
    public static void main(String[] args) {
        Examples.runMain("circuit-breaker",
                () -> run(DockerBackendConfig.fromEnvironment(), "circuit-breaker", System.out));
    }

    /**
     * Creates the service on a good revision, deploys a broken one, waits for the rollback to complete and deletes
     * the service (also when a step fails).
     *
     * @param config the engine to run on
     * @param clusterName the cluster to use (created if missing)
     * @param out where each step and each service event is reported
     * @return what was observed
     * @throws WaitTimeoutException if the service is not steady, the breaker does not trip or the rollback does
     *     not complete within a minute each
     */
    public static CircuitBreakerResult run(DockerBackendConfig config, String clusterName, PrintStream out) {
        DockerBackend backend = DockerBackend.create(config);
        Instant start = Instant.now();
        List<String> events = new CopyOnWriteArrayList<>();
        try (Berth berth = Berth.builder(backend).reconcilerSettings(Examples.localEngineSettings()).build()) {
            berth.onServiceEvent(e -> {
                events.add(e.message());
                out.printf("%-10s +%s %s%n", "event", Examples.seconds(start), e.message());
            });
            RegisteredTaskDefinition good = berth.taskDefinitions().register(good());
            RegisteredTaskDefinition broken = berth.taskDefinitions().register(broken());
            // tag::create[]
            Cluster cluster = berth.clusters().getOrCreate(clusterName);
            Service service = cluster.services().create(
                    ServiceSpec.builder(SERVICE, good.ref())
                            .desiredCount(2)
                            .deploymentConfiguration(DeploymentConfiguration.replicaDefaults()     // 100 % / 200 %
                                    .withCircuitBreaker(DeploymentCircuitBreaker.enabled(true)))  // with rollback
                            .build());
            // end::create[]
            out.printf("%-10s service %s on %s, 2 replicas, circuit breaker with rollback%n", "created", SERVICE,
                    good.ref());
            try {
                // The breaker rolls back to the last COMPLETED deployment only: wait until the first one is, that is
                // until its tasks passed their health checks, not merely until they run.
                Examples.await("the deployment of " + good.ref() + " to complete", WAIT,
                        () -> completed(service.describe()), () -> service.describe().summary());
                out.printf("%-10s %s on %s, deployment COMPLETED%n", "steady", service.describe().summary(),
                        good.ref());
                // tag::deploy[]
                service.deploy(broken.ref());       // its container exits at once: every new task fails
                // end::deploy[]
                out.printf("%-10s to %s, whose container exits at once%n", "deploying", broken.ref());
                Deployment rollback = awaitRollback(service);
                String brokenId = rollback.rollbackOf().orElseThrow();
                // The tasks the breaker counted; any the scheduler itself stopped on the rollback are not failures.
                List<Task> failedTasks = cluster.tasks().list().stream()
                        .filter(t -> t.startedBy().equals(brokenId) && t.lastStatus() == TaskStatus.STOPPED
                                && t.stopCode().orElse(null) != StopCode.SERVICE_SCHEDULER_INITIATED)
                        .toList();
                String failure = failedTasks.stream().map(t -> t.stopCode().map(StopCode::ecsName).orElse("-")
                        + ": " + t.stoppedReason().orElse("-")).distinct().collect(Collectors.joining("; "));
                out.printf("%-10s %d tasks of %s failed (%s); %s rolls back to %s%n", "tripped", failedTasks.size(),
                        brokenId, failure, rollback.id(), rollback.taskDefinition().ref());
                Examples.await("the rollback to " + good.ref() + " to complete", WAIT,
                        () -> completed(service.describe()), () -> service.describe().summary());
                ServiceDescription after = service.describe();
                Deployment primary = after.deployments().get(0).deployment();
                out.printf("%-10s %s on %s (%s, %s)%n", "recovered", after.summary(),
                        primary.taskDefinition().ref(), primary.id(), primary.rolloutState());
                List<String> revisions = service.tasks().stream().map(Task::taskDefinitionArn).distinct().toList();
                return new CircuitBreakerResult(good.ref().toString(), broken.ref().toString(), brokenId,
                        failedTasks.size(), failure, primary.id(), primary.rollbackOf(),
                        primary.taskDefinition().ref().toString(), primary.rolloutState(),
                        revisions.equals(List.of(good.arn())), List.copyOf(events));
            } finally {
                service.delete(true);
                service.awaitDeleted(WAIT);
                out.printf("%-10s service %s after %s in all%n", "deleted", SERVICE, Examples.seconds(start));
            }
        }
    }

    /** @return the good revision: busybox httpd with a health check */
    private static TaskDefinition good() {
        return TaskDefinition.builder(SERVICE)
                .container(c -> c.name("web").image(IMAGE).memoryMiB(16).stopTimeout(Duration.ofSeconds(2))
                        .portMapping(PORT)
                        .command("sh", "-c", "mkdir -p /www && echo 'checkout v1' > /www/index.html"
                                + " && exec httpd -f -p " + PORT + " -h /www")
                        .healthCheck(HealthCheck.shell("wget -q -O /dev/null http://localhost:" + PORT + "/")
                                .withInterval(Duration.ofSeconds(5)).withRetries(2)))
                .build();
    }

    /** @return the broken revision: the same container, misconfigured so that it exits 1 at once */
    private static TaskDefinition broken() {
        return good().toBuilder()
                .containers(List.of(good().containerDefinitions().get(0).toBuilder()
                        .command("sh", "-c", "echo 'DATABASE_URL is not set' >&2; exit 1")
                        .build()))
                .build();
    }

    /**
     * Waits until the breaker has tripped and a rollback deployment is PRIMARY. The failed deployment itself may be
     * gone from the description by then: as in ECS, a deployment without tasks left turns INACTIVE and is not shown.
     *
     * @return the rollback deployment
     */
    private static Deployment awaitRollback(Service service) {
        Examples.await("the circuit breaker to trip", WAIT, () -> primary(service).rollbackOf().isPresent(),
                () -> service.describe().summary());
        return primary(service);
    }

    private static Deployment primary(Service service) {
        return service.describe().deployments().get(0).deployment();
    }

    /** @return whether the service is stable and its PRIMARY deployment COMPLETED (its tasks are healthy) */
    private static boolean completed(ServiceDescription service) {
        return service.isStable()
                && service.deployments().get(0).deployment().rolloutState() == RolloutState.COMPLETED;
    }
}

package dev.berth.benchmarks.swarm;

import dev.berth.api.Berth;
import dev.berth.api.Cluster;
import dev.berth.api.Service;
import dev.berth.docker.DockerBackend;
import dev.berth.docker.DockerBackendConfig;
import dev.berth.model.HealthCheck;
import dev.berth.model.TaskDefinition;
import dev.berth.model.TaskDefinitionRef;
import dev.berth.service.DeploymentConfiguration;
import dev.berth.service.ServiceSpec;
import dev.berth.task.DesiredStatus;
import dev.berth.task.HealthStatus;
import dev.berth.task.NetworkBinding;
import dev.berth.task.Task;
import dev.berth.task.TaskStatus;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Berth on the Docker backend, in this process, with its default settings: each service a REPLICA service with
 * minimumHealthyPercent 100 and maximumPercent 200, each revision a new task-definition revision.
 */
final class BerthContender implements Contender {

    /** The label Berth puts on every container of a service (the Docker backend's {@code Labels.SERVICE}). */
    private static final String SERVICE_LABEL = "dev.berth.service";

    private final String runLabel;
    private final String runId;
    private final Berth berth;
    private final Cluster cluster;
    private final Map<String, Service> services = new LinkedHashMap<>();

    /**
     * @param runLabel the label key that marks everything of this run
     * @param runId this run's value of it
     */
    BerthContender(String runLabel, String runId) {
        this.runLabel = runLabel;
        this.runId = runId;
        DockerBackend backend = DockerBackend.create(DockerBackendConfig.builder().label(runLabel, runId).build());
        this.berth = Berth.builder(backend).build();
        this.cluster = berth.clusters().getOrCreate("bench-" + runId);
    }

    @Override
    public String name() {
        return "Berth";
    }

    @Override
    public Map<String, String> labels(String service) {
        return Map.of(runLabel, runId, SERVICE_LABEL, service);
    }

    @Override
    public void create(String service, Workload workload, int replicas) {
        TaskDefinitionRef ref = register(service, workload);
        services.put(service, cluster.services().create(ServiceSpec.builder(service, ref).desiredCount(replicas)
                .deploymentConfiguration(new DeploymentConfiguration(100, 200,
                        DeploymentConfiguration.replicaDefaults().circuitBreaker()))
                .build()));
    }

    @Override
    public boolean rolls() {
        return true;
    }

    @Override
    public void roll(String service, Workload next) {
        services.get(service).deploy(register(service, next));
    }

    /**
     * The service's tasks from Berth's API; serving are those RUNNING, HEALTHY and desired RUNNING. Berth marks a
     * task desired STOPPED before it signals its containers.
     */
    @Override
    public List<Endpoint> endpoints(String service) {
        return services.get(service).tasks().stream()
                .map(t -> new Endpoint(t.taskId(), t.lastStatus() == TaskStatus.RUNNING
                        && t.healthStatus() == HealthStatus.HEALTHY && t.desiredStatus() == DesiredStatus.RUNNING,
                        hostPort(t), t.lastStatus() + " " + t.healthStatus() + ", desired " + t.desiredStatus()))
                .toList();
    }

    @Override
    public void scaleToZeroAndDelete(String service) {
        Service s = services.remove(service);
        s.scale(0);
        s.delete(false);
    }

    /** Deletes the services still there (their tasks stop) and closes Berth; the harness sweeps what remains. */
    @Override
    public void close() {
        try {
            for (Service s : List.copyOf(services.values())) {
                s.delete(true);
            }
            for (Service s : List.copyOf(services.values())) {
                s.awaitDeleted(Duration.ofMinutes(2));
            }
            services.clear();
        } finally {
            berth.close();
        }
    }

    private static int hostPort(Task t) {
        return t.containers().stream().flatMap(c -> c.networkBindings().stream())
                .filter(b -> b.containerPort() == Workload.HTTP_PORT).mapToInt(NetworkBinding::hostPort)
                .findFirst().orElse(0);
    }

    private TaskDefinitionRef register(String service, Workload w) {
        return berth.taskDefinitions().register(TaskDefinition.builder("bench-" + service)
                .container(c -> {
                    c.name("app").image(w.image()).memoryMiB(w.memoryMiB()).stopTimeout(w.stopGrace())
                            .command(w.command()).environment(Workload.REVISION_ENV, Integer.toString(w.revision()))
                            .dockerLabel(Workload.REVISION_LABEL, Integer.toString(w.revision()));
                    w.port().ifPresent(c::portMapping);
                    w.healthCheck().ifPresent(h -> c.healthCheck(HealthCheck.shell(h)
                            .withInterval(w.healthInterval()).withTimeout(Workload.HEALTH_TIMEOUT)
                            .withRetries(Workload.HEALTH_RETRIES)));
                })
                .build()).ref();
    }
}

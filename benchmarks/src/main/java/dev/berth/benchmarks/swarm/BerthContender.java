package dev.berth.benchmarks.swarm;

import dev.berth.api.Berth;
import dev.berth.api.Cluster;
import dev.berth.api.Service;
import dev.berth.docker.DockerBackend;
import dev.berth.docker.DockerBackendConfig;
import dev.berth.model.HealthCheck;
import dev.berth.model.TaskDefinition;
import dev.berth.model.TaskDefinitionRef;
import dev.berth.network.TargetGroupDescription;
import dev.berth.network.TargetGroupSpec;
import dev.berth.service.DeploymentConfiguration;
import dev.berth.service.LoadBalancer;
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
import java.util.stream.IntStream;

/**
 * Berth on the Docker backend, in this process, with its default settings: each service a REPLICA service with
 * minimumHealthyPercent 100 and maximumPercent 200, each revision a new task-definition revision. Balanced, each web
 * service also has a target group of its own (ELB's defaults, but checks every 5 s with a 4 s timeout: as close to
 * the workload's own health check, 5 s and 5 s, as ELB's rule timeout &lt; interval allows) and the roll client calls
 * its listener instead of the tasks: Berth's load balancer decides which task gets each request, takes new tasks in
 * once healthy and drains old ones before they are signalled.
 */
final class BerthContender implements Contender {

    /** The label Berth puts on every container of a service (the Docker backend's {@code Labels.SERVICE}). */
    private static final String SERVICE_LABEL = "dev.berth.service";

    private final String runLabel;
    private final String runId;
    private final Berth berth;
    private final Cluster cluster;
    private final Map<String, Service> services = new LinkedHashMap<>();
    private final boolean balanced;

    /**
     * @param runLabel the label key that marks everything of this run
     * @param runId this run's value of it
     * @param balanced whether web services get a target group and the roll client calls its listener
     */
    BerthContender(String runLabel, String runId, boolean balanced) {
        this.runLabel = runLabel;
        this.runId = runId;
        this.balanced = balanced;
        // The engine the environment names (DOCKER_HOST), as the other contenders' docker CLI and docker-java use;
        // an engine on another host publishes on all its addresses, as Swarm's host-mode and ingress ports are.
        DockerBackendConfig.Builder engine = DockerBackendConfig.fromEnvironment().toBuilder().label(runLabel, runId);
        if (!Engine.host().equals("127.0.0.1")) {
            engine.hostPortBindAddress("0.0.0.0");
        }
        DockerBackend backend = DockerBackend.create(engine.build());
        this.berth = Berth.builder(backend).build();
        this.cluster = berth.clusters().getOrCreate("bench-" + runId + (balanced ? "-lb" : ""));
    }

    @Override
    public String name() {
        return balanced ? "Berth via its load balancer" : "Berth";
    }

    /** @return its key for {@code --only} */
    String key() {
        return balanced ? "berth-lb" : "berth";
    }

    @Override
    public Map<String, String> labels(String service) {
        return Map.of(runLabel, runId, SERVICE_LABEL, service);
    }

    @Override
    public void create(String service, Workload workload, int replicas) {
        TaskDefinitionRef ref = register(service, workload);
        ServiceSpec.Builder spec = ServiceSpec.builder(service, ref).desiredCount(replicas)
                .deploymentConfiguration(new DeploymentConfiguration(100, 200,
                        DeploymentConfiguration.replicaDefaults().circuitBreaker()));
        if (balanced && workload.port().isPresent()) {
            Duration interval = workload.healthInterval().compareTo(Duration.ofSeconds(5)) < 0 ? Duration.ofSeconds(5)
                    : workload.healthInterval();
            TargetGroupDescription group = berth.targetGroups().create(TargetGroupSpec.builder(service)
                    .healthCheck(c -> c.interval(interval).timeout(interval.minusSeconds(1))).build());
            spec.loadBalancer(new LoadBalancer(group.arn(), "app", workload.port().get()));
        }
        services.put(service, cluster.services().create(spec.build()));
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
        Service s = services.get(service);
        if (balanced && !s.describe().spec().loadBalancers().isEmpty()) {
            // As many requests per round as the service has tasks, as the client sends when it calls the tasks.
            dev.berth.network.Endpoint listener = s.endpoint(Workload.HTTP_PORT);
            return IntStream.range(0, s.describe().spec().desiredCount())
                    .mapToObj(i -> new Endpoint("listener#" + i, true, listener.host(), listener.port(),
                            "the target group's listener")).toList();
        }
        return s.tasks().stream()
                .map(t -> new Endpoint(t.taskId(), t.lastStatus() == TaskStatus.RUNNING
                        && t.healthStatus() == HealthStatus.HEALTHY && t.desiredStatus() == DesiredStatus.RUNNING,
                        Engine.host(), hostPort(t),
                        t.lastStatus() + " " + t.healthStatus() + ", desired " + t.desiredStatus()))
                .toList();
    }

    @Override
    public void scaleToZeroAndDelete(String service) {
        Service s = services.remove(service);
        s.scale(0);
        s.delete(false);
    }

    /**
     * Deletes the services still there (their tasks stop) and closes Berth, which closes the target groups'
     * listeners; the harness sweeps what remains.
     */
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
                            .withInterval(w.healthInterval()).withTimeout(w.healthTimeout())
                            .withRetries(Workload.HEALTH_RETRIES)));
                })
                .build()).ref();
    }
}

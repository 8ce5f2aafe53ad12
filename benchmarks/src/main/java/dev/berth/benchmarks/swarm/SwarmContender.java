package dev.berth.benchmarks.swarm;

import com.github.dockerjava.api.model.Task;
import com.github.dockerjava.api.model.TaskState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * Docker Swarm mode on the same engine, through {@code docker service}. Images are given by their ID, so that
 * Swarm does not try to resolve a tag at a registry that cannot be reached here (which costs it seconds per
 * task). Published ports are host-mode ports, so that no routing mesh sits in front of one side only; or, for the
 * roll through the routing mesh, ingress ports: the client then calls the service's one published port, and Swarm's
 * mesh (IPVS in the kernel) decides which task gets each request, as Berth's load balancer does for
 * {@code berth-lb}.
 */
final class SwarmContender implements Contender {

    private static final Duration CLI_TIMEOUT = Duration.ofMinutes(2);

    private final String runLabel;
    private final String runId;
    private final String updateOrder;
    private final int updateParallelism;
    private final Engine engine;
    private final boolean mesh;
    private final Map<String, Integer> portByContainer = new ConcurrentHashMap<>();
    private final Map<String, Integer> replicasByService = new ConcurrentHashMap<>();
    private final Map<String, Integer> meshPortByService = new ConcurrentHashMap<>();

    /**
     * @param runLabel the label key that marks everything of this run
     * @param runId this run's value of it
     * @param updateOrder {@code start-first} or {@code stop-first}
     * @param updateParallelism how many tasks an update replaces at once
     * @param engine where the Swarm's task list is read
     * @param mesh whether web services publish through the routing mesh and the roll client calls it
     */
    SwarmContender(String runLabel, String runId, String updateOrder, int updateParallelism, Engine engine,
                   boolean mesh) {
        this.runLabel = runLabel;
        this.runId = runId;
        this.updateOrder = updateOrder;
        this.updateParallelism = updateParallelism;
        this.engine = engine;
        this.mesh = mesh;
    }

    @Override
    public String name() {
        return mesh ? "Swarm via its routing mesh" : "Swarm " + updateOrder;
    }

    /** @return its key for {@code --only} */
    String key() {
        return mesh ? "swarm-mesh" : "swarm";
    }

    @Override
    public Map<String, String> labels(String service) {
        return Map.of(runLabel, runId, "com.docker.swarm.service.name", service);
    }

    @Override
    public void create(String service, Workload w, int replicas) {
        List<String> args = new ArrayList<>(List.of("service", "create", "--detach", "--quiet", "--name", service,
                "--replicas", Integer.toString(replicas), "--label", runLabel + "=" + runId,
                "--container-label", runLabel + "=" + runId,
                "--container-label", Workload.REVISION_LABEL + "=" + w.revision(),
                "--env", Workload.REVISION_ENV + "=" + w.revision(),
                "--limit-memory", w.memoryMiB() + "M", "--stop-grace-period", seconds(w.stopGrace()),
                "--update-order", updateOrder, "--update-parallelism", Integer.toString(updateParallelism),
                "--no-resolve-image"));
        String publishMode = mesh ? "mode=ingress" : "mode=host";
        w.port().ifPresent(p -> args.addAll(List.of("--publish", publishMode + ",target=" + p)));
        w.healthCheck().ifPresent(h -> args.addAll(List.of("--health-cmd", h,
                "--health-interval", seconds(w.healthInterval()),
                "--health-timeout", seconds(w.healthTimeout()),
                "--health-retries", Integer.toString(Workload.HEALTH_RETRIES))));
        args.add(imageId(w.image()));
        args.addAll(w.command());
        Engine.docker(CLI_TIMEOUT, args.toArray(String[]::new));
        replicasByService.put(service, replicas);
    }

    @Override
    public boolean rolls() {
        return true;
    }

    @Override
    public void roll(String service, Workload next) {
        Engine.docker(CLI_TIMEOUT, "service", "update", "--detach", "--quiet", "--no-resolve-image",
                "--image", imageId(next.image()),
                "--container-label-add", Workload.REVISION_LABEL + "=" + next.revision(),
                "--env-add", Workload.REVISION_ENV + "=" + next.revision(), service);
    }

    /**
     * The service's tasks from the Swarm's own task list ({@code GET /tasks}, what {@code docker service ps}
     * shows); serving are those desired running whose state is running. Swarm reports a task with a health check
     * running only once it is healthy (starting until then), and sets an old task's desired state to shutdown
     * before its container gets the stop signal.
     */
    @Override
    public List<Endpoint> endpoints(String service) {
        if (mesh) {
            // As many requests per round as the service has tasks, as the client sends when it calls the tasks.
            int port = meshPortByService.computeIfAbsent(service, SwarmContender::publishedMeshPort);
            return IntStream.range(0, replicasByService.get(service))
                    .mapToObj(i -> new Endpoint("mesh#" + i, true, Engine.host(), port, "the routing mesh")).toList();
        }
        return engine.swarmTasks(service).stream()
                .map(t -> new Endpoint(t.getId(), t.getDesiredState() == TaskState.RUNNING
                        && t.getStatus() != null && t.getStatus().getState() == TaskState.RUNNING,
                        Engine.host(), publishedPort(service, t),
                        (t.getStatus() == null ? "?" : t.getStatus().getState()) + ", desired " + t.getDesiredState()))
                .toList();
    }

    @Override
    public void scaleToZeroAndDelete(String service) {
        Engine.docker(CLI_TIMEOUT, "service", "scale", "--detach", service + "=0");
        Engine.docker(CLI_TIMEOUT, "service", "rm", service);
    }

    /** Removes every service of this run, whichever contender made it. */
    @Override
    public void close() {
        String ids = Engine.docker(CLI_TIMEOUT, "service", "ls", "-q", "--filter", "label=" + runLabel + "=" + runId);
        if (!ids.isBlank()) {
            List<String> args = new ArrayList<>(List.of("service", "rm"));
            args.addAll(List.of(ids.split("\\s+")));
            Engine.docker(CLI_TIMEOUT, args.toArray(String[]::new));
        }
    }

    /**
     * The host port of the task's container, from the engine's container list (docker-java 3.5 does not map the
     * task's own {@code Status.PortStatus}). A container's published port never changes, so the list is asked
     * only for a container not seen before.
     */
    private int publishedPort(String service, Task t) {
        String container = t.getStatus() == null || t.getStatus().getContainerStatus() == null ? null
                : t.getStatus().getContainerStatus().getContainerID();
        if (container == null) {
            return 0;
        }
        Integer port = portByContainer.get(container);
        if (port == null) {
            portByContainer.putAll(engine.publishedPorts(labels(service), Workload.HTTP_PORT));
            port = portByContainer.get(container);
        }
        return port == null ? 0 : port;
    }

    /** The port Swarm chose for the service's ingress publishing (from 30000 up). */
    private static int publishedMeshPort(String service) {
        return Integer.parseInt(Engine.docker(CLI_TIMEOUT, "service", "inspect", "--format",
                "{{range .Endpoint.Ports}}{{.PublishedPort}}{{end}}", service));
    }

    private static String imageId(String image) {
        return Engine.docker(CLI_TIMEOUT, "image", "inspect", "--format", "{{.Id}}", image);
    }

    private static String seconds(Duration d) {
        return d.toMillis() + "ms";
    }
}

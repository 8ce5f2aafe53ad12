package dev.berth.benchmarks.swarm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Docker Swarm mode on the same engine, through {@code docker service}. Images are given by their ID, so that
 * Swarm does not try to resolve a tag at a registry that cannot be reached here (which costs it seconds per
 * task); published ports are host-mode ports, found by the client as Berth's are.
 */
final class SwarmContender implements Contender {

    private static final Duration CLI_TIMEOUT = Duration.ofMinutes(2);

    private final String runLabel;
    private final String runId;
    private final String updateOrder;
    private final int updateParallelism;

    /**
     * @param runLabel the label key that marks everything of this run
     * @param runId this run's value of it
     * @param updateOrder {@code start-first} or {@code stop-first}
     * @param updateParallelism how many tasks an update replaces at once
     */
    SwarmContender(String runLabel, String runId, String updateOrder, int updateParallelism) {
        this.runLabel = runLabel;
        this.runId = runId;
        this.updateOrder = updateOrder;
        this.updateParallelism = updateParallelism;
    }

    @Override
    public String name() {
        return "Swarm " + updateOrder;
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
        w.port().ifPresent(p -> args.addAll(List.of("--publish", "mode=host,target=" + p)));
        w.healthCheck().ifPresent(h -> args.addAll(List.of("--health-cmd", h,
                "--health-interval", seconds(w.healthInterval()),
                "--health-timeout", seconds(Workload.HEALTH_TIMEOUT),
                "--health-retries", Integer.toString(Workload.HEALTH_RETRIES))));
        args.add(imageId(w.image()));
        args.addAll(w.command());
        Engine.docker(CLI_TIMEOUT, args.toArray(String[]::new));
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

    private static String imageId(String image) {
        return Engine.docker(CLI_TIMEOUT, "image", "inspect", "--format", "{{.Id}}", image);
    }

    private static String seconds(Duration d) {
        return d.toMillis() + "ms";
    }
}

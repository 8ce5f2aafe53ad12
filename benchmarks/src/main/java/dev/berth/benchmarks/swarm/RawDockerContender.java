package dev.berth.benchmarks.swarm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The engine's own limit: plain {@code docker run -d} (and {@code docker stop} / {@code docker rm}), a fixed
 * number of command lines in parallel, on the default bridge network. Its roll is the simplest start-first one, the
 * control for the others: all new containers at once, and once every one is healthy the old ones leave the targets
 * and are stopped.
 */
final class RawDockerContender implements Contender {

    private static final Duration CLI_TIMEOUT = Duration.ofMinutes(2);
    private static final String SERVICE_LABEL = "berth.bench.service";
    private static final Duration POLL = Duration.ofMillis(50);

    private final String runLabel;
    private final String runId;
    private final int parallelism;
    private final Engine engine;
    private final ExecutorService workers;
    private final List<Future<?>> pending = new ArrayList<>();
    private final Set<String> draining = ConcurrentHashMap.newKeySet();

    /**
     * @param runLabel the label key that marks everything of this run
     * @param runId this run's value of it
     * @param parallelism how many docker command lines run at once
     * @param engine where the containers of a service are found for the stop
     */
    RawDockerContender(String runLabel, String runId, int parallelism, Engine engine) {
        this.runLabel = runLabel;
        this.runId = runId;
        this.parallelism = parallelism;
        this.engine = engine;
        this.workers = Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "raw-docker");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public String name() {
        return "docker run x" + parallelism;
    }

    @Override
    public Map<String, String> labels(String service) {
        return Map.of(runLabel, runId, SERVICE_LABEL, service);
    }

    @Override
    public void create(String service, Workload w, int replicas) {
        List<String> args = new ArrayList<>(List.of("run", "--detach", "--label", runLabel + "=" + runId,
                "--label", SERVICE_LABEL + "=" + service, "--label", Workload.REVISION_LABEL + "=" + w.revision(),
                "--env", Workload.REVISION_ENV + "=" + w.revision(), "--memory", w.memoryMiB() + "m",
                "--stop-timeout", Long.toString(w.stopGrace().toSeconds())));
        w.port().ifPresent(p -> args.addAll(List.of("--publish", "127.0.0.1::" + p)));
        w.healthCheck().ifPresent(h -> args.addAll(List.of("--health-cmd", h,
                "--health-interval", w.healthInterval().toMillis() + "ms",
                "--health-timeout", w.healthTimeout().toMillis() + "ms",
                "--health-retries", Integer.toString(Workload.HEALTH_RETRIES))));
        args.add(w.image());
        args.addAll(w.command());
        String[] command = args.toArray(String[]::new);
        synchronized (pending) {
            pending.removeIf(Future::isDone);
            for (int i = 0; i < replicas; i++) {
                pending.add(workers.submit(() -> Engine.docker(CLI_TIMEOUT, command)));
            }
        }
    }

    @Override
    public boolean rolls() {
        return true;
    }

    /**
     * Runs the new revision's containers ({@code docker run}, {@code parallelism} at a time) beside the old ones;
     * once all of them are healthy, takes the old ones out of {@link #endpoints} and then stops and removes them.
     */
    @Override
    public void roll(String service, Workload next) {
        List<String> old = engine.ids(labels(service));
        create(service, next, old.size());
        Thread roller = new Thread(() -> {
            long deadline = System.nanoTime() + CLI_TIMEOUT.toNanos();
            while (engine.running(labels(service), Optional.of(next.revision()), true) < old.size()) {
                if (System.nanoTime() > deadline || !Pause.sleep(POLL)) {
                    return;
                }
            }
            draining.addAll(old);
            stopAndRemove(old);
        }, "raw-docker-roll");
        roller.setDaemon(true);
        roller.start();
    }

    /**
     * The service's running containers as the engine lists them; serving are the healthy ones that the roll has
     * not taken out.
     */
    @Override
    public List<Endpoint> endpoints(String service) {
        return engine.webContainers(labels(service), Workload.HTTP_PORT).stream()
                .map(c -> new Endpoint(c.id(), c.healthy() && !draining.contains(c.id()), "127.0.0.1", c.port(),
                        (c.healthy() ? "running healthy" : "running") + (draining.contains(c.id()) ? ", taken out"
                                : "")))
                .toList();
    }

    /** {@code docker stop} then {@code docker rm} of the service's containers, in {@code parallelism} batches. */
    @Override
    public void scaleToZeroAndDelete(String service) {
        stopAndRemove(engine.ids(labels(service)));
    }

    private void stopAndRemove(List<String> ids) {
        int batch = Math.max(1, (ids.size() + parallelism - 1) / parallelism);
        for (int from = 0; from < ids.size(); from += batch) {
            List<String> part = ids.subList(from, Math.min(ids.size(), from + batch));
            List<String> stop = new ArrayList<>(List.of("stop"));
            stop.addAll(part);
            List<String> rm = new ArrayList<>(List.of("rm"));
            rm.addAll(part);
            synchronized (pending) {
                pending.add(workers.submit(() -> {
                    Engine.docker(CLI_TIMEOUT, stop.toArray(String[]::new));
                    Engine.docker(CLI_TIMEOUT, rm.toArray(String[]::new));
                }));
            }
        }
    }

    /** Stops the workers; the harness sweeps the run's containers by label. */
    @Override
    public void close() {
        synchronized (pending) {
            pending.forEach(f -> f.cancel(true));
        }
        workers.shutdownNow();
    }
}

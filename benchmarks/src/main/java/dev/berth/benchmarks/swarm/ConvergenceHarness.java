package dev.berth.benchmarks.swarm;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Berth against Docker Swarm and plain parallel {@code docker run} on the same local engine, measured in one run
 * with the contenders alternating within every repetition (see BENCHMARKS.md): time to N containers running, to
 * N web containers healthy, a rolling update of the web service under a polling client (for Berth also with the
 * client calling through Berth's load balancer), and scaling to 0 plus deletion. Prints a markdown table.
 *
 * <p>The repetitions follow {@code --warm-up} unmeasured rounds of the "N running" scenarios, so that they measure
 * a warm JVM (class loading and JIT compilation done, as in a long-running process using Berth); the first round's
 * figures are reported as well, in rows marked {@code cold}.
 *
 * <p>The engine is left as found: Swarm mode is initialised only if it was inactive (and left again), and every
 * service, container and network of the run carries the run's label and is removed at the end, also after a
 * failure or Ctrl-C.
 */
public final class ConvergenceHarness {

    private static final String RUN_LABEL = "berth.bench.run";
    private static final Duration POLL = Duration.ofMillis(50);
    /** Appended to the scenarios of the first warm-up round, whose figures are reported as a cold process's. */
    private static final String COLD = ", cold";

    private final HarnessOptions options;
    private final Engine engine;
    private final String runId;
    private final ResultTable results = new ResultTable();
    private int services;

    private ConvergenceHarness(HarnessOptions options, Engine engine, String runId) {
        this.options = options;
        this.engine = engine;
        this.runId = runId;
    }

    /**
     * Runs the harness; {@code --help} lists the options.
     *
     * @param args options, e.g. {@code --reps 1 --sizes 10,50 --roll 10}
     */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("--help")) {
            System.out.print(HarnessOptions.USAGE);
            return;
        }
        HarnessOptions options;
        try {
            options = HarnessOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        String runId = Long.toString(System.currentTimeMillis(), 36);
        try (Engine engine = Engine.local()) {
            new ConvergenceHarness(options, engine, runId).run();
        }
    }

    private void run() {
        Engine.docker(Duration.ofSeconds(30), "image", "inspect", "--format", "{{.Id}}", options.image());
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        RuntimeException failure = null;
        SwarmMode swarm = options.contenders().contains("swarm") || options.contenders().contains("swarm-mesh")
                ? SwarmMode.ensureActive() : SwarmMode.untouched();
        List<Contender> contenders = new ArrayList<>();
        AtomicBoolean cleaned = new AtomicBoolean();
        Runnable cleanUp = () -> {
            if (cleaned.compareAndSet(false, true)) {
                cleanUp(contenders, swarm);
            }
        };
        // On Ctrl-C the engine is cleaned up and what was measured so far is still printed.
        Thread hook = new Thread(() -> {
            boolean interrupted = !cleaned.get();
            cleanUp.run();
            if (interrupted) {
                printReport(started);
                System.out.println();
                System.out.println("Incomplete: the run was interrupted.");
            }
        }, "harness-clean-up");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            Contender berth = options.contenders().contains("berth")
                    ? new BerthContender(RUN_LABEL, runId, false) : null;
            Contender berthBalanced = options.contenders().contains("berth-lb")
                    ? new BerthContender(RUN_LABEL, runId, true) : null;
            Contender swarmStartFirst = new SwarmContender(RUN_LABEL, runId, "start-first",
                    Math.max(1, options.rollReplicas()), engine, false);
            Contender swarmStopFirst = new SwarmContender(RUN_LABEL, runId, "stop-first",
                    Math.max(1, options.rollReplicas()), engine, false);
            Contender swarmMesh = new SwarmContender(RUN_LABEL, runId, "start-first",
                    Math.max(1, options.rollReplicas()), engine, true);
            Contender raw = options.contenders().contains("raw")
                    ? new RawDockerContender(RUN_LABEL, runId, options.parallelism(), engine) : null;
            contenders.addAll(selected(berth, berthBalanced, swarmStartFirst, swarmStopFirst, swarmMesh, raw));
            List<Contender> starting = selected(berth, swarmStartFirst, raw);
            List<Contender> rolling = selected(berth, berthBalanced, swarmStartFirst, swarmStopFirst, swarmMesh, raw);
            for (Contender c : starting) {
                warmUp(c);
            }
            // Rounds of the measured scenarios, so that the repetitions find the JVM's code compiled: the first
            // round's figures are kept as the cold ones, the others are not reported.
            for (int round = 1; round <= options.warmUps(); round++) {
                for (int n : options.sizes()) {
                    for (Contender c : starting) {
                        startAndStop(c, n, round == 1 ? Optional.of(COLD) : Optional.empty());
                    }
                }
            }
            for (int rep = 1; rep <= options.reps(); rep++) {
                for (int n : options.sizes()) {
                    for (Contender c : starting) {
                        startAndStop(c, n, Optional.of(""));
                    }
                }
                if (options.rollReplicas() > 0) {
                    for (Contender c : rolling) {
                        webAndRoll(c, options.rollReplicas());
                    }
                }
            }
        } catch (RuntimeException e) {
            failure = e;
            System.err.println("The run stopped early: " + e.getMessage());
        } finally {
            cleanUp.run();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs or ran: nothing to remove
            }
        }
        printReport(started);
        if (failure != null) {
            System.out.println();
            System.out.println("Incomplete: the run stopped early (" + failure.getMessage() + ").");
            System.exit(1);
        }
    }

    /** @return the contenders {@code --only} selects, in the given order */
    private List<Contender> selected(Contender... contenders) {
        return java.util.Arrays.stream(contenders).filter(c -> c != null && options.contenders().contains(key(c)))
                .toList();
    }

    private static String key(Contender c) {
        return c instanceof BerthContender b ? b.key() : c instanceof SwarmContender s ? s.key() : "raw";
    }

    /**
     * One small service, unmeasured: the first one of a contender pays for class loading, JIT compilation and
     * first connections (Berth) or the first service's set-up (Swarm), which no later one does.
     */
    private void warmUp(Contender c) {
        String service = nextService();
        Map<String, String> labels = c.labels(service);
        measure(() -> c.create(service, Workload.sleeper(options.image(), options.stopGrace()), 2),
                () -> engine.running(labels, Optional.empty(), false) >= 2, c.name() + " warm-up");
        c.scaleToZeroAndDelete(service);
        awaitGone(labels);
    }

    /**
     * Time to N running; for the largest N also the time to scale to 0 and delete.
     *
     * @param rows what the scenarios' names get appended in the table; empty for a round that is not reported
     */
    private void startAndStop(Contender c, int n, Optional<String> rows) {
        String service = nextService();
        Map<String, String> labels = c.labels(service);
        Workload workload = Workload.sleeper(options.image(), options.stopGrace());
        String what = c.name() + " " + n + " running" + rows.orElse(" (warm-up)");
        Sample up = measure(() -> c.create(service, workload, n),
                () -> engine.running(labels, Optional.empty(), false) >= n, what);
        rows.ifPresent(r -> record(n + " running" + r, c, up));
        if (n == options.largest()) {
            Sample down = measure(() -> c.scaleToZeroAndDelete(service), () -> engine.existing(labels) == 0,
                    c.name() + " " + n + " to 0 and deleted" + rows.orElse(" (warm-up)"));
            rows.ifPresent(r -> record("scale " + n + " → 0 + delete" + r, c, down));
        } else {
            c.scaleToZeroAndDelete(service);
            awaitGone(labels);
        }
        pause(options.settle());
    }

    /**
     * Time to N web containers healthy; then, where the contender rolls, the roll under a client that follows the
     * contender's own task list.
     */
    private void webAndRoll(Contender c, int n) {
        String service = nextService();
        Map<String, String> labels = c.labels(service);
        Workload v1 = Workload.web(options.image(), 1, options.stopGrace(), options.healthInterval(),
                options.healthTimeout());
        Sample healthy = measure(() -> c.create(service, v1, n),
                () -> engine.running(labels, Optional.empty(), true) >= n, c.name() + " " + n + " healthy");
        if (!c.name().contains("stop-first")) {
            record(n + " web healthy", c, healthy);
        }
        if (c.rolls()) {
            pause(options.settle());
            RollClient.awaitAnswering(c.name(), () -> c.endpoints(service), options.timeout());
            Workload v2 = v1.withRevision(2);
            try (RollClient client = new RollClient(c.name(), () -> c.endpoints(service))) {
                Sample roll = measure(() -> c.roll(service, v2),
                        () -> engine.running(labels, Optional.of(2), true) >= n
                                && engine.running(labels, Optional.of(1), false) == 0,
                        c.name() + " roll of " + n);
                client.close();
                record("roll " + n + " web", c, roll.withClient(client.totals()));
            }
        }
        c.scaleToZeroAndDelete(service);
        awaitGone(labels);
        pause(options.settle());
    }

    private Sample measure(Runnable request, BooleanSupplier done, String what) {
        double dockerd = Engine.cpuSeconds("dockerd");
        double containerd = Engine.cpuSeconds("containerd");
        double jvm = jvmCpuSeconds();
        long start = System.nanoTime();
        request.run();
        long deadline = start + options.timeout().toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + ": not done within " + options.timeout());
            }
            pause(POLL);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Sample s = new Sample(seconds, Engine.cpuSeconds("dockerd") - dockerd,
                Engine.cpuSeconds("containerd") - containerd, jvmCpuSeconds() - jvm, heapMiBAfterGc(),
                Optional.empty());
        System.err.printf("%s: %.2f s%n", what, seconds);
        return s;
    }

    private void record(String scenario, Contender c, Sample sample) {
        results.add(scenario, c.name(), sample);
    }

    private void awaitGone(Map<String, String> labels) {
        long deadline = System.nanoTime() + options.timeout().toNanos();
        while (engine.existing(labels) > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("containers " + labels + " still exist after " + options.timeout());
            }
            pause(POLL);
        }
    }

    private String nextService() {
        return "bench-" + runId + "-" + (++services);
    }

    /** Closes every contender, removes the run's services, containers and networks, and restores Swarm mode. */
    private void cleanUp(List<Contender> contenders, SwarmMode swarm) {
        for (Contender c : contenders) {
            try {
                c.close();
            } catch (RuntimeException e) {
                System.err.println("closing " + c.name() + " failed: " + e.getMessage());
            }
        }
        String label = "label=" + RUN_LABEL + "=" + runId;
        try {
            String containers = Engine.docker(Duration.ofMinutes(1), "ps", "-aq", "--filter", label);
            if (!containers.isBlank()) {
                List<String> args = new ArrayList<>(List.of("rm", "-f"));
                args.addAll(List.of(containers.split("\\s+")));
                Engine.docker(Duration.ofMinutes(2), args.toArray(String[]::new));
            }
            String networks = Engine.docker(Duration.ofMinutes(1), "network", "ls", "-q", "--filter", label);
            if (!networks.isBlank()) {
                List<String> args = new ArrayList<>(List.of("network", "rm"));
                args.addAll(List.of(networks.split("\\s+")));
                Engine.docker(Duration.ofMinutes(2), args.toArray(String[]::new));
            }
        } catch (RuntimeException e) {
            System.err.println("removing the run's containers failed (label " + label + "): " + e.getMessage());
        } finally {
            swarm.close();
        }
    }

    private void printReport(Instant started) {
        Runtime rt = Runtime.getRuntime();
        System.out.printf("Run %s (UTC), %d CPUs, %.1f GiB memory, Docker engine %s, Java %s; %s%n",
                started, rt.availableProcessors(), totalMemoryGiB(),
                Engine.docker(Duration.ofSeconds(30), "version", "--format", "{{.Server.Version}}"),
                System.getProperty("java.version"), String.format("reps %d after %d warm-up rounds, sizes %s, roll %d,"
                        + " docker run x%d, stop grace %d s", options.reps(), options.warmUps(), options.sizes(),
                        options.rollReplicas(), options.parallelism(), options.stopGrace().toSeconds()));
        System.out.println();
        System.out.print(results.markdown("Berth"));
    }

    private static double totalMemoryGiB() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun
                ? sun.getTotalMemorySize() / (1024.0 * 1024 * 1024) : Double.NaN;
    }

    private static double jvmCpuSeconds() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() / 1e9 : 0;
    }

    private static double heapMiBAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024);
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}

package dev.berth.docker.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import dev.berth.api.Berth;
import dev.berth.docker.DockerBackendConfig;
import dev.berth.docker.EngineTestBase;
import dev.berth.docker.RequiresDockerEngine;
import dev.berth.docker.internal.DockerClients;
import dev.berth.docker.internal.Labels;
import dev.berth.task.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Berth process killed right after its N-th engine call that changes something, for every N of each
 * {@link KillPointScenario}: a child JVM runs the operation through an {@link EngineFaultProxy}, which lets the
 * engine answer call N, then cuts every connection and lets no later call through; the child is killed with
 * {@code kill -9}; a new Berth on the same state directory must finish the operation.
 *
 * <p>Per kill point: <b>converged</b> (the new Berth finished within {@link #CONVERGE_WITHIN}, else a
 * <b>stall</b>), <b>duplicates</b> (a task's container created twice, from the engine's events), <b>lost</b> (the
 * service gone, or a container running that no live task of the new Berth accounts for), <b>left behind</b> (a
 * container or network whose task the new Berth does not report) and <b>stops ignored</b> (a task still live
 * although the killed process recorded its stop on the engine).
 *
 * <p>{@code -Dberth.killpoints=all} (the Maven profile {@code fault-sweeps}) kills after every engine call of any kind
 * (but the event stream's subscription and pings): a read matters too, since Berth writes its state file between
 * reads and its next change. The operation first runs uninterrupted to count its M calls, then N = 1..M; the number
 * of reads depends on timing (passes), so a kill point beyond the operation's end is reported as not reached.
 * {@code -Dberth.killpoints=changes} kills after every changing call only. By default (CI) it runs the fixed
 * {@link #SAMPLE} of changing-call kill points. {@code -Dberth.killpoints.operations=SCALE_IN,...} limits a sweep to
 * those operations, {@code -Dberth.killpoints.points=2,5} to those kill points (to reproduce one).
 */
@RequiresDockerEngine
class KillPointSweepIT {

    /**
     * The kill points CI runs, one per operation: after the first create of a service creation and a scale up, in
     * the middle of the others (the first create of a rolling deployment is {@link AbandonedStartIT}'s).
     */
    private static final Map<KillPointScenario, List<Integer>> SAMPLE = Map.of(
            KillPointScenario.SERVICE_CREATION, List.of(1),
            KillPointScenario.SCALE_UP, List.of(1),
            KillPointScenario.SCALE_IN, List.of(2),
            KillPointScenario.ROLLING_DEPLOYMENT, List.of(3),
            KillPointScenario.ROLL_WITH_ROLLBACK, List.of(7),
            KillPointScenario.RUN_TASK_WITH_DEPENDS_ON, List.of(2),
            KillPointScenario.SERVICE_DELETION, List.of(2));
    private static final Duration CONVERGE_WITHIN = Duration.ofSeconds(90);
    /** How long after convergence the removals it started may still run. */
    private static final Duration SETTLE = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    /** What one kill point came to. */
    private record Outcome(int point, String lastCall, boolean reached, boolean converged, int duplicates, int lost,
                           int leftBehind, int stopsIgnored, String detail) {
    }

    @ParameterizedTest
    @EnumSource(KillPointScenario.class)
    void killedAfterEachChangingEngineCall_aNewProcessFinishes_noDuplicate_nothingLost(KillPointScenario scenario) {
        String only = System.getProperty("berth.killpoints.operations", "");
        Assumptions.assumeTrue(only.isEmpty() || List.of(only.split(",")).contains(scenario.name()),
                "berth.killpoints.operations=" + only + " leaves " + scenario + " out");
        String mode = System.getProperty("berth.killpoints", "sample");
        boolean all = !mode.equals("sample");
        Predicate<EngineFaultProxy.Call> counted = mode.equals("all") ? EngineFaultProxy.Call::isStep
                : EngineFaultProxy.Call::changes;
        List<Integer> points = SAMPLE.get(scenario);
        String writes = "";
        if (all) {
            List<EngineFaultProxy.Call> baseline = uninterrupted(scenario, counted);
            writes = baseline.stream().map(EngineFaultProxy.Call::kind).collect(Collectors.joining(", "));
            points = IntStream.rangeClosed(1, baseline.size()).boxed().toList();
        }
        String chosen = System.getProperty("berth.killpoints.points", "");
        if (!chosen.isEmpty()) {
            points = Arrays.stream(chosen.split(",")).map(Integer::valueOf).toList();
        }
        Instant started = Instant.now();
        List<Outcome> outcomes = new ArrayList<>();
        for (int point : points) {
            Outcome o = killAt(scenario, point, counted);
            System.out.printf("KillPointSweepIT %s kill point %d (after %s): %s%n", scenario, point, o.lastCall(),
                    o.reached() ? (o.converged() ? "converged" : "STALLED") + ", duplicates=" + o.duplicates()
                            + ", lost=" + o.lost() + ", left behind=" + o.leftBehind()
                            + ", stops ignored=" + o.stopsIgnored()
                            + (o.detail().isEmpty() ? "" : " " + o.detail())
                            : "not reached (the operation ended first)");
            outcomes.add(o);
        }
        List<Outcome> reached = outcomes.stream().filter(Outcome::reached).toList();
        System.out.printf("KillPointSweepIT %s: %s kill points %d (reached %d), converged %d, duplicates %d, lost %d,"
                        + " stalls %d, left behind %d, stops ignored %d; %d s%s%n", scenario, mode, points.size(),
                reached.size(), reached.stream().filter(Outcome::converged).count(),
                reached.stream().mapToInt(Outcome::duplicates).sum(), reached.stream().mapToInt(Outcome::lost).sum(),
                reached.stream().filter(o -> !o.converged()).count(),
                reached.stream().mapToInt(Outcome::leftBehind).sum(),
                reached.stream().mapToInt(Outcome::stopsIgnored).sum(),
                Duration.between(started, Instant.now()).toSeconds(), all ? "; changing calls: " + writes : "");
        assertThat(reached).as("kill points the operation reached").isNotEmpty();
        assertThat(reached).allSatisfy(o -> {
            assertThat(o.converged()).as("kill point %d converged: %s", o.point(), o.detail()).isTrue();
            assertThat(o.duplicates()).as("kill point %d duplicates", o.point()).isZero();
            assertThat(o.lost()).as("kill point %d lost: %s", o.point(), o.detail()).isZero();
            assertThat(o.leftBehind()).as("kill point %d left behind: %s", o.point(), o.detail()).isZero();
            assertThat(o.stopsIgnored()).as("kill point %d: tasks live despite a recorded stop: %s", o.point(),
                    o.detail()).isZero();
        });
    }

    /** @return the changing engine calls of the operation run to its end through the proxy */
    private List<EngineFaultProxy.Call> uninterrupted(KillPointScenario scenario,
                                                      Predicate<EngineFaultProxy.Call> counted) {
        String session = EngineTestBase.newSession("killpt");
        DockerBackendConfig direct = FaultBerths.config(session);
        Path state = dir.resolve(scenario + "-baseline");
        try (DockerClients clients = DockerClients.open(direct);
             EngineFaultProxy proxy = EngineFaultProxy.start(id(session), socketOf(direct))) {
            try {
                try (Berth berth = FaultBerths.open(direct, state)) {
                    scenario.prepare(berth, session);
                }
                proxy.freezeAfter(Integer.MAX_VALUE, counted);
                try (ChildJvm child = ChildJvm.start(KillPointChild.class, dir.resolve(scenario + "-baseline.log"),
                        state.toString(), session, proxy.endpoint().toString(), scenario.name(), session)) {
                    int exit = child.await(KillPointScenario.TIMEOUT.plusMinutes(1));
                    assertThat(exit).as("the uninterrupted operation; its output:\n%s", child.output()).isZero();
                }
                return proxy.writes();
            } finally {
                FaultBerths.removeSession(clients, session);
            }
        }
    }

    private Outcome killAt(KillPointScenario scenario, int point, Predicate<EngineFaultProxy.Call> counted) {
        String session = EngineTestBase.newSession("killpt");
        DockerBackendConfig direct = FaultBerths.config(session);
        Path state = dir.resolve(scenario + "-" + point);
        try (DockerClients clients = DockerClients.open(direct);
             ContainerLedger ledger = new ContainerLedger(clients, session, Integer.MAX_VALUE);
             EngineFaultProxy proxy = EngineFaultProxy.start(id(session), socketOf(direct))) {
            try {
                try (Berth berth = FaultBerths.open(direct, state)) {
                    scenario.prepare(berth, session);
                }
                proxy.freezeAfter(point, counted);
                Path log = dir.resolve(scenario + "-" + point + ".log");
                boolean reached;
                boolean requested;
                try (ChildJvm child = ChildJvm.start(KillPointChild.class, log, state.toString(), session,
                        proxy.endpoint().toString(), scenario.name(), session)) {
                    Instant deadline = Instant.now().plus(KillPointScenario.TIMEOUT.plusMinutes(1));
                    while (!proxy.awaitFrozen(Duration.ofMillis(200)) && child.isAlive()
                            && Instant.now().isBefore(deadline)) {
                        Thread.onSpinWait();
                    }
                    reached = proxy.awaitFrozen(Duration.ZERO);
                    child.kill();
                    requested = child.output().contains(KillPointScenario.REQUESTED);
                    if (!reached) {
                        assertThat(child.output()).as("the child that was not killed; its output").contains(
                                KillPointChild.DONE);
                    }
                }
                List<EngineFaultProxy.Call> writes = proxy.writes();
                String last = writes.isEmpty() ? "nothing" : writes.get(Math.min(point, writes.size()) - 1).kind();
                if (!reached) {
                    return new Outcome(point, last, false, true, 0, 0, 0, 0, "");
                }
                return converge(scenario, point, last, requested, session, direct, state, clients, ledger);
            } finally {
                FaultBerths.removeSession(clients, session);
            }
        }
    }

    private Outcome converge(KillPointScenario scenario, int point, String last, boolean requested, String session,
                             DockerBackendConfig direct, Path state, DockerClients clients, ContainerLedger ledger) {
        try (Berth berth = FaultBerths.open(direct, state)) {
            Instant deadline = Instant.now().plus(CONVERGE_WITHIN);
            boolean converged = false;
            String detail = "";
            while (!converged && Instant.now().isBefore(deadline)) {
                try {
                    // killed before its API call returned, the operation may not have happened: then as it was
                    converged = scenario.converged(berth, session) || !requested && scenario.unchanged(berth, session);
                } catch (AssertionError lost) {
                    return new Outcome(point, last, true, false, ledger.duplicates().size(), 1, 0, 0,
                            lost.getMessage());
                }
                if (!converged) {
                    FaultBerths.sleep(Duration.ofMillis(250));
                }
            }
            // Removals of forgotten tasks' containers run on after convergence: what is still there after SETTLE is
            // left behind.
            Instant settle = Instant.now().plus(SETTLE);
            Observed seen = observe(berth, clients, session);
            while ((!seen.lost().isEmpty() || !seen.leftBehind().isEmpty()) && Instant.now().isBefore(settle)) {
                FaultBerths.sleep(Duration.ofMillis(250));
                seen = observe(berth, clients, session);
            }
            List<Task> tasks = seen.tasks();
            Set<String> recordedStops = seen.recordedStops();
            List<String> lost = seen.lost();
            List<String> leftBehind = seen.leftBehind();
            List<String> ignored = tasks.stream().filter(t -> t.isLive() && recordedStops.contains(t.taskId()))
                    .map(t -> t.taskId() + " " + t.lastStatus() + "/" + t.desiredStatus() + " requested=" + requested)
                    .toList();
            if (!ignored.isEmpty()) {
                detail += " live despite a recorded stop: " + ignored;
            }
            if (!converged) {
                detail += " tasks: " + tasks.stream().map(t -> t.taskId() + " " + t.lastStatus() + "/"
                        + t.desiredStatus() + " " + t.startedBy()).toList();
            }
            if (!lost.isEmpty() || !leftBehind.isEmpty()) {
                detail += " running unaccounted: " + lost + ", left behind: " + leftBehind;
            }
            return new Outcome(point, last, true, converged, ledger.duplicates().size(), lost.size(),
                    leftBehind.size(), ignored.size(), detail.trim());
        }
    }

    /** What the new Berth reports and what is on the engine, at one moment. */
    private record Observed(List<Task> tasks, Set<String> recordedStops, List<String> lost, List<String> leftBehind) {
    }

    private static Observed observe(Berth berth, DockerClients clients, String session) {
        // A stop recorded on the engine (a volume with the stop code) holds: its task is no longer live. Read before
        // the tasks, so that a stop the new process records after that listing is not taken for an ignored one.
        Set<String> recordedStops = volumesOf(clients, session).stream().filter(v -> v.getLabels() != null
                && v.getLabels().containsKey("dev.berth.stop-code")).map(v -> v.getLabels().get(Labels.TASK))
                .collect(Collectors.toSet());
        List<Task> tasks = berth.clusters().get(session).map(c -> c.tasks().list()).orElse(List.of());
        Set<String> reported = tasks.stream().map(Task::taskId).collect(Collectors.toSet());
        Set<String> live = tasks.stream().filter(t -> t.lastStatus() != dev.berth.task.TaskStatus.STOPPED)
                .map(Task::taskId).collect(Collectors.toSet());
        Map<String, String> scope = Map.of(EngineTestBase.SESSION_LABEL, session);
        List<Container> containers = EngineTestBase.containersWith(clients, scope);
        List<String> lost = containers.stream()
                .filter(c -> "running".equals(c.getState()) && !live.contains(taskOf(c.getLabels())))
                .map(c -> c.getNames()[0]).toList();
        List<String> leftBehind = new ArrayList<>(containers.stream()
                .filter(c -> !reported.contains(taskOf(c.getLabels()))).map(Container::getId).toList());
        clients.calls().listNetworksCmd().withFilter("label", List.of(EngineTestBase.SESSION_LABEL + "="
                + session)).exec().stream().filter(n -> !reported.contains(taskOf(n.getLabels())))
                .map(Network::getName).forEach(leftBehind::add);
        return new Observed(tasks, recordedStops, lost, leftBehind);
    }

    private static List<InspectVolumeResponse> volumesOf(DockerClients clients, String session) {
        List<InspectVolumeResponse> volumes = clients.calls().listVolumesCmd().withFilter("label",
                List.of(EngineTestBase.SESSION_LABEL + "=" + session)).exec().getVolumes();
        return volumes == null ? List.of() : volumes;
    }

    private static String taskOf(Map<String, String> labels) {
        return labels == null ? "" : labels.getOrDefault(Labels.TASK, "");
    }

    private static String id(String session) {
        return session.substring(session.length() - 8);
    }

    private static Path socketOf(DockerBackendConfig config) {
        Path socket = Path.of(config.dockerHost().getPath());
        assertThat(Files.exists(socket)).as("the engine's socket %s (the sweep needs a unix socket)", socket).isTrue();
        return socket;
    }
}

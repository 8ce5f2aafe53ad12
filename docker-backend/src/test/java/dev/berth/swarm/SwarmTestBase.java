package dev.berth.swarm;

import dev.berth.api.Berth;
import dev.berth.docker.EngineTestBase;
import dev.berth.service.ReconcilerSettings;
import dev.berth.task.Task;
import dev.berth.task.TaskStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Shared set-up of the Swarm backend's integration tests on the real three-node swarm ({@link SwarmTestBed}): a
 * test-session label on everything the backend creates, short reconciler timings, and after each test the Berths
 * closed, everything with the label removed and the nodes as they were (every engine running, every node active),
 * failed or not.
 */
@RequiresSwarm
abstract class SwarmTestBase {

    /** Short timings: tasks count as healthy after 2 s running, resync every 5 s. */
    static final ReconcilerSettings FAST = new ReconcilerSettings(Duration.ofSeconds(2),
            Duration.ofMillis(500), Duration.ofSeconds(5), Duration.ofMinutes(1));
    /** How long a service may take to get where a test waits for it. */
    static final Duration STEADY = Duration.ofSeconds(90);

    protected final String session = EngineTestBase.newSession("swarm");
    protected final String cluster = "it" + session.substring(session.length() - 8);
    protected SwarmTestBed bed;
    private final List<Berth> berths = new ArrayList<>();

    @BeforeEach
    void findTheSwarm() {
        bed = SwarmTestBed.get();
    }

    @AfterEach
    void restoreTheSwarm() {
        berths.forEach(Berth::close);
        for (int n = 0; n < 3; n++) {
            bed.startNode(n);
            bed.availability(n, "active");
        }
        bed.removeAll(session);
    }

    /** @return the backend's configuration in {@code mode}, on the bed's manager, with this test's session label */
    protected SwarmBackendConfig config(SwarmBackendConfig.Mode mode) {
        return SwarmBackendConfig.builder().manager(bed.managerConfig(session)).mode(mode)
                .updateMonitor(Duration.ofSeconds(3)).changePollInterval(Duration.ofMillis(500)).build();
    }

    /** @return a Berth on a Swarm backend in {@code mode}, closed after the test */
    protected Berth berth(SwarmBackendConfig.Mode mode) {
        return berth(config(mode));
    }

    /** @return a Berth on a Swarm backend of that configuration, closed after the test */
    protected Berth berth(SwarmBackendConfig config) {
        Berth berth = Berth.builder(SwarmBackend.create(config)).reconcilerSettings(FAST)
                .waiterPollInterval(Duration.ofMillis(250)).build();
        berths.add(berth);
        return berth;
    }

    /** @return the nodes the RUNNING tasks run on */
    static Set<String> nodesOf(List<Task> tasks) {
        return tasks.stream().filter(t -> t.lastStatus() == TaskStatus.RUNNING).map(Task::containerInstanceId)
                .collect(Collectors.toSet());
    }
}

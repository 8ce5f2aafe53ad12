package dev.berth.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.spi.StartTaskRequest;
import dev.berth.task.HealthStatus;
import dev.berth.task.StopCode;
import dev.berth.task.Task;
import dev.berth.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The in-memory backend's history depends on its clock and the calls made on it, never on who looks when. */
class InMemoryBackendProperties {

    private static final String CLUSTER = "dev";
    private static final int SECONDS = 60;

    @Property
    void history_whenObservedAtAnyMoments_isTheSameAsWhenObservedOnlyAtTheEnd(
            @ForAll Set<@IntRange(min = 0, max = SECONDS - 1) Integer> observedSeconds,
            @ForAll @IntRange(max = 5) int startDelay,
            @ForAll @IntRange(max = 5) int healthyDelay,
            @ForAll @IntRange(max = 5) int stopDelay) {
        List<Task> watched = run(observedSeconds, startDelay, healthyDelay, stopDelay);
        List<Task> unwatched = run(Set.of(), startDelay, healthyDelay, stopDelay);

        assertThat(watched).isEqualTo(unwatched);
    }

    /** One minute of a fixed script, observing the tasks at the given seconds; the tasks at its end. */
    private static List<Task> run(Set<Integer> observedSeconds, int startDelay, int healthyDelay, int stopDelay) {
        MutableClock clock = MutableClock.at(Definitions.T0);
        InMemoryBackend backend = InMemoryBackend.create(clock);
        backend.addInstance(CLUSTER, InMemoryBackend.instance("i-1"));
        backend.startDelay(Duration.ofSeconds(startDelay));
        backend.healthyDelay(Duration.ofSeconds(healthyDelay));
        backend.stopDelay(Duration.ofSeconds(stopDelay));
        backend.failStarts(request -> request.taskId().equals("fails"));
        for (int second = 0; second < SECONDS; second++) {
            switch (second) {
                case 0 -> {
                    start(backend, "stopped", Definitions.web());
                    start(backend, "exits", Definitions.web());
                    start(backend, "fails", Definitions.web());
                }
                case 2 -> start(backend, "checked", Definitions.checkedWeb());
                case 8 -> backend.stopTask(CLUSTER, "stopped", StopCode.USER_INITIATED, "script");
                case 15 -> backend.exitContainer(CLUSTER, "exits", "app", 4);
                case 20 -> backend.disconnect("i-1");
                case 22 -> backend.stopTask(CLUSTER, "checked", StopCode.SERVICE_SCHEDULER_INITIATED, "script");
                case 30 -> backend.reconnect("i-1");
                case 32 -> start(backend, "late", Definitions.checkedWeb());
                case 45 -> backend.setHealth(CLUSTER, "late", "app", HealthStatus.UNHEALTHY);
                case 50 -> backend.forgetTask(CLUSTER, "stopped");
                default -> {
                    // nothing scripted
                }
            }
            if (observedSeconds.contains(second)) {
                backend.tasks(CLUSTER);
            }
            clock.advance(Duration.ofSeconds(1));
        }
        return backend.tasks(CLUSTER);
    }

    private static void start(InMemoryBackend backend, String taskId, RegisteredTaskDefinition definition) {
        backend.startTask(new StartTaskRequest(CLUSTER, taskId, "i-1", definition, "family:" + definition.family(),
                "script", List.of()));
    }
}

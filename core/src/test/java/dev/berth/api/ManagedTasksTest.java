package dev.berth.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.exception.ConflictException;
import dev.berth.exception.ResourceNotFoundException;
import dev.berth.inmemory.InMemoryBackend;
import dev.berth.model.ContainerOverride;
import dev.berth.model.PlacementConstraint;
import dev.berth.model.PlacementFailure;
import dev.berth.model.PlacementStrategy;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.Resource;
import dev.berth.model.TaskDefinition;
import dev.berth.model.TaskDefinitionRef;
import dev.berth.spi.ManagedTasks;
import dev.berth.spi.StartTaskRequest;
import dev.berth.task.RunTaskRequest;
import dev.berth.task.RunTaskResult;
import dev.berth.task.Task;
import dev.berth.testing.ForwardingBackend;
import dev.berth.testing.ManualScheduledExecutor;
import dev.berth.testing.MutableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Standalone tasks on a backend that places them itself (ECS's RunTask): {@code Tasks.run} hands the resolved
 * revision and the request's placement rules to the backend and returns what it started and why not the rest. The
 * backend's placement here is a recording fake with room for two tasks; what is tested is the API's forwarding.
 */
class ManagedTasksTest {

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-26T10:00:00Z"));
    private final ManualScheduledExecutor executor = new ManualScheduledExecutor();
    private final InMemoryBackend inMemory = InMemoryBackend.create(clock);
    private final RecordingPlacement placement = new RecordingPlacement(inMemory, 2);
    private Berth berth;
    private Cluster cluster;

    @BeforeEach
    void setUp() {
        inMemory.addInstance("dev", InMemoryBackend.instance("i-a").cpu(4096).memoryMiB(4096));
        berth = Berth.builder(new PlacingBackend(inMemory, placement)).clock(clock).executor(executor).build();
        cluster = berth.clusters().create("dev");
        berth.taskDefinitions().register(TaskDefinition.builder("job")
                .container(c -> c.name("app").image("busybox:stable").memoryMiB(64)).build());
    }

    @AfterEach
    void tearDown() {
        berth.close();
        executor.shutdownNow();
    }

    @Test
    void run_handsTheResolvedRevisionAndPlacementRulesToTheBackend() {
        PlacementStrategy binpack = PlacementStrategy.binpack(Resource.MEMORY);
        PlacementConstraint distinct = PlacementConstraint.distinctInstance();
        ContainerOverride override = new ContainerOverride("app", Optional.of(List.of("echo", "hi")), List.of());

        RunTaskResult result = cluster.tasks().run(RunTaskRequest.builder(TaskDefinitionRef.latest("job"))
                .count(2).startedBy("nightly").override(override).placementStrategy(binpack)
                .placementConstraint(distinct).build());

        Sent sent = placement.requests.get(0);
        assertThat(sent.cluster()).isEqualTo("dev");
        assertThat(sent.taskDefinition().arn()).endsWith("task-definition/job:1");
        assertThat(sent.request().count()).isEqualTo(2);
        assertThat(sent.group()).isEqualTo("family:job");
        assertThat(sent.request().startedBy()).contains("nightly");
        assertThat(sent.request().overrides()).containsExactly(override);
        assertThat(sent.request().placementStrategies()).containsExactly(binpack);
        assertThat(sent.request().placementConstraints()).containsExactly(distinct);
        assertThat(result.tasks()).hasSize(2).allSatisfy(t -> assertThat(t.group()).isEqualTo("family:job"));
        assertThat(result.failure()).isEmpty();
        assertThat(cluster.tasks().list()).extracting(Task::taskId)
                .containsExactlyInAnyOrderElementsOf(result.tasks().stream().map(Task::taskId).toList());
    }

    @Test
    void run_whenTheBackendStartsFewer_returnsItsReasons() {
        RunTaskResult result = cluster.tasks().run(RunTaskRequest.builder(TaskDefinitionRef.latest("job"))
                .count(5).build());

        assertThat(result.tasks()).hasSize(2);
        assertThat(result.failure()).get().satisfies(f -> {
            assertThat(f.unplacedCount()).isEqualTo(3);
            assertThat(f.explanation()).isEqualTo(
                    "3 tasks of group family:job could not be placed: Capacity is unavailable at this time.");
        });
    }

    @Test
    void run_inAClusterBerthDoesNotKnow_isRefusedBeforeTheBackendIsAsked() {
        assertThatThrownBy(() -> berth.clusters().create("other").tasks().run(
                RunTaskRequest.builder(TaskDefinitionRef.latest("missing")).build()))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(placement.requests).isEmpty();
    }

    @Test
    void run_ofAnInactiveRevision_isRefusedBeforeTheBackendIsAsked() {
        berth.taskDefinitions().deregister(TaskDefinitionRef.parse("job:1"));

        assertThatThrownBy(() -> cluster.tasks().run(RunTaskRequest.builder(TaskDefinitionRef.parse("job:1")).build()))
                .isInstanceOf(ConflictException.class);
        assertThat(placement.requests).isEmpty();
    }

    /** Starts at most {@code room} tasks in all on instance i-a of the in-memory backend, under ids it chooses. */
    private static final class RecordingPlacement implements ManagedTasks {
        final List<Sent> requests = new ArrayList<>();
        private final InMemoryBackend backend;
        private int room;

        RecordingPlacement(InMemoryBackend backend, int room) {
            this.backend = backend;
            this.room = room;
        }

        @Override
        public synchronized RunTaskResult runTasks(String cluster, RegisteredTaskDefinition taskDefinition,
                                                   String group, RunTaskRequest request) {
            requests.add(new Sent(cluster, taskDefinition, group, request));
            List<Task> started = new ArrayList<>();
            for (; room > 0 && started.size() < request.count(); room--) {
                started.add(backend.startTask(new StartTaskRequest(cluster, "ecs-" + room, "i-a", taskDefinition,
                        group, request.startedBy().orElse(""), request.overrides())));
            }
            int unplaced = request.count() - started.size();
            return new RunTaskResult(started, unplaced == 0 ? Optional.empty() : Optional.of(new PlacementFailure(
                    group, unplaced, List.of(), List.of("Capacity is unavailable at this time"))));
        }
    }

    /** What the backend was asked to run. */
    private record Sent(String cluster, RegisteredTaskDefinition taskDefinition, String group,
                        RunTaskRequest request) {
    }

    private static final class PlacingBackend extends ForwardingBackend {
        private final ManagedTasks placement;

        PlacingBackend(InMemoryBackend delegate, ManagedTasks placement) {
            super(delegate);
            this.placement = placement;
        }

        @Override
        public Optional<ManagedTasks> managedTasks() {
            return Optional.of(placement);
        }
    }
}

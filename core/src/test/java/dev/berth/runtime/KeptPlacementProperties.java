package dev.berth.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.TaskDefinitions;
import dev.berth.cluster.ClusterRecord;
import dev.berth.cluster.InstanceRegistration;
import dev.berth.exception.BackendUnavailableException;
import dev.berth.exception.ConflictException;
import dev.berth.exception.InvalidSpecException;
import dev.berth.inmemory.InMemoryBackend;
import dev.berth.model.ArnScope;
import dev.berth.model.ContainerOverride;
import dev.berth.model.InstanceStatus;
import dev.berth.model.PlacementConstraint;
import dev.berth.model.PlacementStrategy;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.Resource;
import dev.berth.model.TaskDefinition;
import dev.berth.model.TaskDefinitionRef;
import dev.berth.scheduler.InstanceState;
import dev.berth.spi.StartTaskRequest;
import dev.berth.task.StopCode;
import dev.berth.task.Task;
import dev.berth.task.TaskStatus;
import dev.berth.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * A cluster's kept placement state, brought up to date from the in-memory backend's change feed, always equals the
 * state a full read of the cluster gives, whatever happened in between: launches, tasks started, stopped, exited and
 * forgotten behind Berth's back (over-committing instances too), start and stop delays, failing starts, a start the
 * backend refuses after its placement, agents lost and back, instances added, removed and drained, and a process
 * killed in the middle of a start.
 */
class KeptPlacementProperties {

    private static final String CLUSTER = "kept";

    @Property(tries = 300)
    void keptPlacement_afterAnyHistory_equalsAFullRead(@ForAll("histories") List<Action> history) {
        Machine machine = new Machine();
        history.forEach(action -> {
            machine.apply(action);
            machine.assertKeptEqualsFullRead();
        });
        Statistics.label("kept state reused").collect(machine.reused > history.size() / 2 ? "mostly" : "seldom");
    }

    /**
     * Found by the property: a stop asked while the agent was away begins when it is back, and ends with time alone;
     * the feed must still tell of it.
     */
    @Example
    void keptPlacement_stopThatBeginsOnReconnectAndEndsLater_isCountedOut() {
        Machine machine = new Machine();
        List<Action> history = new ArrayList<>(List.of(new Launch(1, 1)));
        history.addAll(Collections.nCopies(13, new Launch(0, 1)));
        history.addAll(List.of(new Disconnect(0), new Stop(0), new Delays(0, 1), new Launch(0, 1), new Launch(0, 1),
                new Launch(0, 1), new Reconnect(0), new Advance(1)));
        history.forEach(action -> {
            machine.apply(action);
            machine.assertKeptEqualsFullRead();
        });
    }

    @Provide
    Arbitrary<List<Action>> histories() {
        Arbitrary<Integer> index = Arbitraries.integers().between(0, 40);
        Arbitrary<Integer> definition = Arbitraries.integers().between(0, Machine.DEFINITIONS - 1);
        Arbitrary<Action> action = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.integers().between(1, 4).flatMap(count -> definition.map(d ->
                        new Launch(d, count)))),
                Tuple.of(3, index.flatMap(i -> definition.map(d -> new StartBehindBack(i, d)))),
                Tuple.of(4, index.map(Stop::new)),
                Tuple.of(2, index.map(Forget::new)),
                Tuple.of(2, index.map(Exit::new)),
                Tuple.of(4, Arbitraries.integers().between(1, 30).map(Advance::new)),
                Tuple.of(1, Arbitraries.integers().between(0, 20).flatMap(start ->
                        Arbitraries.integers().between(0, 20).map(stop -> new Delays(start, stop)))),
                Tuple.of(1, Arbitraries.of(true, false).map(FailStarts::new)),
                Tuple.of(1, index.map(Disconnect::new)),
                Tuple.of(1, index.map(Reconnect::new)),
                Tuple.of(1, index.map(Drain::new)),
                Tuple.of(1, Arbitraries.just(new AddInstance())),
                Tuple.of(1, index.map(RemoveInstance::new)),
                Tuple.of(1, definition.map(LaunchRefused::new)),
                Tuple.of(1, Arbitraries.of(InMemoryBackend.Interruption.CREATED_NOT_STARTED,
                        InMemoryBackend.Interruption.HALF_STARTED).map(KillDuringLaunch::new)));
        return action.list().ofMaxSize(40);
    }

    /** The system under test: one cluster on the in-memory backend, and Berth's placement of it. */
    private static final class Machine {
        static final int DEFINITIONS = 3;

        private final MutableClock clock = MutableClock.at(Instant.parse("2026-12-07T10:00:00Z"));
        private final InMemoryBackend backend = InMemoryBackend.create(clock);
        private final TaskDefinitions taskDefinitions = TaskDefinitions.inMemory(clock, ArnScope.local());
        private final ClusterSnapshots snapshots = new ClusterSnapshots(backend,
                arn -> taskDefinitions.describe(TaskDefinitionRef.parse(arn)).definition());
        private final AtomicInteger ids = new AtomicInteger();
        private final TaskLauncher launcher = new TaskLauncher(backend, () -> "t" + ids.incrementAndGet());
        private final List<RegisteredTaskDefinition> definitions = List.of(
                register(TaskDefinition.builder("small").container(c -> c.name("app").image("busybox:stable")
                        .cpu(256).memoryMiB(256)).build()),
                register(TaskDefinition.builder("large").container(c -> c.name("app").image("busybox:stable")
                        .cpu(768).memoryMiB(1536)).build()),
                register(TaskDefinition.builder("ported").container(c -> c.name("app").image("busybox:stable")
                        .cpu(128).memoryMiB(128).portMapping(8080, 8080)).build()));
        private ClusterRecord record = ClusterRecord.create(CLUSTER, clock.instant());
        private int instances;
        private int reused;
        private KeptPlacement lastState;

        Machine() {
            for (int i = 0; i < 4; i++) {
                addInstance();
            }
        }

        void apply(Action action) {
            if (action instanceof Launch launch) {
                launch(launch.definition(), launch.count(), List.of());
            } else if (action instanceof LaunchRefused refused) {
                try {
                    launch(refused.definition(), 1, List.of(new ContainerOverride("no-such-container",
                            Optional.empty(), List.of())));
                } catch (InvalidSpecException refusedByTheBackend) {
                    // placed, then refused at the start: the placement must not stay counted
                }
            } else if (action instanceof StartBehindBack start) {
                instanceIds().stream().skip(start.index() % Math.max(1, instanceIds().size())).findFirst()
                        .ifPresent(instance -> startBehindBack(instance, definitions.get(start.definition())));
            } else if (action instanceof Stop stop) {
                pick(stop.index()).ifPresent(t -> backend.stopTask(CLUSTER, t.taskId(), StopCode.USER_INITIATED,
                        "stopped by the property"));
            } else if (action instanceof Forget forget) {
                pick(forget.index()).ifPresent(t -> backend.forgetTask(CLUSTER, t.taskId()));
            } else if (action instanceof Exit exit) {
                pick(exit.index()).filter(t -> t.lastStatus() == TaskStatus.RUNNING).ifPresent(t -> {
                    try {
                        backend.exitContainer(CLUSTER, t.taskId(), "app", 1);
                    } catch (IllegalStateException disconnected) {
                        // its agent is away: nothing exits
                    }
                });
            } else if (action instanceof Advance advance) {
                clock.advance(Duration.ofSeconds(advance.seconds()));
            } else if (action instanceof Delays delays) {
                backend.startDelay(Duration.ofSeconds(delays.startSeconds()));
                backend.stopDelay(Duration.ofSeconds(delays.stopSeconds()));
            } else if (action instanceof FailStarts fail) {
                backend.failStarts(request -> fail.on());
            } else if (action instanceof Disconnect disconnect) {
                instance(disconnect.index()).ifPresent(backend::disconnect);
            } else if (action instanceof Reconnect reconnect) {
                instance(reconnect.index()).ifPresent(backend::reconnect);
            } else if (action instanceof Drain drain) {
                instance(drain.index()).ifPresent(id -> record = record.with(
                        InstanceRegistration.active(id).withStatus(InstanceStatus.DRAINING)));
            } else if (action instanceof AddInstance) {
                addInstance();
            } else if (action instanceof RemoveInstance remove) {
                instance(remove.index()).ifPresent(backend::removeInstance);
            } else if (action instanceof KillDuringLaunch kill) {
                backend.killDuringNext(kill.where());
                try {
                    launch(0, 1, List.of());
                } catch (BackendUnavailableException killed) {
                    // the process died in the middle of the start
                }
                backend.restartProcess();
            }
        }

        /** The kept state first, so that it sees time pass on its own; then a full read at the same instant. */
        void assertKeptEqualsFullRead() {
            ClusterPlacement kept = snapshots.inTurn(CLUSTER, () -> snapshots.placement(record));
            KeptPlacement state = snapshots.keptState(CLUSTER).orElseThrow();
            if (state == lastState) {
                reused++;
            }
            lastState = state;
            ClusterSnapshot fresh = snapshots.read(record);
            assertThat(byId(kept.snapshot().instances())).as("kept placement state vs a full read")
                    .isEqualTo(byId(fresh.instances()));
            assertThat(kept.drainingInstances()).isEqualTo(fresh.drainingInstances());
        }

        private void launch(int definition, int count, List<ContainerOverride> overrides) {
            TaskLauncher.Launch launch = new TaskLauncher.Launch(CLUSTER, definitions.get(definition),
                    "family:" + definitions.get(definition).definition().family(), "", overrides, count,
                    List.of(PlacementStrategy.spread("attribute:ecs.availability-zone"),
                            PlacementStrategy.binpack(Resource.MEMORY)),
                    List.<PlacementConstraint>of(), Set.of());
            snapshots.inTurn(CLUSTER, () -> launcher.launch(snapshots.placement(record), launch, ids.get()));
        }

        private void startBehindBack(String instance, RegisteredTaskDefinition definition) {
            try {
                backend.startTask(new StartTaskRequest(CLUSTER, "b" + ids.incrementAndGet(), instance, definition,
                        "family:" + definition.definition().family(), "", List.of(), Map.of()));
            } catch (ConflictException disconnected) {
                // its agent is away: nothing starts there
            }
        }

        private void addInstance() {
            int n = instances++;
            backend.addInstance(CLUSTER, InMemoryBackend.instance("i-" + n).cpu(1024).memoryMiB(2048)
                    .attribute("ecs.availability-zone", "zone-" + n % 2));
        }

        private Optional<Task> pick(int index) {
            List<Task> tasks = backend.tasks(CLUSTER);
            return tasks.isEmpty() ? Optional.empty() : Optional.of(tasks.get(index % tasks.size()));
        }

        private Optional<String> instance(int index) {
            List<String> ids = instanceIds();
            return ids.isEmpty() ? Optional.empty() : Optional.of(ids.get(index % ids.size()));
        }

        private List<String> instanceIds() {
            return backend.containerInstances(CLUSTER).stream().map(i -> i.id()).toList();
        }

        private RegisteredTaskDefinition register(TaskDefinition definition) {
            return taskDefinitions.register(definition);
        }

        private static Map<String, InstanceState> byId(List<InstanceState> instances) {
            return instances.stream().collect(Collectors.toMap(InstanceState::id, Function.identity()));
        }
    }

    sealed interface Action permits Launch, LaunchRefused, StartBehindBack, Stop, Forget, Exit, Advance, Delays, FailStarts,
            Disconnect, Reconnect, Drain, AddInstance, RemoveInstance, KillDuringLaunch {
    }

    record Launch(int definition, int count) implements Action {
    }

    record LaunchRefused(int definition) implements Action {
    }

    record StartBehindBack(int index, int definition) implements Action {
    }

    record Stop(int index) implements Action {
    }

    record Forget(int index) implements Action {
    }

    record Exit(int index) implements Action {
    }

    record Advance(int seconds) implements Action {
    }

    record Delays(int startSeconds, int stopSeconds) implements Action {
    }

    record FailStarts(boolean on) implements Action {
    }

    record Disconnect(int index) implements Action {
    }

    record Reconnect(int index) implements Action {
    }

    record Drain(int index) implements Action {
    }

    record AddInstance() implements Action {
    }

    record RemoveInstance(int index) implements Action {
    }

    record KillDuringLaunch(InMemoryBackend.Interruption where) implements Action {
    }
}

package dev.berth.benchmarks;

import dev.berth.cluster.ClusterRecord;
import dev.berth.inmemory.InMemoryBackend;
import dev.berth.model.ArnScope;
import dev.berth.model.InstanceAttributes;
import dev.berth.model.PlacementConstraint;
import dev.berth.model.PlacementStrategy;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.Resource;
import dev.berth.model.TaskDefinition;
import dev.berth.model.TaskDefinitionStatus;
import dev.berth.runtime.ClusterPlacement;
import dev.berth.runtime.ClusterSnapshot;
import dev.berth.runtime.ClusterSnapshots;
import dev.berth.runtime.TaskLauncher;
import dev.berth.scheduler.InstanceState;
import dev.berth.scheduler.PlacementEngine;
import dev.berth.scheduler.PlacementRequest;
import dev.berth.scheduler.PlacementResult;
import dev.berth.scheduler.TaskPlacement;
import dev.berth.scheduler.TaskReservation;
import dev.berth.spi.StartTaskRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Placements as production makes them: {@link TaskLauncher#place} on a cluster snapshot, which builds the
 * scheduler's index over the snapshot's instances and places on it, once per launch (a RunTask, a service plan,
 * one launch of a controller pass).
 *
 * <p>Fleet (seeded, the same every run): 1,000 / 10,000 / 100,000 instances of {@link BenchmarkFleet}. Request:
 * 256 CPU units / 512 MiB, group {@code service:bench}, {@code spread(attribute:ecs.availability-zone)} then
 * {@code binpack(memory)}, under {@code memberOf(attribute:ecs.instance-type =~ m5\..*)}. The snapshot is a steady
 * state about half full: 4 tasks per instance, placed with the same request.
 *
 * <p>{@code launchOne} and {@code launchBatchOf50} place on a snapshot already taken (the index build and the
 * placements); {@code readSnapshot} is what every launch reads first, the cluster from the backend (the in-memory
 * backend holding that fleet and its tasks); {@code readAndLaunchOne} is both, a launch of one task end to end
 * without the start.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
public class LaunchPlacementBenchmark {

    /** Tasks per launch in the batch benchmark. */
    static final int BATCH = 50;

    private static final String CLUSTER = "bench";

    @Param({"1000", "10000", "100000"})
    int instances;

    private final TaskLauncher launcher = new TaskLauncher(InMemoryBackend.create(Clock.systemUTC()), () -> {
        throw new UnsupportedOperationException("place() starts nothing");
    });
    private ClusterSnapshot snapshot;
    private TaskLauncher.Launch one;
    private TaskLauncher.Launch batch;
    private long seed;

    /** Fills the fleet to the steady state and takes it as the snapshot. */
    @Setup(Level.Trial)
    public void setUp() {
        PlacementEngine filling = PlacementEngine.of(BenchmarkFleet.of(instances));
        if (!filling.place(fill(instances * 4), 1).isComplete()) {
            throw new IllegalStateException("the benchmark fleet is full");
        }
        List<InstanceState> filled = filling.instances();
        snapshot = new ClusterSnapshot(filled);
        one = launch(1);
        batch = launch(BATCH);
    }

    /** One task per launch, as a RunTask of one task or a pass replacing one task. */
    @Benchmark
    public PlacementResult launchOne() {
        return place(one);
    }

    /** {@value #BATCH} tasks per launch, as a scale-out; the score is per placement. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public PlacementResult launchBatchOf50() {
        return place(batch);
    }

    private PlacementResult place(TaskLauncher.Launch launch) {
        return place(snapshot, launch);
    }

    /** Reads the cluster from the backend: the instances with what their tasks reserve. */
    @Benchmark
    public ClusterSnapshot readSnapshot(BackendCluster cluster) {
        return cluster.snapshots.read(cluster.record);
    }

    /** A launch of one task as production makes it: read the cluster, build the index, place. */
    @Benchmark
    public PlacementResult readAndLaunchOne(BackendCluster cluster) {
        return place(cluster.snapshots.read(cluster.record), one);
    }

    private PlacementResult place(ClusterSnapshot from, TaskLauncher.Launch launch) {
        PlacementResult result = launcher.place(ClusterPlacement.of(from), launch, seed++);
        if (!result.isComplete()) {
            throw new IllegalStateException("the benchmark fleet is full");
        }
        return result;
    }

    /**
     * The steady-state fleet in an in-memory backend: its instances, and a PENDING task for each of the
     * set-up's placements (4 per instance). Set up only for the benchmarks that read it.
     */
    @State(Scope.Benchmark)
    public static class BackendCluster {

        @Param({"1000", "10000", "100000"})
        int instances;

        private ClusterSnapshots snapshots;
        private ClusterRecord record;

        /** Starts the tasks of the steady state on the backend. */
        @Setup(Level.Trial)
        public void setUp() {
            InMemoryBackend backend = InMemoryBackend.create(Clock.systemUTC());
            List<InstanceState> fleet = BenchmarkFleet.of(instances);
            for (InstanceState instance : fleet) {
                InMemoryBackend.InstanceBuilder builder = InMemoryBackend.instance(instance.id())
                        .cpu(instance.registeredCpu()).memoryMiB(instance.registeredMemoryMiB());
                instance.attributes().forEach(builder::attribute);
                backend.addInstance(CLUSTER, builder);
            }
            RegisteredTaskDefinition revision = launch(1).taskDefinition();
            PlacementResult filled = PlacementEngine.of(fleet).place(fill(instances * 4), 1);
            if (!filled.isComplete()) {
                throw new IllegalStateException("the benchmark fleet is full");
            }
            int id = 0;
            for (TaskPlacement placement : filled.placements()) {
                backend.startTask(new StartTaskRequest(CLUSTER, "t-" + id++, placement.instanceId(), revision,
                        placement.group(), "bench", List.of()));
            }
            snapshots = new ClusterSnapshots(backend, arn -> revision.definition());
            record = ClusterRecord.create(CLUSTER, Instant.EPOCH);
        }
    }

    private static PlacementRequest fill(int count) {
        return PlacementRequest.builder(TaskReservation.of(256, 512), "service:bench")
                .count(count)
                .strategy(PlacementStrategy.spreadByAttribute(InstanceAttributes.AVAILABILITY_ZONE))
                .strategy(PlacementStrategy.binpack(Resource.MEMORY))
                .memberOf("attribute:ecs.instance-type =~ m5\\..*")
                .build();
    }

    private static TaskLauncher.Launch launch(int count) {
        TaskDefinition definition = TaskDefinition.builder("bench")
                .container(c -> c.name("app").image("busybox:stable").cpu(256).memoryMiB(512))
                .build();
        RegisteredTaskDefinition revision = new RegisteredTaskDefinition(
                ArnScope.local().taskDefinitionArn("bench", 1), 1, TaskDefinitionStatus.ACTIVE, definition,
                Instant.EPOCH, Optional.empty());
        return new TaskLauncher.Launch(CLUSTER, revision, "service:bench", "ecs-svc/1", List.of(), count,
                List.of(PlacementStrategy.spreadByAttribute(InstanceAttributes.AVAILABILITY_ZONE),
                        PlacementStrategy.binpack(Resource.MEMORY)),
                List.of(PlacementConstraint.memberOf("attribute:ecs.instance-type =~ m5\\..*")), Set.of());
    }
}

package dev.berth.benchmarks;

import dev.berth.inmemory.InMemoryBackend;
import dev.berth.model.ArnScope;
import dev.berth.model.InstanceAttributes;
import dev.berth.model.PlacementConstraint;
import dev.berth.model.PlacementStrategy;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.Resource;
import dev.berth.model.TaskDefinition;
import dev.berth.model.TaskDefinitionStatus;
import dev.berth.runtime.ClusterSnapshot;
import dev.berth.runtime.TaskLauncher;
import dev.berth.scheduler.InstanceState;
import dev.berth.scheduler.PlacementEngine;
import dev.berth.scheduler.PlacementRequest;
import dev.berth.scheduler.PlacementResult;
import dev.berth.scheduler.TaskReservation;
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
 * Placements per second as production makes them: {@link TaskLauncher#place} on a cluster snapshot, which builds
 * the scheduler's index over the snapshot's instances and places on it, once per launch (a RunTask, a service
 * plan, one launch of a controller pass). The fleet and request are {@link PlacementBenchmark}'s, and the snapshot
 * is its steady state: about half full, 4 tasks per instance.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
public class LaunchPlacementBenchmark {

    @Param({"1000", "10000", "100000"})
    int instances;

    private final TaskLauncher launcher = new TaskLauncher(InMemoryBackend.create(Clock.systemUTC()), () -> {
        throw new UnsupportedOperationException("place() starts nothing");
    });
    private ClusterSnapshot snapshot;
    private TaskLauncher.Launch one;
    private TaskLauncher.Launch batch;
    private long seed;

    /** Fills the fleet to the steady state of {@link PlacementBenchmark} and takes it as the snapshot. */
    @Setup(Level.Trial)
    public void setUp() {
        PlacementEngine filling = PlacementEngine.of(BenchmarkFleet.of(instances));
        PlacementRequest fill = PlacementRequest.builder(TaskReservation.of(256, 512), "service:bench")
                .count(instances * 4)
                .strategy(PlacementStrategy.spreadByAttribute(InstanceAttributes.AVAILABILITY_ZONE))
                .strategy(PlacementStrategy.binpack(Resource.MEMORY))
                .memberOf("attribute:ecs.instance-type =~ m5\\..*")
                .build();
        if (!filling.place(fill, 1).isComplete()) {
            throw new IllegalStateException("the benchmark fleet is full");
        }
        List<InstanceState> filled = filling.instances();
        snapshot = new ClusterSnapshot(filled);
        one = launch(1);
        batch = launch(PlacementBenchmark.BATCH);
    }

    /** One task per launch, as a RunTask of one task or a pass replacing one task. */
    @Benchmark
    public PlacementResult launchOne() {
        return place(one);
    }

    /** {@value PlacementBenchmark#BATCH} tasks per launch, as a scale-out; the score is per placement. */
    @Benchmark
    @OperationsPerInvocation(PlacementBenchmark.BATCH)
    public PlacementResult launchBatchOf50() {
        return place(batch);
    }

    private PlacementResult place(TaskLauncher.Launch launch) {
        PlacementResult result = launcher.place(snapshot, launch, seed++);
        if (!result.isComplete()) {
            throw new IllegalStateException("the benchmark fleet is full");
        }
        return result;
    }

    private static TaskLauncher.Launch launch(int count) {
        TaskDefinition definition = TaskDefinition.builder("bench")
                .container(c -> c.name("app").image("busybox:stable").cpu(256).memoryMiB(512))
                .build();
        RegisteredTaskDefinition revision = new RegisteredTaskDefinition(
                ArnScope.local().taskDefinitionArn("bench", 1), 1, TaskDefinitionStatus.ACTIVE, definition,
                Instant.EPOCH, Optional.empty());
        return new TaskLauncher.Launch("bench", revision, "service:bench", "ecs-svc/1", List.of(), count,
                List.of(PlacementStrategy.spreadByAttribute(InstanceAttributes.AVAILABILITY_ZONE),
                        PlacementStrategy.binpack(Resource.MEMORY)),
                List.of(PlacementConstraint.memberOf("attribute:ecs.instance-type =~ m5\\..*")), Set.of());
    }
}

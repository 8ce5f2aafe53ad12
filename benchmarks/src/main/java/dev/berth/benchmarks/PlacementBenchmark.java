package dev.berth.benchmarks;

import dev.berth.model.InstanceAttributes;
import dev.berth.model.PlacementStrategy;
import dev.berth.model.Resource;
import dev.berth.scheduler.InstanceState;
import dev.berth.scheduler.PlacementEngine;
import dev.berth.scheduler.PlacementRequest;
import dev.berth.scheduler.PlacementResult;
import dev.berth.scheduler.TaskPlacement;
import dev.berth.scheduler.TaskReservation;
import java.util.ArrayDeque;
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
 * Placements per second on fleets of 1,000 to 100,000 instances: spread over zones, then binpack on memory,
 * under one {@code memberOf} constraint (three of the four instance types qualify).
 *
 * <p>The fleet is kept in a steady state about half full: once {@code 4 x instances} tasks are outstanding, the
 * oldest task is released for each new one, so every measured placement is a real choice on a partly packed
 * fleet, and the release (an index update of its own) is part of the measured cost.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 10, time = 1)
public class PlacementBenchmark {

    /** Tasks per call in the batch benchmark. */
    static final int BATCH = 50;

    @Param({"1000", "10000", "100000"})
    int instances;

    private PlacementEngine engine;
    private PlacementRequest one;
    private PlacementRequest batch;
    private final ArrayDeque<TaskPlacement> outstanding = new ArrayDeque<>();
    private int window;
    private long seed;

    /** Builds the fleet and fills it to the steady state. */
    @Setup(Level.Trial)
    public void setUp() {
        engine = PlacementEngine.of(BenchmarkFleet.of(instances));
        one = request(1);
        batch = request(BATCH);
        window = instances * 4;
        while (outstanding.size() < window) {
            place(batch);
        }
    }

    /** One task per call, as a service scheduler placing replacements one by one. */
    @Benchmark
    public PlacementResult oneAtATime() {
        return place(one);
    }

    /** {@value #BATCH} tasks per call, as a scale-out; the score is per placement. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public PlacementResult batchOf50() {
        return place(batch);
    }

    private PlacementResult place(PlacementRequest request) {
        PlacementResult result = engine.place(request, seed++);
        if (!result.isComplete()) {
            throw new IllegalStateException("the benchmark fleet is full: " + result.failure().orElseThrow()
                    .explanation());
        }
        outstanding.addAll(result.placements());
        while (outstanding.size() > window) {
            engine.release(outstanding.poll());
        }
        return result;
    }

    private static PlacementRequest request(int count) {
        return PlacementRequest.builder(TaskReservation.of(256, 512), "service:bench")
                .count(count)
                .strategy(PlacementStrategy.spreadByAttribute(InstanceAttributes.AVAILABILITY_ZONE))
                .strategy(PlacementStrategy.binpack(Resource.MEMORY))
                .memberOf("attribute:ecs.instance-type =~ m5\\..*")
                .build();
    }
}

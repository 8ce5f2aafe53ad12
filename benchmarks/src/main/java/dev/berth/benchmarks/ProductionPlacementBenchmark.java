package dev.berth.benchmarks;

import dev.berth.api.Berth;
import dev.berth.api.Service;
import dev.berth.inmemory.InMemoryBackend;
import dev.berth.model.InstanceAttributes;
import dev.berth.model.PlacementConstraint;
import dev.berth.model.PlacementStrategy;
import dev.berth.model.Resource;
import dev.berth.model.TaskDefinition;
import dev.berth.model.TaskDefinitionRef;
import dev.berth.scheduler.InstanceState;
import dev.berth.service.ReconcilerSettings;
import dev.berth.service.ServiceSpec;
import dev.berth.task.RunTaskRequest;
import dev.berth.task.RunTaskResult;
import dev.berth.task.StopCode;
import dev.berth.task.Task;
import dev.berth.task.TaskStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Placements through Berth's public API on the in-memory backend, as a caller gets them: what one call costs
 * divided by the tasks it places, so the score is placements per second of the whole production path.
 *
 * <p>Fleet (seeded, the same every run): 1,000 / 10,000 / 100,000 instances of {@link BenchmarkFleet}, added to an
 * {@link InMemoryBackend} (zero start, stop and health delays, its defaults). Tasks of a task definition of 256 CPU
 * units / 512 MiB, placed with {@code spread(attribute:ecs.availability-zone)} then {@code binpack(memory)} under
 * {@code memberOf(attribute:ecs.instance-type =~ m5\..*)}, as in {@link LaunchPlacementBenchmark}. Steady state: a
 * service of 4 tasks per instance, placed by Berth's own pass in the set-up, all RUNNING and healthy.
 *
 * <ul>
 *   <li>{@code tasksRun}: {@code berth.clusters().getOrCreate(cluster).tasks().run(request)} with a count of
 *       {@value #RUN_COUNT} (ECS's RunTask maximum): resolve the task definition, the cluster's turn, read the
 *       cluster (its instances and every task), build the scheduler's index, place 10, start 10 on the backend.
 *       Score per placement ({@code @OperationsPerInvocation(10)}).</li>
 *   <li>{@code servicePassOf1000} and {@code servicePassOf100}: {@code berth.reconcileNow(cluster, service)}, one
 *       whole controller pass of the service after its desired count was raised by 1,000 (100): read the service
 *       and the cluster from the state store and the backend, snapshot the instances, plan with the reconciler,
 *       store the plan's state, build the index, place and start the 1,000 (100) new tasks. Score per placement
 *       ({@code @OperationsPerInvocation(1000)}, {@code (100)}).</li>
 * </ul>
 *
 * <p>No figure includes putting the cluster back: after each invocation (JMH {@code Level.Invocation}, not
 * timed) the tasks it started are stopped and forgotten directly on the backend, and the service is scaled back to
 * its steady count; before each service pass it is scaled out again ({@code Service.scale}, not timed). Each
 * tear-down checks that the invocation started all its tasks, and the trial's that the cluster is back at its steady
 * state.
 *
 * <p>No pass runs but the measured ones: Berth gets an executor whose only thread is parked for the whole trial,
 * so what {@code scale} enqueues and what a pass requeues never runs, and the set-up drives the service to its
 * steady state with {@code reconcileNow} itself.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 8, time = 2)
public class ProductionPlacementBenchmark {

    /** Tasks per {@code Tasks.run}: ECS's RunTask maximum. */
    static final int RUN_COUNT = RunTaskRequest.MAX_COUNT;
    /** Steady-state tasks per instance. */
    static final int TASKS_PER_INSTANCE = 4;

    private static final String CLUSTER = "bench";
    private static final String SERVICE = "steady";

    /** A RunTask of {@value #RUN_COUNT} tasks; the score is per placement. */
    @Benchmark
    @OperationsPerInvocation(RUN_COUNT)
    public RunTaskResult tasksRun(Fleet fleet, StandaloneTasks started) {
        RunTaskResult result = fleet.berth.clusters().getOrCreate(CLUSTER).tasks().run(fleet.runRequest);
        started.result = result;
        return result;
    }

    /** One controller pass that places and starts 1,000 new tasks; the score is per placement. */
    @Benchmark
    @OperationsPerInvocation(1000)
    public void servicePassOf1000(Fleet fleet, ScaleOut scaleOut) {
        fleet.berth.reconcileNow(CLUSTER, SERVICE);
    }

    /** One controller pass that places and starts 100 new tasks; the score is per placement. */
    @Benchmark
    @OperationsPerInvocation(100)
    public void servicePassOf100(Fleet fleet, ScaleOut scaleOut) {
        fleet.berth.reconcileNow(CLUSTER, SERVICE);
    }

    /** The fleet in an in-memory backend, a Berth on it and its steady service. */
    @State(Scope.Benchmark)
    public static class Fleet {

        @Param({"1000", "10000", "100000"})
        int instances;

        InMemoryBackend backend;
        Berth berth;
        Service service;
        RunTaskRequest runRequest;
        int steadyCount;
        /** Ids handed to the tasks started since the last {@link #clearNewTaskIds()}; all on the benchmark thread. */
        private final List<String> newTaskIds = new ArrayList<>();
        private ScheduledThreadPoolExecutor executor;
        private final CountDownLatch released = new CountDownLatch(1);

        /** Adds the fleet, starts Berth with a parked executor and drives the service to its steady state. */
        @Setup(Level.Trial)
        public void setUp() {
            backend = InMemoryBackend.create(Clock.systemUTC());
            for (InstanceState instance : BenchmarkFleet.of(instances)) {
                InMemoryBackend.InstanceBuilder builder = InMemoryBackend.instance(instance.id())
                        .cpu(instance.registeredCpu()).memoryMiB(instance.registeredMemoryMiB());
                instance.attributes().forEach(builder::attribute);
                backend.addInstance(CLUSTER, builder);
            }
            executor = new ScheduledThreadPoolExecutor(1, runnable -> {
                Thread thread = new Thread(runnable, "parked-berth-controller");
                thread.setDaemon(true);
                return thread;
            });
            executor.execute(this::park); // the only thread waits here until the tear-down
            berth = Berth.builder(backend).executor(executor)
                    // Tasks count as healthy once RUNNING; nothing resyncs by itself.
                    .reconcilerSettings(new ReconcilerSettings(Duration.ZERO, Duration.ofSeconds(1),
                            Duration.ofHours(1), Duration.ofMinutes(10)))
                    .taskIds(this::newTaskId) // Berth's default ids (random UUIDs without dashes), recorded
                    .build();
            TaskDefinitionRef ref = berth.taskDefinitions().register(TaskDefinition.builder("bench")
                    .container(c -> c.name("app").image("busybox:stable").cpu(256).memoryMiB(512))
                    .build()).ref();
            PlacementConstraint m5 = PlacementConstraint.memberOf("attribute:ecs.instance-type =~ m5\\..*");
            PlacementStrategy spread = PlacementStrategy.spreadByAttribute(InstanceAttributes.AVAILABILITY_ZONE);
            PlacementStrategy binpack = PlacementStrategy.binpack(Resource.MEMORY);
            steadyCount = instances * TASKS_PER_INSTANCE;
            service = berth.clusters().getOrCreate(CLUSTER).services().create(ServiceSpec.builder(SERVICE, ref)
                    .desiredCount(steadyCount).placementStrategy(spread).placementStrategy(binpack)
                    .placementConstraint(m5).build());
            runRequest = RunTaskRequest.builder(ref).count(RUN_COUNT).placementStrategy(spread)
                    .placementStrategy(binpack).placementConstraint(m5).build();
            for (int pass = 0; pass < 5; pass++) {
                berth.reconcileNow(CLUSTER, SERVICE); // places all, then sees them RUNNING and healthy
            }
            requireSteady();
            clearNewTaskIds();
        }

        /** Checks that the benchmark left the cluster as the set-up made it; releases and closes Berth. */
        @TearDown(Level.Trial)
        public void tearDown() {
            try {
                requireSteady();
            } finally {
                berth.close();
                released.countDown();
                executor.shutdownNow();
            }
        }

        List<String> newTaskIds() {
            return newTaskIds;
        }

        void clearNewTaskIds() {
            newTaskIds.clear();
        }

        /** Stops and forgets tasks directly on the backend, as if they had never been started. */
        void remove(List<String> taskIds) {
            for (String taskId : taskIds) {
                backend.stopTask(CLUSTER, taskId, StopCode.USER_INITIATED, "benchmark clean-up");
                backend.forgetTask(CLUSTER, taskId);
            }
        }

        private String newTaskId() {
            UUID uuid = UUID.randomUUID(); // as Berth's default: the UUID's 32 hex digits
            String id = HexFormat.of().toHexDigits(uuid.getMostSignificantBits())
                    + HexFormat.of().toHexDigits(uuid.getLeastSignificantBits());
            newTaskIds.add(id);
            return id;
        }

        private void requireSteady() {
            List<Task> tasks = backend.tasks(CLUSTER);
            long running = tasks.stream().filter(t -> t.lastStatus() == TaskStatus.RUNNING).count();
            if (tasks.size() != steadyCount || running != steadyCount) {
                throw new IllegalStateException("expected " + steadyCount + " RUNNING tasks, the backend has "
                        + tasks.size() + " of which " + running + " RUNNING");
            }
        }

        private void park() {
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** What one {@code tasksRun} started, removed after the invocation. */
    @State(Scope.Thread)
    public static class StandaloneTasks {

        RunTaskResult result;

        /**
         * Checks that the run started all its tasks, then removes them.
         *
         * @param fleet the cluster
         */
        @TearDown(Level.Invocation)
        public void removeStarted(Fleet fleet) {
            if (result == null || result.tasks().size() != RUN_COUNT) {
                throw new IllegalStateException("Tasks.run started " + (result == null ? 0 : result.tasks().size())
                        + " of " + RUN_COUNT + " tasks: " + (result == null ? "" : result.failure()));
            }
            fleet.remove(result.tasks().stream().map(Task::taskId).toList());
            fleet.clearNewTaskIds();
            result = null;
        }
    }

    /**
     * The service scaled out before each service pass by the benchmark's operations per invocation, and back after
     * it.
     */
    @State(Scope.Thread)
    public static class ScaleOut {

        private int count;

        /**
         * @param fleet the cluster and its service
         * @param params the benchmark's parameters: its operations per invocation are the new tasks
         */
        @Setup(Level.Invocation)
        public void scaleOut(Fleet fleet, BenchmarkParams params) {
            count = params.getOpsPerInvocation();
            fleet.clearNewTaskIds();
            fleet.service.scale(fleet.steadyCount + count);
        }

        /**
         * Checks that the pass started all its new tasks, removes them and scales back.
         *
         * @param fleet the cluster and its service
         */
        @TearDown(Level.Invocation)
        public void scaleBack(Fleet fleet) {
            List<String> started = List.copyOf(fleet.newTaskIds());
            fleet.clearNewTaskIds();
            fleet.remove(started);
            fleet.service.scale(fleet.steadyCount);
            if (started.size() != count) {
                throw new IllegalStateException("the pass started " + started.size() + " of " + count + " tasks");
            }
        }
    }
}

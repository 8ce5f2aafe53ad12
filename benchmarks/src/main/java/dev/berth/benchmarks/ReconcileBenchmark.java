package dev.berth.benchmarks;

import dev.berth.api.Berth;
import dev.berth.api.Service;
import dev.berth.inmemory.InMemoryBackend;
import dev.berth.model.TaskDefinition;
import dev.berth.model.TaskDefinitionRef;
import dev.berth.service.ReconcilerSettings;
import dev.berth.service.ServiceSpec;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one reconcile pass of a service that is steady at {@code tasks} RUNNING tasks on the in-memory
 * backend: {@code Berth.reconcileNow}, i.e. the whole controller pass (list the cluster's tasks, snapshot the
 * instances with what the tasks reserve, plan with {@code ServiceReconciler}, store the state). The fleet is 100
 * instances whatever the task count, so the curve shows the cost per task. With the gc profiler
 * ({@code -prof gc}) JMH also reports the bytes allocated per pass. The set-up prints Berth's retained heap per
 * tracked task (used heap after GC with the tasks, minus before, divided by the tasks).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
public class ReconcileBenchmark {

    private static final String CLUSTER = "bench";
    private static final String SERVICE = "steady";
    private static final int INSTANCES = 100;

    /** Tasks of the steady service. */
    @Param({"1000", "10000", "100000"})
    public int tasks;

    private Berth berth;
    private ScheduledExecutorService executor;

    /** Starts the service and waits until it is steady; prints the heap per tracked task. */
    @Setup(Level.Trial)
    public void setUp() {
        long before = usedHeapAfterGc();
        InMemoryBackend backend = InMemoryBackend.create(Clock.systemUTC());
        int perInstance = (tasks + INSTANCES - 1) / INSTANCES;
        for (int i = 0; i < INSTANCES; i++) {
            backend.addInstance(CLUSTER, InMemoryBackend.instance("i-" + i).cpu(4096).memoryMiB(perInstance * 8 + 1024));
        }
        executor = Executors.newSingleThreadScheduledExecutor();
        // Tasks count as healthy at once and nothing resyncs by itself: the measured passes are the only ones.
        berth = Berth.builder(backend).executor(executor)
                .reconcilerSettings(new ReconcilerSettings(Duration.ZERO, Duration.ofSeconds(1), Duration.ofHours(1),
                        Duration.ofMinutes(10)))
                .build();
        TaskDefinitionRef ref = berth.taskDefinitions().register(TaskDefinition.builder("app")
                .container(c -> c.name("app").image("busybox:1").memoryMiB(8).command("sleep", "3600"))
                .build()).ref();
        Service service = berth.clusters().getOrCreate(CLUSTER).services()
                .create(ServiceSpec.builder(SERVICE, ref).desiredCount(tasks).build());
        service.awaitSteady(Duration.ofMinutes(5));
        berth.reconcileNow(CLUSTER, SERVICE);
        long after = usedHeapAfterGc();
        System.out.printf("%nheap per tracked task at %,d tasks: %,d bytes%n", tasks, (after - before) / tasks);
    }

    /** Closes Berth and its executor. */
    @TearDown(Level.Trial)
    public void tearDown() {
        berth.close();
        executor.shutdownNow();
    }

    /** One whole controller pass of the steady service. */
    @Benchmark
    public void reconcilePass() {
        berth.reconcileNow(CLUSTER, SERVICE);
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}

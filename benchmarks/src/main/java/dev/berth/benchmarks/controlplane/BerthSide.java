package dev.berth.benchmarks.controlplane;

import dev.berth.api.Berth;
import dev.berth.api.Cluster;
import dev.berth.api.Service;
import dev.berth.inmemory.InMemoryBackend;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.TaskDefinition;
import dev.berth.service.ReconcilerSettings;
import dev.berth.service.ServiceSpec;
import dev.berth.task.Task;
import dev.berth.task.TaskStatus;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * Berth on its in-memory backend, as a platform would run it: Berth's own controller threads, ECS's reconciler
 * defaults except that a task counts as healthy as soon as it runs (ECS waits 40 s for a task without a health
 * check; Kubernetes' {@code minReadySeconds} is 0), and the backend's default of no start latency, so that only the
 * control plane is measured. Progress is read the way the Kubernetes side watches pods: from the cluster's task
 * list, which the harness polls every 50 ms (its CPU is measured on its own thread and left out of Berth's).
 */
final class BerthSide {

    private static final String CLUSTER = "bench";
    private static final int INSTANCE_CPU = 32 * 1024;
    private static final int INSTANCE_MEMORY_MIB = 256 * 1024;

    private final ControlPlaneOptions options;
    private final InMemoryBackend backend = InMemoryBackend.create(Clock.systemUTC());

    BerthSide(ControlPlaneOptions options) {
        this.options = options;
    }

    /**
     * Runs the three phases.
     *
     * @return one result per phase
     * @throws TimeoutException if a phase does not reach its goal in time
     */
    List<PhaseResult> run() throws TimeoutException, InterruptedException {
        for (int i = 0; i < options.nodes(); i++) {
            backend.addInstance(CLUSTER, InMemoryBackend.instance("i-" + i).cpu(INSTANCE_CPU)
                    .memoryMiB(INSTANCE_MEMORY_MIB).attribute("ecs.availability-zone", "zone-" + i % 3));
        }
        ReconcilerSettings settings = ReconcilerSettings.ecsDefaults();
        settings = new ReconcilerSettings(Duration.ZERO, settings.busyRequeue(), settings.idleResync(),
                settings.stoppedTaskRetention(), settings.changeCoalescing(), settings.pendingTimeout());
        List<PhaseResult> results = new ArrayList<>();
        try (Berth berth = Berth.builder(backend).reconcilerSettings(settings).build()) {
            RegisteredTaskDefinition first = berth.taskDefinitions().register(taskDefinition("1"));
            RegisteredTaskDefinition second = berth.taskDefinitions().register(taskDefinition("2"));
            Cluster cluster = berth.clusters().getOrCreate(CLUSTER);
            List<Service> services = new CopyOnWriteArrayList<>();
            int total = options.totalTasks();

            results.add(measure(Phase.CREATE, () -> Fanout.send(options.services(), options.parallelism(),
                    i -> services.add(cluster.services().create(ServiceSpec.builder("svc-" + i, first.ref())
                            .desiredCount(options.tasksPerService()).build()))),
                    tasks -> running(tasks, first.arn()) == total));
            results.add(measure(Phase.DEPLOY, () -> Fanout.send(services.size(), options.parallelism(),
                    i -> services.get(i).deploy(second.ref())),
                    tasks -> running(tasks, second.arn()) == total && live(tasks, first.arn()) == 0));
            results.add(measure(Phase.SCALE_IN, () -> Fanout.send(services.size(), options.parallelism(),
                    i -> services.get(i).scale(0)),
                    tasks -> live(tasks, null) == 0));
            for (Service service : services) {
                if (!service.describe().isStable()) {
                    throw new IllegalStateException("after the run, " + service.name() + " is not stable: "
                            + service.describe().summary());
                }
            }
        }
        return results;
    }

    private PhaseResult measure(Phase phase, Runnable requests, Predicate<List<Task>> goal)
            throws TimeoutException, InterruptedException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuBefore = processCpuNanos();
        long pollerBefore = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        requests.run();
        Fanout.await("Berth: " + phase.label(), () -> goal.test(backend.tasks(CLUSTER)), options.timeout(),
                () -> summary(backend.tasks(CLUSTER)));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        long pollerCpu = threads.getCurrentThreadCpuTime() - pollerBefore;
        double cpu = (processCpuNanos() - cpuBefore - pollerCpu) / 1e9;
        PhaseResult result = new PhaseResult(phase, elapsed, options.totalTasks(), Map.of("Berth", cpu),
                usedHeapMiBAfterGc());
        System.err.println("  " + result.summary()); // as it comes: a later phase may time out
        return result;
    }

    private static long running(List<Task> tasks, String arn) {
        return tasks.stream().filter(t -> t.taskDefinitionArn().equals(arn) && t.lastStatus() == TaskStatus.RUNNING)
                .count();
    }

    /** Tasks of the revision (any when null) that have not stopped. */
    private static long live(List<Task> tasks, String arn) {
        return tasks.stream().filter(t -> (arn == null || t.taskDefinitionArn().equals(arn))
                && t.lastStatus() != TaskStatus.STOPPED).count();
    }

    private static String summary(List<Task> tasks) {
        Map<TaskStatus, Long> byStatus = new EnumMap<>(TaskStatus.class);
        tasks.forEach(t -> byStatus.merge(t.lastStatus(), 1L, Long::sum));
        return "tasks by status " + byStatus;
    }

    private static TaskDefinition taskDefinition(String revisionMark) {
        return TaskDefinition.builder("cpbench")
                .container(c -> c.name("app").image("busybox:1").cpu(100).memoryMiB(64)
                        .command("sleep", "3600").environment("REVISION", revisionMark))
                .build();
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long usedHeapMiBAfterGc() {
        for (int i = 0; i < 2; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
    }
}

package dev.berth.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.TaskDefinitions;
import dev.berth.cluster.ClusterRecord;
import dev.berth.exception.BackendUnavailableException;
import dev.berth.inmemory.InMemoryBackend;
import dev.berth.internal.state.InMemoryStateStore;
import dev.berth.model.ArnScope;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.TaskDefinition;
import dev.berth.model.TaskDefinitionRef;
import dev.berth.reconciler.ServiceState;
import dev.berth.service.ReconcilerSettings;
import dev.berth.service.ServiceEvent;
import dev.berth.service.ServiceSpec;
import dev.berth.task.Task;
import dev.berth.testing.ForwardingBackend;
import dev.berth.testing.LogCapture;
import dev.berth.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A queued pass that fails: an expected failure (a {@code BerthException}) is logged at WARN without a stack trace
 * and retried with capped backoff; anything else is a bug, logged at ERROR with its stack trace, shown as a service
 * event and retried too. No failure ever drops the service from the queue.
 */
class ServiceControllerFailuresTest {

    private static final ServiceKey KEY = new ServiceKey("dev", "web");
    /** busyRequeue 1 s: the backoff of the n-th consecutive failure is min(2^n s, 30 s). */
    private static final ReconcilerSettings SETTINGS = new ReconcilerSettings(Duration.ofSeconds(40),
            Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(10));

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-26T10:00:00Z"));
    private final InMemoryBackend memory = InMemoryBackend.create(clock);
    private final FailingBackend backend = new FailingBackend(memory);
    private final InMemoryStateStore store = new InMemoryStateStore();
    private final RecordingScheduler scheduler = new RecordingScheduler();
    private final List<ServiceEvent> published = new ArrayList<>();
    private ServiceController controller;

    @BeforeEach
    void setUp() {
        memory.addInstance("dev", InMemoryBackend.instance("i-1").cpu(4096).memoryMiB(4096));
        TaskDefinitions definitions = TaskDefinitions.inMemory(clock, ArnScope.local());
        RegisteredTaskDefinition web = definitions.register(TaskDefinition.builder("web")
                .container(c -> c.name("app").image("busybox:stable").memoryMiB(64)).build());
        store.createCluster(ClusterRecord.create("dev", clock.instant()));
        store.createService(ServiceState.create("dev", ServiceSpec.builder("web", TaskDefinitionRef.latest("web"))
                .desiredCount(2).build(), web, clock.instant()));
        ClusterSnapshots snapshots = new ClusterSnapshots(backend,
                arn -> definitions.describe(TaskDefinitionRef.parse(arn)).definition());
        AtomicInteger ids = new AtomicInteger();
        controller = new ServiceController(backend, store, snapshots,
                new TaskLauncher(backend, () -> "t" + ids.incrementAndGet()), SETTINGS, clock, scheduler);
        controller.onEvent(published::add);
    }

    @AfterEach
    void tearDown() {
        controller.close();
        scheduler.shutdownNow();
    }

    @Test
    void anExpectedFailure_isLoggedAtWarnWithoutAStackTrace_andRetriedWithCappedBackoff() {
        backend.failWith(() -> new BackendUnavailableException("engine unreachable (test)", true));
        controller.enqueue(KEY);

        List<Duration> retries = new ArrayList<>();
        String log;
        try (LogCapture logs = new LogCapture()) {
            for (int i = 0; i < 7; i++) {
                retries.add(scheduler.runNext());
            }
            log = logs.text();
        }

        assertThat(retries).containsExactly(Duration.ZERO, Duration.ofSeconds(2), Duration.ofSeconds(4),
                Duration.ofSeconds(8), Duration.ofSeconds(16), Duration.ofSeconds(30), Duration.ofSeconds(30));
        assertThat(scheduler.pendingDelay()).as("the service stays queued").contains(Duration.ofSeconds(30));
        assertThat(log).contains("WARN").contains("Reconcile pass failed service=dev/web attempt=1 retryIn=PT2S")
                .contains("engine unreachable (test)")
                .doesNotContain("ERROR").doesNotContain("\tat ");
        assertThat(events()).as("an expected failure is no event").isEmpty();

        backend.failWith(null);
        scheduler.runNext();
        assertThat(memory.tasks("dev")).as("the retry carries on").hasSize(2);
        assertThat(scheduler.pendingDelay()).as("backoff reset after a pass that succeeds")
                .contains(SETTINGS.busyRequeue());
    }

    @Test
    void aBug_isLoggedAtErrorWithItsStackTrace_shownAsAServiceEvent_andRetried() {
        backend.failWith(() -> new IllegalStateException("boom (test)"));
        controller.enqueue(KEY);

        String log;
        try (LogCapture logs = new LogCapture()) {
            scheduler.runNext();
            log = logs.text();
        }

        assertThat(log).contains("ERROR").contains("Reconcile pass failed unexpectedly service=dev/web attempt=1")
                .contains("java.lang.IllegalStateException: boom (test)")
                .contains("\tat dev.berth.runtime.ServiceControllerFailuresTest$FailingBackend.tasks");
        assertThat(scheduler.pendingDelay()).as("retried with backoff, not dropped").contains(Duration.ofSeconds(2));
        assertThat(events()).singleElement().satisfies(event -> {
            assertThat(event.kind()).isEqualTo(ServiceEvent.Kind.SERVICE_RECONCILE_ERROR);
            assertThat(event.message()).contains("(service web)").contains("IllegalStateException: boom (test)");
        });
        assertThat(published).extracting(ServiceEvent::kind).containsExactly(ServiceEvent.Kind.SERVICE_RECONCILE_ERROR);

        scheduler.runNext();
        assertThat(events()).as("the same failure again is suppressed, as ECS repeats events").hasSize(1);

        backend.failWith(null);
        scheduler.runNext();
        assertThat(memory.tasks("dev")).as("the retry carries on once the bug is gone").hasSize(2);
    }

    @Test
    void anError_isNoReasonToDropTheServiceEither() {
        backend.failWith(() -> new AssertionError("broken invariant (test)"));
        controller.enqueue(KEY);

        try (LogCapture logs = new LogCapture()) {
            scheduler.runNext();
            assertThat(logs.text()).contains("ERROR").contains("java.lang.AssertionError: broken invariant (test)");
        }

        assertThat(scheduler.pendingDelay()).contains(Duration.ofSeconds(2));
        assertThat(events()).extracting(ServiceEvent::kind).containsExactly(ServiceEvent.Kind.SERVICE_RECONCILE_ERROR);
    }

    private List<ServiceEvent> events() {
        return store.service("dev", "web").orElseThrow().events().events();
    }

    /** The in-memory backend, whose task listing throws what the test sets. */
    private static final class FailingBackend extends ForwardingBackend {
        private volatile Supplier<? extends Throwable> failure;

        FailingBackend(InMemoryBackend delegate) {
            super(delegate);
        }

        void failWith(Supplier<? extends Throwable> value) {
            failure = value;
        }

        @Override
        public List<Task> tasks(String cluster) {
            Supplier<? extends Throwable> current = failure;
            if (current != null) {
                Throwable thrown = current.get();
                if (thrown instanceof Error error) {
                    throw error;
                }
                throw (RuntimeException) thrown;
            }
            return super.tasks(cluster);
        }
    }

    /**
     * Runs nothing by itself: records what the work queue schedules, and runs it when the test says so, on the test's
     * thread. Delays are compared as the queue asked for them.
     */
    private static final class RecordingScheduler extends ScheduledThreadPoolExecutor {
        private final List<Scheduled> scheduled = new ArrayList<>();

        RecordingScheduler() {
            super(1);
        }

        @Override
        public synchronized ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            ScheduledFuture<?> never = super.schedule(() -> { }, 365, TimeUnit.DAYS);
            scheduled.add(new Scheduled(command, Duration.ofNanos(unit.toNanos(delay)), never));
            return never;
        }

        /** Runs the pass scheduled last (cancelled ones skipped) and returns the delay it was scheduled with. */
        Duration runNext() {
            Scheduled next;
            synchronized (this) {
                scheduled.removeIf(s -> s.future().isCancelled());
                next = scheduled.remove(scheduled.size() - 1);
            }
            next.command().run();
            return next.delay();
        }

        /** @return the delay of the pass waiting to run, if any */
        synchronized java.util.Optional<Duration> pendingDelay() {
            scheduled.removeIf(s -> s.future().isCancelled());
            return scheduled.stream().map(Scheduled::delay).reduce((first, second) -> second);
        }

        private record Scheduled(Runnable command, Duration delay, ScheduledFuture<?> future) {
        }
    }
}

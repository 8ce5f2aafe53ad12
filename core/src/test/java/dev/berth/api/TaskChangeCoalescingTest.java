package dev.berth.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.inmemory.InMemoryBackend;
import dev.berth.model.TaskDefinition;
import dev.berth.model.TaskDefinitionRef;
import dev.berth.service.ReconcilerSettings;
import dev.berth.service.ServiceSpec;
import dev.berth.spi.Subscription;
import dev.berth.task.Task;
import dev.berth.testing.ForwardingBackend;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A burst of change signals (a service's containers starting together) gets the service one pass, not one each:
 * every pass reads the backend's whole task list, which on a Docker engine is its most expensive call. Berth's own
 * threads and the real clock.
 */
class TaskChangeCoalescingTest {

    private static final ReconcilerSettings COALESCING = new ReconcilerSettings(Duration.ofMillis(100),
            Duration.ofMinutes(10), Duration.ofHours(1), Duration.ofMinutes(10), Duration.ofSeconds(1));

    private final SignallingBackend backend = new SignallingBackend(InMemoryBackend.create(Clock.systemUTC()));
    private final Berth berth = Berth.builder(backend).reconcilerSettings(COALESCING).build();

    @AfterEach
    void tearDown() {
        berth.close();
    }

    @Test
    void tenSignalsWithinTheCoalescingTime_costOnePass() throws InterruptedException {
        backend.delegate.addInstance("dev", InMemoryBackend.instance("i-1"));
        berth.taskDefinitions().register(TaskDefinition.builder("web")
                .container(c -> c.name("app").image("busybox:stable").memoryMiB(64)).build());
        berth.clusters().create("dev").services()
                .create(ServiceSpec.builder("web", TaskDefinitionRef.latest("web")).desiredCount(1).build())
                .awaitSteady(Duration.ofSeconds(10));
        int before = backend.reads.get();
        berth.reconcileNow("dev", "web");
        int readsPerPass = backend.reads.get() - before;

        int burstStart = backend.reads.get();
        for (int i = 0; i < 10; i++) {
            backend.signal("dev");
            Thread.sleep(10);
        }
        Thread.sleep(2_500);

        // Without coalescing each signal 10 ms apart gets a pass of its own: about 10 passes.
        assertThat(backend.reads.get() - burstStart).isBetween(readsPerPass, 2 * readsPerPass);
    }

    /** Counts reads of the task list and lets the test send change signals. */
    private static final class SignallingBackend extends ForwardingBackend {
        final InMemoryBackend delegate;
        final AtomicInteger reads = new AtomicInteger();
        private volatile Consumer<String> listener = cluster -> { };

        SignallingBackend(InMemoryBackend delegate) {
            super(delegate);
            this.delegate = delegate;
        }

        void signal(String cluster) {
            listener.accept(cluster);
        }

        @Override
        public List<Task> tasks(String cluster) {
            reads.incrementAndGet();
            return super.tasks(cluster);
        }

        @Override
        public Subscription onTaskChange(Consumer<String> value) {
            listener = value;
            return () -> listener = cluster -> { };
        }
    }
}

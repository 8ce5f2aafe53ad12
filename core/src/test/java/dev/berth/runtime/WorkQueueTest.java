package dev.berth.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The queue keeps every key until its pass says it is done, even when the pass throws. */
class WorkQueueTest {

    private final Scheduler scheduler = new Scheduler();

    @AfterEach
    void tearDown() {
        scheduler.shutdownNow();
    }

    @Test
    void aPassThatThrows_runsAgainAfterTheRetryDelay() {
        WorkQueue<String> queue = queue(key -> {
            throw new IllegalStateException("boom (test)");
        });
        queue.enqueue("web", Duration.ZERO);

        assertThatThrownBy(scheduler::runLast).hasMessage("boom (test)");

        assertThat(scheduler.delays).containsExactly(Duration.ZERO, Duration.ofSeconds(30));
    }

    @Test
    void aPassThatIsDone_isForgotten_andOneThatAsksAgain_isScheduledAtItsDelay() {
        List<PassOutcome> outcomes = new ArrayList<>(List.of(PassOutcome.again(Duration.ofSeconds(5)),
                PassOutcome.done()));
        WorkQueue<String> queue = queue(key -> outcomes.remove(0));
        queue.enqueue("web", Duration.ZERO);

        scheduler.runLast();
        scheduler.runLast();

        assertThat(scheduler.delays).containsExactly(Duration.ZERO, Duration.ofSeconds(5));
    }

    private WorkQueue<String> queue(Function<String, PassOutcome> pass) {
        return new WorkQueue<>(scheduler, pass, Duration.ofSeconds(30));
    }

    /** Records each scheduled pass and its delay; runs the last one when the test says so. */
    private static final class Scheduler extends ScheduledThreadPoolExecutor {
        final List<Duration> delays = new ArrayList<>();
        private final List<Runnable> commands = new ArrayList<>();

        Scheduler() {
            super(1);
        }

        @Override
        public synchronized ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            delays.add(Duration.ofNanos(unit.toNanos(delay)));
            commands.add(command);
            return super.schedule(() -> { }, 365, TimeUnit.DAYS);
        }

        void runLast() {
            Runnable command;
            synchronized (this) {
                command = commands.remove(commands.size() - 1);
            }
            command.run();
        }
    }
}

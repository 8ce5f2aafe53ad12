package dev.berth.spi.balancer;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** When the balancer's periodic and one-time work runs: health checks each interval, the end of a drain. */
public interface Timers {

    /** A scheduled piece of work that can be called off. */
    interface Scheduled {
        /** Calls the work off; a run in progress finishes. */
        void cancel();
    }

    /**
     * @param period time between two runs
     * @param work runs now and then once every period
     * @return the handle that calls it off
     */
    Scheduled every(Duration period, Runnable work);

    /**
     * @param delay time until it runs
     * @param work runs once after the delay
     * @return the handle that calls it off
     */
    Scheduled after(Duration delay, Runnable work);

    /**
     * @param executor runs the work; owned by the caller. Work submitted after it shut down never runs.
     * @return timers on a scheduled executor
     */
    static Timers on(ScheduledExecutorService executor) {
        Objects.requireNonNull(executor, "executor");
        return new Timers() {
            @Override
            public Scheduled every(Duration period, Runnable work) {
                return handle(() -> executor.scheduleAtFixedRate(work, 0, period.toMillis(), TimeUnit.MILLISECONDS));
            }

            @Override
            public Scheduled after(Duration delay, Runnable work) {
                return handle(() -> executor.schedule(work, delay.toMillis(), TimeUnit.MILLISECONDS));
            }

            private Scheduled handle(java.util.function.Supplier<ScheduledFuture<?>> schedule) {
                try {
                    ScheduledFuture<?> future = schedule.get();
                    return () -> future.cancel(false);
                } catch (RejectedExecutionException shutDown) {
                    return () -> { };
                }
            }
        };
    }
}

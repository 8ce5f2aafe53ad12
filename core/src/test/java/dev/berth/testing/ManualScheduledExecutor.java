package dev.berth.testing;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * An executor whose scheduled work never runs by itself, so that a test drives Berth's controller step by step
 * (with {@code Berth.reconcileNow}) against a {@link MutableClock} and nothing races it in the background.
 */
public final class ManualScheduledExecutor extends ScheduledThreadPoolExecutor {

    public ManualScheduledExecutor() {
        super(1);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return super.schedule(command, 365, TimeUnit.DAYS);
    }
}

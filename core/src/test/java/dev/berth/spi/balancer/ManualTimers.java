package dev.berth.spi.balancer;

import dev.berth.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** {@link Timers} that run only when a test moves their clock: work due by then runs, in time order. */
final class ManualTimers implements Timers {

    private final MutableClock clock;
    private final List<Entry> entries = new ArrayList<>();

    ManualTimers(MutableClock clock) {
        this.clock = clock;
    }

    private final class Entry implements Scheduled {
        final Runnable work;
        final Duration period;
        Instant due;
        boolean cancelled;

        Entry(Runnable work, Duration period, Instant due) {
            this.work = work;
            this.period = period;
            this.due = due;
        }

        @Override
        public void cancel() {
            synchronized (ManualTimers.this) {
                cancelled = true;
            }
        }
    }

    @Override
    public synchronized Scheduled every(Duration period, Runnable work) {
        Entry e = new Entry(work, period, clock.instant());
        entries.add(e);
        return e;
    }

    @Override
    public synchronized Scheduled after(Duration delay, Runnable work) {
        Entry e = new Entry(work, null, clock.instant().plus(delay));
        entries.add(e);
        return e;
    }

    /** Runs the work due now, without moving the clock. */
    void runDue() {
        advance(Duration.ZERO);
    }

    /** Moves the clock by {@code step}, running each piece of work when it falls due. */
    void advance(Duration step) {
        Instant end = clock.instant().plus(step);
        while (true) {
            Entry next;
            synchronized (this) {
                entries.removeIf(e -> e.cancelled);
                next = entries.stream().filter(e -> !e.due.isAfter(end)).min(Comparator.comparing(e -> e.due))
                        .orElse(null);
                if (next == null) {
                    break;
                }
                if (next.due.isAfter(clock.instant())) {
                    clock.advance(Duration.between(clock.instant(), next.due));
                }
                if (next.period == null) {
                    entries.remove(next);
                } else {
                    next.due = next.due.plus(next.period);
                }
            }
            next.work.run();
        }
        if (end.isAfter(clock.instant())) {
            clock.advance(Duration.between(clock.instant(), end));
        }
    }
}

package dev.berth.runtime;

import java.time.Duration;
import java.util.Objects;

/** What a pass of one key asks of the {@link WorkQueue}: run again after a delay, or forget the key. */
public sealed interface PassOutcome {

    /**
     * @param delay how long to wait, zero or more
     * @return run the key again after {@code delay}
     */
    static PassOutcome again(Duration delay) {
        return new Again(delay);
    }

    /** @return forget the key: it is gone (a deleted service that is drained) */
    static PassOutcome done() {
        return Done.INSTANCE;
    }

    /**
     * Run the key again after {@code delay}.
     *
     * @param delay how long to wait, zero or more
     */
    record Again(Duration delay) implements PassOutcome {
        /** @throws IllegalArgumentException if {@code delay} is negative */
        public Again {
            if (delay.isNegative()) {
                throw new IllegalArgumentException("delay must not be negative, was " + delay);
            }
        }
    }

    /** Forget the key. */
    enum Done implements PassOutcome {
        /** The only value. */
        INSTANCE
    }
}

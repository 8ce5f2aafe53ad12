package dev.berth.docker.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers, for a fixed while, which things the engine was last found to have (images by reference or ID), so
 * that a burst of tasks asks the engine once rather than once per task. An entry expires after its freshness, so
 * that what was removed behind Berth's back is looked for again; one the engine reports missing is forgotten at once.
 */
final class RecentlyFound {

    private final Clock clock;
    private final Duration freshness;
    private final Map<String, Instant> foundUntil = new ConcurrentHashMap<>();

    /**
     * @param clock the time entries expire by
     * @param freshness how long a thing found is trusted without asking the engine again
     */
    RecentlyFound(Clock clock, Duration freshness) {
        this.clock = clock;
        this.freshness = freshness;
    }

    /** @return whether {@code key} was found less than the freshness ago */
    boolean isFresh(String key) {
        Instant until = foundUntil.get(key);
        return until != null && clock.instant().isBefore(until);
    }

    /** Records that {@code key} was found just now. */
    void found(String key) {
        foundUntil.put(key, clock.instant().plus(freshness));
    }

    /** Forgets {@code key}: the next {@link #isFresh} is false. */
    void forget(String key) {
        foundUntil.remove(key);
    }
}

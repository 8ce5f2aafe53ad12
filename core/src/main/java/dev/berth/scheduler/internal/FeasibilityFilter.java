package dev.berth.scheduler.internal;

import dev.berth.model.Rejection;

/** One requirement a task puts on an instance; bound to one request. */
public interface FeasibilityFilter {

    /**
     * @param slot the instance
     * @return whether the instance meets the requirement now
     */
    boolean accepts(Slot slot);

    /**
     * @param slot an instance this filter does not {@linkplain #accepts accept}
     * @return why, for people
     */
    Rejection rejection(Slot slot);

    /**
     * @return whether the answer depends only on the instance's registered facts (status, agent, attributes),
     *     which no placement changes; such a filter is asked once per instance, not after every placement
     */
    default boolean readsFactsOnly() {
        return false;
    }
}

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
}

package dev.berth.scheduler.internal;

import java.util.function.Supplier;

/**
 * One placement strategy as an ordering of instances: lower keys are preferred. Each ranker also builds the
 * index level that finds its best instance without scanning the fleet.
 */
public interface Ranker {

    /**
     * @param slot an instance
     * @param start the placement's random draw (only the random ranker reads it)
     * @return the instance's key; lower is better
     */
    long key(Slot slot, long start);

    /**
     * @param children makes the index levels for the rankers after this one
     * @param tieBreak the order of the rankers after this one
     * @return a new, empty index level for this ranker
     */
    IndexNode newNode(Supplier<IndexNode> children, SlotOrder tieBreak);

    /**
     * Takes the instance into the counts this ranker keeps over the whole fleet, or back after a change; most keep
     * none.
     *
     * @param slot the instance
     */
    default void attach(Slot slot) {
    }

    /**
     * The instance is about to change; the next call is its {@link #attach}, with no query in between. The fleet
     * itself never shrinks.
     *
     * @param slot the instance
     */
    default void detach(Slot slot) {
    }
}

package dev.berth.scheduler.internal;

import java.util.function.Supplier;

/**
 * {@code random}, and the tie-break after the last strategy: instances in rank order starting at the
 * placement's random draw. Ranks are unique, so no ties remain after it.
 */
final class RandomRanker implements Ranker {

    @Override
    public long key(Slot slot, long start) {
        // Distance from the draw going up and wrapping around, compared as an unsigned number.
        return (slot.rank() - start) ^ Long.MIN_VALUE;
    }

    @Override
    public IndexNode newNode(Supplier<IndexNode> children, SlotOrder tieBreak) {
        return new LeafNode();
    }
}

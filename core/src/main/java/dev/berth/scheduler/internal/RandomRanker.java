package dev.berth.scheduler.internal;

import java.util.function.Supplier;

/**
 * {@code random}: instances in their tie order starting at the placement's random draw, wrapping around. The
 * order is unique per instance, so no ties remain after it and later strategies have no effect.
 */
final class RandomRanker implements Ranker {

    private final long salt;

    RandomRanker(long salt) {
        this.salt = salt;
    }

    @Override
    public long key(Slot slot, long start) {
        // Distance from the draw going up and wrapping around, compared as an unsigned number.
        return (TieOrder.of(slot, salt) - start) ^ Long.MIN_VALUE;
    }

    @Override
    public IndexNode newNode(Supplier<IndexNode> children, SlotOrder tieBreak) {
        return new LeafNode(salt, true);
    }
}

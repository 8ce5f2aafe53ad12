package dev.berth.scheduler.internal;

import java.util.function.Supplier;

/** After the last strategy: the first instance in the group's {@link TieOrder}. */
final class TieBreakRanker implements Ranker {

    private final long salt;

    TieBreakRanker(long salt) {
        this.salt = salt;
    }

    @Override
    public long key(Slot slot, long start) {
        return TieOrder.of(slot, salt);
    }

    @Override
    public IndexNode newNode(Supplier<IndexNode> children, SlotOrder tieBreak) {
        return new LeafNode(salt, false);
    }
}

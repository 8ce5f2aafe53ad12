package dev.berth.scheduler.internal;

import dev.berth.model.Resource;
import java.util.function.Supplier;

/** {@code binpack}: the least remaining amount of the resource first. */
final class BinpackRanker implements Ranker {

    private final Resource resource;

    BinpackRanker(Resource resource) {
        this.resource = resource;
    }

    @Override
    public long key(Slot slot, long start) {
        return slot.remaining(resource);
    }

    @Override
    public IndexNode newNode(Supplier<IndexNode> children, SlotOrder tieBreak) {
        return new KeyNode(slot -> slot.remaining(resource), children);
    }
}

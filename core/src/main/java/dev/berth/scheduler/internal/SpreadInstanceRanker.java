package dev.berth.scheduler.internal;

import java.util.function.Supplier;

/** {@code spread(instanceId)}: the fewest tasks of the group on the instance first. */
final class SpreadInstanceRanker implements Ranker {

    private final String group;

    SpreadInstanceRanker(String group) {
        this.group = group;
    }

    @Override
    public long key(Slot slot, long start) {
        return slot.tasksInGroup(group);
    }

    @Override
    public IndexNode newNode(Supplier<IndexNode> children, SlotOrder tieBreak) {
        return new KeyNode(slot -> slot.tasksInGroup(group), children);
    }
}

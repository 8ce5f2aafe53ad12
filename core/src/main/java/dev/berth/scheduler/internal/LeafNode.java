package dev.berth.scheduler.internal;

import java.util.Map;
import java.util.TreeMap;

/**
 * The last level: instances in rank order. The best one is the first at or after the placement's random draw,
 * wrapping around, which is the seeded tie-break (and the {@code random} strategy).
 */
final class LeafNode implements IndexNode {

    private final TreeMap<Long, Slot> byRank = new TreeMap<>();

    @Override
    public void add(Slot slot) {
        byRank.put(slot.rank(), slot);
    }

    @Override
    public void remove(Slot slot) {
        byRank.remove(slot.rank());
    }

    @Override
    public boolean isEmpty() {
        return byRank.isEmpty();
    }

    @Override
    public Slot best(long start) {
        Map.Entry<Long, Slot> next = byRank.ceilingEntry(start);
        return (next != null ? next : byRank.firstEntry()).getValue();
    }
}

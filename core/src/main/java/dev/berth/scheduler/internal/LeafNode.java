package dev.berth.scheduler.internal;

import java.util.Map;
import java.util.TreeMap;

/**
 * The last level: instances in their tie order (see {@link TieOrder}). Without a {@code random} strategy the
 * first instance wins, which keeps the hot end of the tree in cache; with one, the first at or after the
 * placement's random draw, wrapping around.
 */
final class LeafNode implements IndexNode {

    private final long salt;
    private final boolean fromDraw;
    private final TreeMap<Long, Slot> byOrder = new TreeMap<>();

    LeafNode(long salt, boolean fromDraw) {
        this.salt = salt;
        this.fromDraw = fromDraw;
    }

    @Override
    public void add(Slot slot) {
        byOrder.put(TieOrder.of(slot, salt), slot);
    }

    @Override
    public void remove(Slot slot) {
        byOrder.remove(TieOrder.of(slot, salt));
    }

    @Override
    public boolean isEmpty() {
        return byOrder.isEmpty();
    }

    @Override
    public Slot best(long start) {
        Map.Entry<Long, Slot> next = fromDraw ? byOrder.ceilingEntry(start) : null;
        return (next != null ? next : byOrder.firstEntry()).getValue();
    }
}

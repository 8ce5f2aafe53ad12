package dev.berth.scheduler.internal;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * Orders instances by a value of their own (remaining memory for binpack, tasks of the group for spread by
 * instance): the smallest key wins, equal keys share a child. Cost: O(log n) per operation.
 */
final class KeyNode implements IndexNode {

    private final ToLongFunction<Slot> key;
    private final Supplier<IndexNode> children;
    private final TreeMap<Long, IndexNode> byKey = new TreeMap<>();

    KeyNode(ToLongFunction<Slot> key, Supplier<IndexNode> children) {
        this.key = key;
        this.children = children;
    }

    @Override
    public void add(Slot slot) {
        byKey.computeIfAbsent(key.applyAsLong(slot), k -> children.get()).add(slot);
    }

    @Override
    public void remove(Slot slot) {
        long k = key.applyAsLong(slot);
        IndexNode child = byKey.get(k);
        child.remove(slot);
        if (child.isEmpty()) {
            byKey.remove(k);
        }
    }

    @Override
    public boolean isEmpty() {
        return byKey.isEmpty();
    }

    @Override
    public Slot best(long start) {
        Map.Entry<Long, IndexNode> first = byKey.firstEntry();
        return first.getValue().best(start);
    }
}

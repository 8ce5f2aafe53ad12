package dev.berth.scheduler.internal;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Spread over an attribute: one child per attribute value, kept in order of the value's task count. The best
 * instance comes from the values with the lowest count; when several share it, the levels below decide.
 * Counts are kept by the {@link SpreadAttributeRanker}, which tells this node when one changes.
 * Cost: O(log v + t log n) per query, t being the number of values tied at the lowest count.
 */
final class ValueNode implements IndexNode {

    private final SpreadAttributeRanker ranker;
    private final Supplier<IndexNode> children;
    private final SlotOrder tieBreak;
    private final Map<String, IndexNode> byValue = new HashMap<>();
    private final TreeSet<Bucket> byCount = new TreeSet<>();

    /** A non-empty child's position: its value's task count, then the value. */
    private record Bucket(long count, String value) implements Comparable<Bucket> {
        @Override
        public int compareTo(Bucket other) {
            int c = Long.compare(count, other.count);
            return c != 0 ? c : value.compareTo(other.value);
        }
    }

    ValueNode(SpreadAttributeRanker ranker, Supplier<IndexNode> children, SlotOrder tieBreak) {
        this.ranker = ranker;
        this.children = children;
        this.tieBreak = tieBreak;
    }

    @Override
    public void add(Slot slot) {
        String value = ranker.valueOf(slot);
        IndexNode child = byValue.get(value);
        if (child == null) {
            child = children.get();
            byValue.put(value, child);
            byCount.add(new Bucket(ranker.count(value), value));
            ranker.watch(value, this);
        }
        child.add(slot);
    }

    @Override
    public void remove(Slot slot) {
        String value = ranker.valueOf(slot);
        IndexNode child = byValue.get(value);
        child.remove(slot);
        if (child.isEmpty()) {
            byValue.remove(value);
            byCount.remove(new Bucket(ranker.count(value), value));
            ranker.unwatch(value, this);
        }
    }

    /** Moves a value's child after its count changed. */
    void recount(String value, long before, long after) {
        if (byCount.remove(new Bucket(before, value))) {
            byCount.add(new Bucket(after, value));
        }
    }

    @Override
    public boolean isEmpty() {
        return byValue.isEmpty();
    }

    @Override
    public Slot best(long start) {
        Iterator<Bucket> buckets = byCount.iterator();
        Bucket lowest = buckets.next();
        Slot best = byValue.get(lowest.value()).best(start);
        while (buckets.hasNext()) {
            Bucket next = buckets.next();
            if (next.count() != lowest.count()) {
                break;
            }
            Slot candidate = byValue.get(next.value()).best(start);
            if (tieBreak.compare(candidate, best, start) < 0) {
                best = candidate;
            }
        }
        return best;
    }
}

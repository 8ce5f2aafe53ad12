package dev.berth.scheduler.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code spread(attribute:<name>)}: instances whose attribute value has the fewest tasks of the group first.
 * It counts the group's tasks per value over every instance of the fleet, feasible or not; instances without
 * the attribute count as one more value.
 */
final class SpreadAttributeRanker implements Ranker {

    /** The value of instances that lack the attribute; attribute values are never empty. */
    private static final String ABSENT = "";

    private final String attribute;
    private final String group;
    private final Map<String, Value> values = new HashMap<>();
    /**
     * The instance detached for a change, and its count of the group's tasks then: the attach that follows applies
     * the net change, so a placement of another group moves no count.
     */
    private Slot detached;
    private int countWhenDetached;

    /** One attribute value: its task count and the index nodes to tell when the count changes. */
    private static final class Value {
        private long count;
        private final List<ValueNode> watchers = new ArrayList<>(1);
    }

    SpreadAttributeRanker(String attribute, String group) {
        this.attribute = attribute;
        this.group = group;
    }

    String valueOf(Slot slot) {
        return slot.attribute(attribute).orElse(ABSENT);
    }

    long count(String value) {
        Value v = values.get(value);
        return v == null ? 0 : v.count;
    }

    @Override
    public long key(Slot slot, long start) {
        return count(valueOf(slot));
    }

    @Override
    public IndexNode newNode(Supplier<IndexNode> children, SlotOrder tieBreak) {
        return new ValueNode(this, children, tieBreak);
    }

    @Override
    public void attach(Slot slot) {
        int before = slot == detached ? countWhenDetached : 0;
        detached = null;
        adjust(valueOf(slot), slot.tasksInGroup(group) - before);
    }

    /** Counts stay as they are until the instance is attached again; nothing reads them in between. */
    @Override
    public void detach(Slot slot) {
        detached = slot;
        countWhenDetached = slot.tasksInGroup(group);
    }

    /** Registers a node that holds instances with {@code value}, to be told when its count changes. */
    void watch(String value, ValueNode node) {
        values.computeIfAbsent(value, v -> new Value()).watchers.add(node);
    }

    void unwatch(String value, ValueNode node) {
        values.get(value).watchers.remove(node);
    }

    private void adjust(String value, long delta) {
        if (delta == 0) {
            return;
        }
        Value v = values.computeIfAbsent(value, k -> new Value());
        long before = v.count;
        v.count += delta;
        for (ValueNode node : v.watchers) {
            node.recount(value, before, v.count);
        }
    }
}

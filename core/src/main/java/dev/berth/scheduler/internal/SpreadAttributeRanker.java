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
    private final Map<String, Long> counts = new HashMap<>();
    private final Map<String, List<ValueNode>> watchers = new HashMap<>();

    SpreadAttributeRanker(String attribute, String group) {
        this.attribute = attribute;
        this.group = group;
    }

    String valueOf(Slot slot) {
        return slot.attribute(attribute).orElse(ABSENT);
    }

    long count(String value) {
        return counts.getOrDefault(value, 0L);
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
        adjust(valueOf(slot), slot.tasksInGroup(group));
    }

    @Override
    public void detach(Slot slot) {
        adjust(valueOf(slot), -slot.tasksInGroup(group));
    }

    /** Registers a node that holds instances with {@code value}, to be told when its count changes. */
    void watch(String value, ValueNode node) {
        watchers.computeIfAbsent(value, v -> new ArrayList<>(1)).add(node);
    }

    void unwatch(String value, ValueNode node) {
        List<ValueNode> nodes = watchers.get(value);
        nodes.remove(node);
        if (nodes.isEmpty()) {
            watchers.remove(value);
        }
    }

    private void adjust(String value, long delta) {
        if (delta == 0) {
            return;
        }
        long before = count(value);
        long after = before + delta;
        if (after == 0) {
            counts.remove(value);
        } else {
            counts.put(value, after);
        }
        for (ValueNode node : watchers.getOrDefault(value, List.of())) {
            node.recount(value, before, after);
        }
    }
}

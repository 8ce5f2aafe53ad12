package dev.berth.scheduler.internal;

import dev.berth.model.Rejection;
import dev.berth.model.RejectionReason;

/** {@code distinctInstance}: no task of the same group on the instance yet. */
final class DistinctInstanceFilter implements FeasibilityFilter {

    private final String group;

    DistinctInstanceFilter(String group) {
        this.group = group;
    }

    @Override
    public boolean accepts(Slot slot) {
        return slot.tasksInGroup(group) == 0;
    }

    @Override
    public Rejection rejection(Slot slot) {
        return new Rejection(RejectionReason.DISTINCT_INSTANCE, "already runs " + slot.tasksInGroup(group)
                + " task(s) of group " + group);
    }
}

package dev.berth.scheduler.internal;

import dev.berth.model.Rejection;
import dev.berth.model.RejectionReason;

/** The instance has at least the task's GPUs unreserved. */
final class GpuFilter implements FeasibilityFilter {

    private final int needed;

    GpuFilter(int needed) {
        this.needed = needed;
    }

    @Override
    public boolean accepts(Slot slot) {
        return slot.remainingGpus() >= needed;
    }

    @Override
    public Rejection rejection(Slot slot) {
        return new Rejection(RejectionReason.RESOURCE_GPU, "needs " + needed + " GPU" + (needed == 1 ? "" : "s")
                + ", " + slot.remainingGpus() + " remaining");
    }
}

package dev.berth.scheduler.internal;

import dev.berth.scheduler.InstanceStatus;
import dev.berth.scheduler.Rejection;
import dev.berth.scheduler.RejectionReason;

/** Only ACTIVE instances take new tasks. */
final class StatusFilter implements FeasibilityFilter {

    @Override
    public boolean accepts(Slot slot) {
        return slot.status() == InstanceStatus.ACTIVE;
    }

    @Override
    public Rejection rejection(Slot slot) {
        RejectionReason reason = slot.status() == InstanceStatus.DRAINING
                ? RejectionReason.DRAINING : RejectionReason.INACTIVE;
        return new Rejection(reason, "instance is " + slot.status());
    }
}

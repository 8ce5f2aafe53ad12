package dev.berth.scheduler.internal;

import dev.berth.model.InstanceStatus;
import dev.berth.model.Rejection;
import dev.berth.model.RejectionReason;

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

    @Override
    public boolean readsFactsOnly() {
        return true;
    }
}

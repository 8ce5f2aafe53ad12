package dev.berth.scheduler.internal;

import dev.berth.model.Rejection;
import dev.berth.model.RejectionReason;
import dev.berth.scheduler.RequiredAttribute;

/** The instance has an attribute the task definition requires, with the required value. */
final class RequiredAttributeFilter implements FeasibilityFilter {

    private final RequiredAttribute attribute;

    RequiredAttributeFilter(RequiredAttribute attribute) {
        this.attribute = attribute;
    }

    @Override
    public boolean accepts(Slot slot) {
        return attribute.isMetBy(slot);
    }

    @Override
    public Rejection rejection(Slot slot) {
        return new Rejection(RejectionReason.ATTRIBUTE, attribute.explain(slot));
    }

    @Override
    public boolean readsFactsOnly() {
        return true;
    }
}

package dev.berth.scheduler.internal;

import dev.berth.model.Rejection;
import dev.berth.model.RejectionReason;
import dev.berth.model.Resource;

/** The instance has at least the task's amount of one resource unreserved. */
final class ResourceFilter implements FeasibilityFilter {

    private final Resource resource;
    private final int needed;

    ResourceFilter(Resource resource, int needed) {
        this.resource = resource;
        this.needed = needed;
    }

    @Override
    public boolean accepts(Slot slot) {
        return slot.remaining(resource) >= needed;
    }

    @Override
    public Rejection rejection(Slot slot) {
        String unit = resource == Resource.CPU ? " CPU units" : " MiB";
        return new Rejection(resource == Resource.CPU ? RejectionReason.RESOURCE_CPU : RejectionReason.RESOURCE_MEMORY,
                "needs " + needed + unit + ", " + slot.remaining(resource) + " remaining");
    }
}

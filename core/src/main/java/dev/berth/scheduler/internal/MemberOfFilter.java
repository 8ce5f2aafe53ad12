package dev.berth.scheduler.internal;

import dev.berth.model.Rejection;
import dev.berth.model.RejectionReason;
import dev.berth.scheduler.query.ClusterQuery;

/** A {@code memberOf} constraint holds for the instance, with the tasks placed so far counted. */
final class MemberOfFilter implements FeasibilityFilter {

    private final ClusterQuery query;

    MemberOfFilter(ClusterQuery query) {
        this.query = query;
    }

    @Override
    public boolean accepts(Slot slot) {
        return query.matches(slot);
    }

    @Override
    public Rejection rejection(Slot slot) {
        return new Rejection(RejectionReason.ATTRIBUTE, "memberOf(" + query + ")");
    }

    @Override
    public boolean readsFactsOnly() {
        return !query.readsTasks();
    }
}

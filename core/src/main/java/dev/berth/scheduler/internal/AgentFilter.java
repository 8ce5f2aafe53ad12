package dev.berth.scheduler.internal;

import dev.berth.model.Rejection;
import dev.berth.model.RejectionReason;

/** Only instances with a connected agent take new tasks. */
final class AgentFilter implements FeasibilityFilter {

    @Override
    public boolean accepts(Slot slot) {
        return slot.agentConnected();
    }

    @Override
    public Rejection rejection(Slot slot) {
        return new Rejection(RejectionReason.AGENT, "container agent is disconnected");
    }

    @Override
    public boolean readsFactsOnly() {
        return true;
    }
}

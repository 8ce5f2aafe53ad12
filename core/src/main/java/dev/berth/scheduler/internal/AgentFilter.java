package dev.berth.scheduler.internal;

import dev.berth.scheduler.Rejection;
import dev.berth.scheduler.RejectionReason;

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
}

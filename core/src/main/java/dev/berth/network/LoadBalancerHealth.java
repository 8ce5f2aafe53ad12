package dev.berth.network;

import java.util.Objects;

/**
 * What a service's target groups say about one of its tasks, folded over the groups: unhealthy if any group says
 * so, else initial while any group still checks it, else healthy.
 *
 * @param state the folded state
 * @param targetGroupArn the group that decided it: the first that finds the task unhealthy (or still checks it);
 *     for a healthy task the first group
 */
public record LoadBalancerHealth(State state, String targetGroupArn) {

    /** A task's health in its target groups. */
    public enum State {
        /** Registered; the first checks have not passed yet. */
        INITIAL,
        /** Every group finds it healthy. */
        HEALTHY,
        /** A group finds it unhealthy. */
        UNHEALTHY
    }

    /**
     * @throws NullPointerException if a component is null
     */
    public LoadBalancerHealth {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(targetGroupArn, "targetGroupArn");
    }
}

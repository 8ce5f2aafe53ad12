package dev.berth.network;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A target group as it is now: its settings, where its listener is, and its targets' health.
 *
 * @param targetGroup the group as stored
 * @param listener where its listener accepts connections; empty until a service's tasks use the group, and on a
 *     backend that runs no listener of Berth's (the in-memory one)
 * @param targets its registered targets, draining ones included
 */
public record TargetGroupDescription(TargetGroup targetGroup, Optional<Endpoint> listener, List<TargetHealth> targets) {

    /**
     * @throws NullPointerException if a component is null
     */
    public TargetGroupDescription {
        Objects.requireNonNull(targetGroup, "targetGroup");
        Objects.requireNonNull(listener, "listener");
        targets = List.copyOf(targets);
    }

    /** @return its ARN */
    public String arn() {
        return targetGroup.arn();
    }
}

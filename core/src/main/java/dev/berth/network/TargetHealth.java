package dev.berth.network;

import java.util.Objects;
import java.util.Optional;

/**
 * One registered target of a target group and its health, as ELB's {@code TargetHealthDescription}.
 *
 * @param taskId the task the target belongs to
 * @param target where the balancer reaches it
 * @param state its state
 * @param reason ELB's reason code when it is not healthy, e.g. {@code Elb.InitialHealthChecking},
 *     {@code Target.ResponseCodeMismatch}, {@code Target.Timeout}, {@code Target.FailedHealthChecks},
 *     {@code Target.DeregistrationInProgress}
 * @param description what the last check saw, in words
 * @param activeConnections connections the balancer holds open to it now
 */
public record TargetHealth(String taskId, Endpoint target, TargetHealthState state, Optional<String> reason,
                           Optional<String> description, int activeConnections) {

    /**
     * @throws NullPointerException if a component is null
     */
    public TargetHealth {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(description, "description");
    }
}

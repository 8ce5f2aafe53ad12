package dev.berth.docker.internal;

import dev.berth.model.ContainerDependency;
import dev.berth.task.HealthStatus;
import dev.berth.task.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether one {@code dependsOn} condition holds, with ECS's rules (pure). As in ECS's agent, the deadline of a
 * COMPLETE, SUCCESS or HEALTHY condition is the dependency's start plus the dependency's own startTimeout; a
 * dependency that can no longer reach the condition (exited non-zero for SUCCESS, exited at all for HEALTHY) fails
 * at once.
 *
 * @param verdict whether the condition holds, may still hold, or never will
 * @param reason why it failed; empty otherwise
 */
public record DependencyCheck(Verdict verdict, String reason) {

    /** The outcome of a check. */
    public enum Verdict {
        /** The condition holds: the dependent may start. */
        SATISFIED,
        /** Not yet, and still possible before the deadline. */
        WAITING,
        /** It will never hold: the dependent must not start. */
        FAILED
    }

    /**
     * @throws NullPointerException if a component is null
     */
    public DependencyCheck {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(reason, "reason");
    }

    /**
     * @param dependency the condition
     * @param target the dependency container's current state; empty while it has not been started
     * @param startedAt when the dependency was started; empty while it has not been started
     * @param startTimeout the dependency's startTimeout (or the backend's default)
     * @param now the current time
     * @return the verdict
     */
    public static DependencyCheck evaluate(ContainerDependency dependency, Optional<ContainerObservation> target,
                                           Optional<Instant> startedAt, Duration startTimeout, Instant now) {
        if (target.isEmpty() || startedAt.isEmpty()) {
            return waiting();
        }
        ContainerObservation c = target.get();
        String name = "dependency '" + dependency.containerName() + "'";
        boolean stopped = c.status() == TaskStatus.STOPPED;
        switch (dependency.condition()) {
            case START:
                return c.status() == TaskStatus.PENDING ? waiting() : satisfied();
            case COMPLETE:
                if (stopped) {
                    return satisfied();
                }
                break;
            case SUCCESS:
                if (stopped) {
                    int code = c.exitCode().orElse(-1);
                    return code == 0 ? satisfied()
                            : failed(name + " exited with code " + code + " but the condition is SUCCESS (exit 0)");
                }
                break;
            case HEALTHY:
                if (c.health() == HealthStatus.HEALTHY && !stopped) {
                    return satisfied();
                }
                if (stopped) {
                    return failed(name + " exited before it was HEALTHY");
                }
                break;
            default:
                throw new IllegalStateException("unknown condition " + dependency.condition());
        }
        if (now.isAfter(startedAt.get().plus(startTimeout))) {
            return failed(name + " did not reach " + dependency.condition() + " within its startTimeout of "
                    + startTimeout.toSeconds() + " s");
        }
        return waiting();
    }

    private static DependencyCheck satisfied() {
        return new DependencyCheck(Verdict.SATISFIED, "");
    }

    private static DependencyCheck waiting() {
        return new DependencyCheck(Verdict.WAITING, "");
    }

    private static DependencyCheck failed(String reason) {
        return new DependencyCheck(Verdict.FAILED, reason);
    }
}

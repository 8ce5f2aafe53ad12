package dev.berth.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A registered revision of a task definition, {@code family:revision}.
 *
 * @param arn e.g. {@code arn:aws:ecs:eu-west-1:123456789012:task-definition/web:3}
 * @param revision 1 for the first registration of the family, then the next integer; never reused
 * @param status whether new tasks may start from it
 * @param definition what was registered
 * @param registeredAt when it was registered
 * @param deregisteredAt when it was deregistered, if it was
 */
public record RegisteredTaskDefinition(String arn, int revision, TaskDefinitionStatus status,
                                       TaskDefinition definition, Instant registeredAt,
                                       Optional<Instant> deregisteredAt) {

    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException if a component is out of its range; the message names it
     * @throws NullPointerException if a required component is null
     */
    public RegisteredTaskDefinition {
        Objects.requireNonNull(arn, "arn");
        if (revision < 1) {
            throw new IllegalArgumentException("revision must be >= 1, was " + revision);
        }
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(registeredAt, "registeredAt");
        Objects.requireNonNull(deregisteredAt, "deregisteredAt");
    }

    /** @return the family name */
    public String family() {
        return definition.family();
    }

    /** @return the reference to exactly this revision, {@code family:revision} */
    public TaskDefinitionRef ref() {
        return TaskDefinitionRef.of(family(), revision);
    }

    /**
     * @param newStatus the new status
     * @param newDeregisteredAt when it was deregistered; empty while ACTIVE
     * @return a copy with another status (and deregistration time)
     */
    public RegisteredTaskDefinition withStatus(TaskDefinitionStatus newStatus, Optional<Instant> newDeregisteredAt) {
        return new RegisteredTaskDefinition(arn, revision, newStatus, definition, registeredAt, newDeregisteredAt);
    }
}

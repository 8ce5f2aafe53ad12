package dev.berth.scheduler.query;

import dev.berth.model.InstanceAttributes;
import java.util.Objects;

/**
 * What a comparison tests: an attribute of the instance or one of the built-in subjects of ECS's cluster query
 * language.
 *
 * @param kind the subject
 * @param attributeName the attribute name for {@link Kind#ATTRIBUTE}; empty for every other kind
 */
public record Subject(Kind kind, String attributeName) {

    /** Attribute names as ECS allows them: 1 to 128 letters, digits, {@code -_/.}. */

    /** The subjects of the language, with their spelling. */
    public enum Kind {
        /** {@code attribute:<name>}: an instance attribute, built-in ({@code ecs.*}) or custom. */
        ATTRIBUTE("attribute:"),
        /** {@code task:group}: the groups of the tasks running on the instance. */
        TASK_GROUP("task:group"),
        /** {@code agentConnected}: whether the instance's agent is connected. */
        AGENT_CONNECTED("agentConnected"),
        /** {@code agentVersion}: the version of the instance's agent. */
        AGENT_VERSION("agentVersion"),
        /** {@code ec2InstanceId}: the instance's EC2 id. */
        EC2_INSTANCE_ID("ec2InstanceId"),
        /** {@code registeredAt}: when the instance registered. */
        REGISTERED_AT("registeredAt"),
        /** {@code runningTasksCount}: how many tasks run on the instance. */
        RUNNING_TASKS_COUNT("runningTasksCount");

        private final String spelling;

        Kind(String spelling) {
            this.spelling = spelling;
        }

        /** @return how the subject is written; for {@link #ATTRIBUTE} the prefix {@code attribute:} */
        public String spelling() {
            return spelling;
        }
    }

    /**
     * @throws IllegalArgumentException if an attribute subject has an invalid name, or another kind has a name
     */
    public Subject {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(attributeName, "attributeName");
        if (kind == Kind.ATTRIBUTE && !InstanceAttributes.isValidName(attributeName)) {
            throw new IllegalArgumentException("attribute names are 1 to 128 letters, digits, '-', '_', '/' or '.',"
                    + " was '" + attributeName + "'");
        }
        if (kind != Kind.ATTRIBUTE && !attributeName.isEmpty()) {
            throw new IllegalArgumentException(kind + " takes no attribute name");
        }
    }

    /**
     * @param name the attribute's name
     * @return the subject {@code attribute:<name>}
     */
    public static Subject attribute(String name) {
        return new Subject(Kind.ATTRIBUTE, name);
    }

    /**
     * @param kind any kind but ATTRIBUTE
     * @return a built-in subject other than {@code attribute:}
     */
    public static Subject of(Kind kind) {
        return new Subject(kind, "");
    }


    /** @return the subject as written in an expression, e.g. {@code attribute:ecs.instance-type} */
    @Override
    public String toString() {
        return kind.spelling() + attributeName;
    }
}

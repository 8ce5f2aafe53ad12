package dev.berth.model;

import java.util.Objects;
import java.util.Optional;

/**
 * A binding placement rule. A task definition may hold only {@link Type#MEMBER_OF} constraints; tasks and
 * services may add {@link Type#DISTINCT_INSTANCE}. At most 10 apply to one task.
 *
 * @param type the constraint type
 * @param expression a cluster-query-language expression for {@code memberOf} (at most 2,000 characters);
 *     empty for {@code distinctInstance}
 */
public record PlacementConstraint(Type type, Optional<String> expression) {

    /** Constraint types, with ECS's spelling. */
    public enum Type {
        /** Each task of the group on a different container instance. */
        DISTINCT_INSTANCE("distinctInstance"),
        /** Only instances that satisfy a cluster query expression. */
        MEMBER_OF("memberOf");

        private final String ecsName;

        Type(String ecsName) {
            this.ecsName = ecsName;
        }

        /** @return ECS's spelling, {@code distinctInstance} or {@code memberOf} */
        public String ecsName() {
            return ecsName;
        }
    }

    /**
     * Checks that every component is present.
     *
     * @throws NullPointerException if a required component is null
     */
    public PlacementConstraint {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(expression, "expression");
    }

    /**
     * @param expression e.g. {@code attribute:ecs.availability-zone in [eu-west-1a, eu-west-1b]}
     * @return a {@code memberOf} constraint with the given cluster-query-language expression
     */
    public static PlacementConstraint memberOf(String expression) {
        return new PlacementConstraint(Type.MEMBER_OF, Optional.of(expression));
    }

    /** @return a {@code distinctInstance} constraint */
    public static PlacementConstraint distinctInstance() {
        return new PlacementConstraint(Type.DISTINCT_INSTANCE, Optional.empty());
    }
}

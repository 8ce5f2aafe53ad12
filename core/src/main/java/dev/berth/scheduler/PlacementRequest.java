package dev.berth.scheduler;

import dev.berth.exception.InvalidSpecException;
import dev.berth.exception.SpecProblem;
import dev.berth.model.PlacementConstraint;
import dev.berth.model.PlacementStrategy;
import dev.berth.model.TaskDefinition;
import dev.berth.scheduler.query.ClusterQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What to place: {@code count} tasks of one group with the same reservation, under up to ten constraints and
 * up to five strategies. Built with {@link #builder}; {@code memberOf} expressions are parsed when it is built.
 *
 * <pre>{@code
 * PlacementRequest request = PlacementRequest.forTaskDefinition(web, "service:web")
 *     .count(3)
 *     .strategies(PlacementStrategy.serviceDefaults())
 *     .constraint(PlacementConstraint.distinctInstance())
 *     .build();
 * }</pre>
 */
public final class PlacementRequest {

    /** ECS's limit on strategies per request. */
    public static final int MAX_STRATEGIES = 5;
    /** ECS's limit on constraints per task, those of the task definition included. */
    public static final int MAX_CONSTRAINTS = 10;
    private static final int MAX_GROUP_LENGTH = 255;

    private final TaskReservation reservation;
    private final String group;
    private final int count;
    private final List<PlacementStrategy> strategies;
    private final List<PlacementConstraint> constraints;
    private final List<ClusterQuery> memberOf;
    private final boolean distinctInstance;
    private final List<RequiredAttribute> requiredAttributes;

    private PlacementRequest(Builder builder) {
        reservation = builder.reservation;
        group = builder.group;
        count = builder.count;
        strategies = List.copyOf(builder.strategies);
        constraints = List.copyOf(builder.constraints);
        requiredAttributes = List.copyOf(builder.requiredAttributes);
        List<SpecProblem> problems = problems();
        if (!problems.isEmpty()) {
            throw new InvalidSpecException("placement request for group '" + group + "'", problems);
        }
        List<ClusterQuery> queries = new ArrayList<>();
        boolean distinct = false;
        for (PlacementConstraint constraint : constraints) {
            if (constraint.type() == PlacementConstraint.Type.MEMBER_OF) {
                queries.add(ClusterQuery.parse(constraint.expression().orElseThrow()));
            } else {
                distinct = true;
            }
        }
        memberOf = List.copyOf(queries);
        distinctInstance = distinct;
    }

    /**
     * @param reservation what each task reserves
     * @param group the task group: {@code service:<name>} for service tasks, {@code family:<family>} by default
     *     for RunTask
     * @return a builder of a request for one task with no strategies (ties broken at random) and no constraints
     */
    public static Builder builder(TaskReservation reservation, String group) {
        return new Builder(reservation, group);
    }

    /**
     * @param definition the task definition; its reservation (GPUs included), its {@code memberOf} constraints and
     *     the attributes it requires ({@link RequiredAttribute#of}) are used
     * @param group the task group
     * @return a builder as {@link #builder} with the definition's constraints and required attributes added
     */
    public static Builder forTaskDefinition(TaskDefinition definition, String group) {
        return builder(TaskReservation.of(definition), group).constraints(definition.placementConstraints())
                .requiredAttributes(RequiredAttribute.of(definition));
    }

    /** @return what each task reserves */
    public TaskReservation reservation() {
        return reservation;
    }

    /** @return the task group the tasks join */
    public String group() {
        return group;
    }

    /** @return how many tasks to place */
    public int count() {
        return count;
    }

    /** @return the strategies in evaluation order */
    public List<PlacementStrategy> strategies() {
        return strategies;
    }

    /** @return every constraint, the task definition's included */
    public List<PlacementConstraint> constraints() {
        return constraints;
    }

    /** @return the parsed {@code memberOf} expressions, in the order of {@link #constraints()} */
    public List<ClusterQuery> memberOf() {
        return memberOf;
    }

    /** @return whether a {@code distinctInstance} constraint applies */
    public boolean distinctInstance() {
        return distinctInstance;
    }

    /** @return the attributes an instance must have, which the task definition needs; they are not constraints */
    public List<RequiredAttribute> requiredAttributes() {
        return requiredAttributes;
    }

    @Override
    public String toString() {
        return "PlacementRequest[group=" + group + ", count=" + count + ", reservation=" + reservation
                + ", strategies=" + strategies + ", constraints=" + constraints
                + (requiredAttributes.isEmpty() ? "" : ", requiredAttributes=" + requiredAttributes) + "]";
    }

    private List<SpecProblem> problems() {
        List<SpecProblem> problems = new ArrayList<>();
        if (group.isEmpty() || group.length() > MAX_GROUP_LENGTH) {
            problems.add(new SpecProblem("group", "group.length", group, "a task group has 1 to 255 characters"));
        }
        if (count < 1) {
            problems.add(new SpecProblem("count", "count.range", String.valueOf(count), "count must be at least 1"));
        }
        if (strategies.size() > MAX_STRATEGIES) {
            problems.add(new SpecProblem("placementStrategy", "placementStrategy.limit",
                    String.valueOf(strategies.size()), "at most 5 placement strategies are allowed"));
        }
        if (constraints.size() > MAX_CONSTRAINTS) {
            problems.add(new SpecProblem("placementConstraints", "placementConstraints.limit",
                    String.valueOf(constraints.size()),
                    "at most 10 placement constraints are allowed, the task definition's included"));
        }
        for (int i = 0; i < constraints.size(); i++) {
            PlacementConstraint constraint = constraints.get(i);
            boolean memberOf = constraint.type() == PlacementConstraint.Type.MEMBER_OF;
            if (memberOf == constraint.expression().isEmpty()) {
                problems.add(new SpecProblem("placementConstraints[" + i + "].expression",
                        "placementConstraints.expression", constraint.expression().orElse(""),
                        memberOf ? "memberOf needs an expression" : "distinctInstance takes no expression"));
            }
        }
        return problems;
    }

    /** Builds a {@link PlacementRequest}; validation and parsing happen in {@link #build()}. */
    public static final class Builder {
        private final TaskReservation reservation;
        private final String group;
        private int count = 1;
        private final List<PlacementStrategy> strategies = new ArrayList<>();
        private final List<PlacementConstraint> constraints = new ArrayList<>();
        private final List<RequiredAttribute> requiredAttributes = new ArrayList<>();

        private Builder(TaskReservation reservation, String group) {
            this.reservation = Objects.requireNonNull(reservation, "reservation");
            this.group = Objects.requireNonNull(group, "group");
        }

        /**
         * @param value how many tasks to place, at least 1
         * @return this builder
         */
        public Builder count(int value) {
            count = value;
            return this;
        }

        /**
         * Appends a strategy.
         *
         * @param strategy the strategy; later ones break ties of earlier ones
         * @return this builder
         */
        public Builder strategy(PlacementStrategy strategy) {
            strategies.add(Objects.requireNonNull(strategy, "strategy"));
            return this;
        }

        /**
         * Appends strategies in order.
         *
         * @param values the strategies, in order
         * @return this builder
         */
        public Builder strategies(List<PlacementStrategy> values) {
            values.forEach(this::strategy);
            return this;
        }

        /**
         * Adds a constraint.
         *
         * @param constraint the constraint
         * @return this builder
         */
        public Builder constraint(PlacementConstraint constraint) {
            constraints.add(Objects.requireNonNull(constraint, "constraint"));
            return this;
        }

        /**
         * Adds constraints.
         *
         * @param values the constraints
         * @return this builder
         */
        public Builder constraints(List<PlacementConstraint> values) {
            values.forEach(this::constraint);
            return this;
        }

        /**
         * Adds a {@code memberOf} constraint.
         *
         * @param expression a cluster query expression
         * @return this builder
         */
        public Builder memberOf(String expression) {
            return constraint(PlacementConstraint.memberOf(expression));
        }

        /**
         * Adds attributes an instance must have (they do not count against the ten constraints).
         *
         * @param values the required attributes
         * @return this builder
         */
        public Builder requiredAttributes(List<RequiredAttribute> values) {
            values.forEach(v -> requiredAttributes.add(Objects.requireNonNull(v, "requiredAttribute")));
            return this;
        }

        /**
         * @return the request
         * @throws InvalidSpecException if a limit is exceeded or a constraint is malformed
         * @throws dev.berth.exception.QuerySyntaxException if a {@code memberOf} expression does not parse
         */
        public PlacementRequest build() {
            return new PlacementRequest(this);
        }
    }
}

package dev.berth.task;

import dev.berth.model.ContainerOverride;
import dev.berth.model.PlacementConstraint;
import dev.berth.model.PlacementStrategy;
import dev.berth.model.TaskDefinitionRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Standalone tasks to run, as ECS's {@code RunTask} takes them.
 *
 * @param taskDefinition the revision (or family: its latest ACTIVE revision)
 * @param count 1 to 10 tasks
 * @param group the tasks' group; empty = {@code family:<family>}
 * @param startedBy who starts them, up to 128 letters, digits, hyphens, slashes and underscores
 * @param overrides per-container command and environment overrides
 * @param placementStrategies empty = ECS's RunTask default, random
 * @param placementConstraints added to the task definition's
 */
public record RunTaskRequest(TaskDefinitionRef taskDefinition, int count, Optional<String> group,
                             Optional<String> startedBy, List<ContainerOverride> overrides,
                             List<PlacementStrategy> placementStrategies,
                             List<PlacementConstraint> placementConstraints) {

    /** ECS's limit of tasks per RunTask call. */
    public static final int MAX_COUNT = 10;

    /**
     * @throws IllegalArgumentException if {@code count} is not 1 to 10 or {@code startedBy} is malformed
     */
    public RunTaskRequest {
        Objects.requireNonNull(taskDefinition, "taskDefinition");
        if (count < 1 || count > MAX_COUNT) {
            throw new IllegalArgumentException("count must be 1 to " + MAX_COUNT + ", was " + count);
        }
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(startedBy, "startedBy");
        startedBy.ifPresent(s -> {
            if (!s.matches("[A-Za-z0-9/_-]{1,128}")) {
                throw new IllegalArgumentException(
                        "startedBy must be 1-128 letters, digits, hyphens, slashes and underscores, was '" + s + "'");
            }
        });
        overrides = List.copyOf(overrides);
        placementStrategies = List.copyOf(placementStrategies);
        placementConstraints = List.copyOf(placementConstraints);
    }

    /**
     * @param taskDefinition the family or revision to run
     * @return a builder for tasks of {@code taskDefinition}, one by default
     */
    public static Builder builder(TaskDefinitionRef taskDefinition) {
        return new Builder(taskDefinition);
    }

    /** Builds a {@link RunTaskRequest}. */
    public static final class Builder {
        private final TaskDefinitionRef taskDefinition;
        private int count = 1;
        private Optional<String> group = Optional.empty();
        private Optional<String> startedBy = Optional.empty();
        private final List<ContainerOverride> overrides = new ArrayList<>();
        private final List<PlacementStrategy> strategies = new ArrayList<>();
        private final List<PlacementConstraint> constraints = new ArrayList<>();

        private Builder(TaskDefinitionRef taskDefinition) {
            this.taskDefinition = taskDefinition;
        }

        /**
         * @param value 1 to 10
         * @return this builder
         */
        public Builder count(int value) {
            count = value;
            return this;
        }

        /**
         * @param value the tasks' group
         * @return this builder
         */
        public Builder group(String value) {
            group = Optional.of(value);
            return this;
        }

        /**
         * @param value who starts them
         * @return this builder
         */
        public Builder startedBy(String value) {
            startedBy = Optional.of(value);
            return this;
        }

        /**
         * Adds a per-container override.
         *
         * @param override changes to one container of the task definition
         * @return this builder
         */
        public Builder override(ContainerOverride override) {
            overrides.add(Objects.requireNonNull(override, "override"));
            return this;
        }

        /**
         * Adds a placement strategy.
         *
         * @param strategy applied after the ones added before, which it only breaks ties of
         * @return this builder
         */
        public Builder placementStrategy(PlacementStrategy strategy) {
            strategies.add(Objects.requireNonNull(strategy, "strategy"));
            return this;
        }

        /**
         * Adds a placement constraint.
         *
         * @param constraint a constraint each placement must satisfy, besides the task definition's
         * @return this builder
         */
        public Builder placementConstraint(PlacementConstraint constraint) {
            constraints.add(Objects.requireNonNull(constraint, "constraint"));
            return this;
        }

        /**
         * @return the request
         * @throws IllegalArgumentException if the count is not 1 to {@value RunTaskRequest#MAX_COUNT}, or startedBy
         *     is not 1-128 letters, digits, hyphens, slashes and underscores
         */
        public RunTaskRequest build() {
            return new RunTaskRequest(taskDefinition, count, group, startedBy, overrides, strategies, constraints);
        }
    }
}

package dev.berth.aws.internal;

import dev.berth.model.PlacementConstraint;
import dev.berth.model.PlacementStrategy;
import java.util.List;
import software.amazon.awssdk.services.ecs.model.PlacementConstraintType;
import software.amazon.awssdk.services.ecs.model.PlacementStrategyType;

/** Berth's placement strategies and constraints as ECS's, for RunTask, CreateService and UpdateService. */
public final class PlacementMapper {

    private PlacementMapper() {
    }

    /**
     * @param strategies Berth's strategies, in order
     * @return ECS's, in the same order
     */
    public static List<software.amazon.awssdk.services.ecs.model.PlacementStrategy> strategies(
            List<PlacementStrategy> strategies) {
        return strategies.stream().map(s -> {
            var builder = software.amazon.awssdk.services.ecs.model.PlacementStrategy.builder()
                    .type(switch (s.type()) {
                        case BINPACK -> PlacementStrategyType.BINPACK;
                        case SPREAD -> PlacementStrategyType.SPREAD;
                        case RANDOM -> PlacementStrategyType.RANDOM;
                    });
            s.field().ifPresent(builder::field);
            return builder.build();
        }).toList();
    }

    /**
     * @param constraints Berth's constraints
     * @return ECS's, in the same order
     */
    public static List<software.amazon.awssdk.services.ecs.model.PlacementConstraint> constraints(
            List<PlacementConstraint> constraints) {
        return constraints.stream().map(c -> {
            var builder = software.amazon.awssdk.services.ecs.model.PlacementConstraint.builder()
                    .type(c.type() == PlacementConstraint.Type.DISTINCT_INSTANCE
                            ? PlacementConstraintType.DISTINCT_INSTANCE : PlacementConstraintType.MEMBER_OF);
            c.expression().ifPresent(builder::expression);
            return builder.build();
        }).toList();
    }
}

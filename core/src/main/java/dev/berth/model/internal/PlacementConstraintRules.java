package dev.berth.model.internal;

import dev.berth.model.PlacementConstraint;
import java.util.List;

/**
 * Rules for a task definition's {@code placementConstraints}
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-placement-constraints.html): at most 10, only
 * {@code memberOf}, with an expression of 1 to 2,000 characters. The expression's query language is parsed by the
 * scheduler, not here.
 */
final class PlacementConstraintRules {

    private static final int MAX_CONSTRAINTS = 10;
    private static final int MAX_EXPRESSION_LENGTH = 2000;
    private static final String PATH = "placementConstraints";

    private PlacementConstraintRules() {
    }

    static void check(List<PlacementConstraint> constraints, Problems problems) {
        if (constraints.size() > MAX_CONSTRAINTS) {
            problems.add(PATH, Rule.PLACEMENT_TOO_MANY, constraints.size(), constraints.size());
        }
        for (int i = 0; i < constraints.size(); i++) {
            PlacementConstraint constraint = constraints.get(i);
            String path = Problems.element(PATH, i);
            if (constraint.type() != PlacementConstraint.Type.MEMBER_OF) {
                problems.add(path + ".type", Rule.PLACEMENT_TYPE, constraint.type().ecsName());
                continue;
            }
            String expression = constraint.expression().orElse("");
            if (expression.isBlank()) {
                problems.add(path + ".expression", Rule.PLACEMENT_EXPRESSION_EMPTY, expression);
            } else if (expression.length() > MAX_EXPRESSION_LENGTH) {
                problems.add(path + ".expression", Rule.PLACEMENT_EXPRESSION_TOO_LONG, expression,
                        expression.length());
            }
        }
    }
}

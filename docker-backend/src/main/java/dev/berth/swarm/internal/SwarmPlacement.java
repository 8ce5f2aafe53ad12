package dev.berth.swarm.internal;

import dev.berth.exception.InvalidSpecException;
import dev.berth.exception.SpecProblem;
import dev.berth.model.PlacementConstraint;
import dev.berth.model.PlacementStrategy;
import dev.berth.scheduler.query.ClusterQuery;
import dev.berth.scheduler.query.Comparison;
import dev.berth.scheduler.query.Expression;
import dev.berth.scheduler.query.Operator;
import dev.berth.scheduler.query.Subject;
import dev.berth.exception.QuerySyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * ECS placement rules as Swarm's placement (pure): constraints, spread preferences and a per-node replica limit.
 * Swarm's constraints are a conjunction of equalities ({@code key==value}, {@code key!=value}) on node fields and
 * labels, its only strategy is to spread (over nodes by default, or over a label's values), and it can limit a
 * service's replicas per node. So:
 * <ul>
 *   <li>{@code memberOf}: {@code ==}, {@code !=}, {@code in} with one value, {@code !in}, {@code not}, {@code and},
 *       on attributes Swarm knows ({@link NodeAttributes#constraintKey}) translate; {@code or}, {@code in} with
 *       several values, {@code exists}, ordering, patterns and the subjects {@code task:group},
 *       {@code agentVersion}, {@code ec2InstanceId}, {@code registeredAt} and {@code runningTasksCount} are refused,
 *       each with the reason. {@code agentConnected == true} needs nothing: Swarm places only on ready nodes.</li>
 *   <li>{@code distinctInstance}: at most one replica per node ({@code MaxReplicas: 1}), for services.</li>
 *   <li>{@code spread(instanceId)} and {@code spread(host)}: Swarm's own behaviour, nothing to add;
 *       {@code spread(attribute:x)}: a spread preference over the node (or engine) label behind {@code x};
 *       {@code binpack} and {@code random}: refused, Swarm's scheduler has neither.</li>
 *   <li>No strategy for a service: ECS's default, spread over zones ({@link NodeAttributes#ZONE_LABEL}), then
 *       over nodes.</li>
 * </ul>
 *
 * @param constraints Swarm constraints, all of which must hold
 * @param spreadOver spread descriptors, e.g. {@code node.labels.ecs.availability-zone}, in order
 * @param maxReplicasPerNode at most this many of the service's tasks per node; 0 for no limit
 */
public record SwarmPlacement(List<String> constraints, List<String> spreadOver, int maxReplicasPerNode) {

    static final String CLIENT_SCHEDULED_HINT = "; use SwarmBackendConfig.Mode.CLIENT_SCHEDULED, where Berth's "
            + "scheduler places each task on a node";

    public SwarmPlacement {
        constraints = List.copyOf(constraints);
        spreadOver = List.copyOf(spreadOver);
        if (maxReplicasPerNode < 0) {
            throw new IllegalArgumentException("maxReplicasPerNode must be 0 or more, was " + maxReplicasPerNode);
        }
    }

    /** @return placement on exactly one node */
    public static SwarmPlacement pinned(String nodeId) {
        return new SwarmPlacement(List.of(NodeAttributes.NODE_ID + "==" + nodeId), List.of(), 0);
    }

    /**
     * @param constraints the task definition's and the service's constraints
     * @param strategies the service's strategies; empty for ECS's default
     * @return the service's placement on Swarm
     * @throws InvalidSpecException naming every rule Swarm cannot express, and why
     */
    public static SwarmPlacement forService(List<PlacementConstraint> constraints, List<PlacementStrategy> strategies) {
        Translation t = new Translation();
        t.constraints(constraints, true);
        t.strategies(strategies.isEmpty() ? PlacementStrategy.serviceDefaults() : strategies);
        return t.result("the service's placement");
    }

    /**
     * @param constraints the task definition's and the request's constraints
     * @param strategies the request's strategies; empty for Swarm's default (spread)
     * @return the placement of each task of a RunTask, which Swarm places one by one
     * @throws InvalidSpecException naming every rule Swarm cannot express, and why
     */
    public static SwarmPlacement forRunTask(List<PlacementConstraint> constraints,
                                            List<PlacementStrategy> strategies) {
        Translation t = new Translation();
        t.constraints(constraints, false);
        t.strategies(strategies);
        return t.result("the RunTask placement");
    }

    /** Collects the Swarm rules and every problem, so that all are reported at once. */
    private static final class Translation {
        private final List<String> constraints = new ArrayList<>();
        private final List<String> spread = new ArrayList<>();
        private final List<SpecProblem> problems = new ArrayList<>();
        private int maxReplicas;

        void constraints(List<PlacementConstraint> rules, boolean service) {
            for (int i = 0; i < rules.size(); i++) {
                PlacementConstraint rule = rules.get(i);
                String path = "placementConstraints[" + i + "]";
                if (rule.type() == PlacementConstraint.Type.DISTINCT_INSTANCE) {
                    if (service) {
                        maxReplicas = 1;
                    } else {
                        problem(path + ".type", "swarm.placement.distinctInstance", "distinctInstance",
                                "Swarm places each task of a RunTask as a service of its own and cannot keep them on"
                                        + " distinct nodes" + CLIENT_SCHEDULED_HINT);
                    }
                    continue;
                }
                String expression = rule.expression().orElse("");
                try {
                    translate(ClusterQuery.parse(expression).expression(), path + ".expression");
                } catch (QuerySyntaxException e) {
                    problem(path + ".expression", "swarm.placement.syntax", expression, e.getMessage());
                }
            }
        }

        void strategies(List<PlacementStrategy> strategies) {
            for (int i = 0; i < strategies.size(); i++) {
                PlacementStrategy s = strategies.get(i);
                String path = "placementStrategy[" + i + "]";
                String field = s.field().orElse("");
                switch (s.type()) {
                    case BINPACK -> problem(path, "swarm.placement.binpack", "binpack(" + field + ")",
                            "Swarm's scheduler cannot binpack: it spreads a service's tasks over the nodes"
                                    + CLIENT_SCHEDULED_HINT);
                    case RANDOM -> problem(path, "swarm.placement.random", "random",
                            "Swarm's scheduler has no random strategy: it spreads tasks over the nodes; leave the"
                                    + " strategy out for that" + CLIENT_SCHEDULED_HINT);
                    case SPREAD -> spread(path, field);
                }
            }
        }

        private void spread(String path, String field) {
            if (field.equals(PlacementStrategy.INSTANCE_ID) || field.equals(PlacementStrategy.HOST)) {
                return; // Swarm spreads a service's tasks over nodes by itself
            }
            String attribute = field.substring("attribute:".length());
            Optional<String> key = NodeAttributes.constraintKey(attribute)
                    .filter(k -> k.startsWith("node.labels.") || k.startsWith(NodeAttributes.ENGINE_LABELS));
            if (key.isEmpty()) {
                problem(path + ".field", "swarm.placement.spread", field, "Swarm spreads over node or engine labels"
                        + " only, and " + attribute + " is none; spread over a custom attribute (a node label)"
                        + " instead");
                return;
            }
            spread.add(key.get());
        }

        private void translate(Expression e, String path) {
            if (e instanceof Expression.And and) {
                and.operands().forEach(o -> translate(o, path));
            } else if (e instanceof Expression.Or) {
                problem(path, "swarm.placement.or", "or", "Swarm's constraints must all hold: 'or' cannot be"
                        + " expressed; use a node label that marks the nodes either side allows");
            } else if (e instanceof Expression.Not not) {
                if (not.operand() instanceof Comparison c && negatable(c.operator())) {
                    comparison(c, true, path);
                } else {
                    problem(path, "swarm.placement.not", "not", "Swarm can negate a single equality only");
                }
            } else {
                comparison((Comparison) e, false, path);
            }
        }

        private static boolean negatable(Operator op) {
            return op == Operator.EQUALS || op == Operator.NOT_EQUALS || op == Operator.IN || op == Operator.NOT_IN;
        }

        private void comparison(Comparison c, boolean negated, String path) {
            Subject subject = c.subject();
            if (subject.kind() == Subject.Kind.AGENT_CONNECTED) {
                boolean wantsConnected = (c.operator() == Operator.EQUALS) != negated
                        && c.arguments().equals(List.of("true"));
                if (!wantsConnected) {
                    problem(path, "swarm.placement.agentConnected", ClusterQuery.of(c).toString(), "Swarm places tasks only on"
                            + " ready nodes, so only agentConnected == true can hold");
                }
                return;
            }
            if (subject.kind() != Subject.Kind.ATTRIBUTE) {
                problem(path, "swarm.placement.subject", subject.toString(), "Swarm's constraints compare node"
                        + " fields and labels only, not " + subject.kind().spelling());
                return;
            }
            Optional<String> key = NodeAttributes.constraintKey(subject.attributeName());
            if (key.isEmpty()) {
                problem(path, "swarm.placement.attribute", subject.toString(), "Swarm nodes have no field or label"
                        + " for " + subject.attributeName());
                return;
            }
            boolean equal = switch (c.operator()) {
                case EQUALS -> true;
                case NOT_EQUALS, NOT_IN -> false;
                case IN -> {
                    if (c.arguments().size() > 1) {
                        problem(path, "swarm.placement.in", ClusterQuery.of(c).toString(), "Swarm's constraints must all hold: 'in'"
                                + " with several values is an 'or' and cannot be expressed");
                        yield true;
                    }
                    yield true;
                }
                default -> {
                    problem(path, "swarm.placement.operator", c.operator().symbol(), "Swarm's constraints compare"
                            + " for equality only, not with " + c.operator().symbol());
                    yield true;
                }
            };
            if (negated && c.arguments().size() > 1) {
                problem(path, "swarm.placement.not", "not", "Swarm can negate a single equality only");
                return;
            }
            boolean positive = equal != negated;
            for (String argument : c.arguments()) {
                constraints.add(key.get() + (positive ? "==" : "!=")
                        + NodeAttributes.constraintValue(subject.attributeName(), argument));
            }
        }

        private void problem(String path, String rule, String value, String message) {
            problems.add(new SpecProblem(path, rule, value, message));
        }

        SwarmPlacement result(String subject) {
            if (!problems.isEmpty()) {
                throw new InvalidSpecException(subject + " on Docker Swarm", problems);
            }
            return new SwarmPlacement(constraints, spread, maxReplicas);
        }
    }
}

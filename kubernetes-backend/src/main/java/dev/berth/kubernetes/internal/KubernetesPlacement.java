package dev.berth.kubernetes.internal;

import dev.berth.exception.InvalidSpecException;
import dev.berth.exception.QuerySyntaxException;
import dev.berth.exception.SpecProblem;
import dev.berth.model.PlacementConstraint;
import dev.berth.model.PlacementStrategy;
import dev.berth.scheduler.query.ClusterQuery;
import dev.berth.scheduler.query.Comparison;
import dev.berth.scheduler.query.Expression;
import dev.berth.scheduler.query.Operator;
import dev.berth.scheduler.query.Subject;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.PodAffinityTermBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * ECS placement as Kubernetes scheduling rules, for the pods Kubernetes' own scheduler places (managed mode):
 *
 * <ul>
 *   <li>{@code memberOf} → required node affinity: {@code attribute:X} compares node label X (ECS's built-in
 *       attributes read from the well-known labels, {@code x86_64} as {@code amd64}); {@code ==}/{@code in} → In,
 *       {@code !=}/{@code !in} → NotIn, {@code exists}/{@code !exists} → Exists/DoesNotExist, {@code >}, {@code >=},
 *       {@code <}, {@code <=} with whole numbers → Gt/Lt; {@code and}, {@code or} and {@code not} become node selector
 *       terms (an OR of ANDs). Regular expressions and the other subjects ({@code task:group},
 *       {@code ec2InstanceId}, {@code agentVersion}, ...) have no Kubernetes form and are refused.</li>
 *   <li>{@code distinctInstance} → required pod anti-affinity on the node's host name among the group's pods.</li>
 *   <li>{@code spread(field)} → a topology spread constraint on that label (maxSkew 1, ScheduleAnyway: ECS's
 *       strategies prefer, they do not forbid); {@code random} → the scheduler's own scoring.</li>
 *   <li>{@code binpack} is refused: Kubernetes' default scheduler spreads by least allocation; Berth's
 *       client-scheduled mode binpacks.</li>
 * </ul>
 */
public final class KubernetesPlacement {

    /** The node label that names the node, the topology of ECS's {@code instanceId} and {@code host}. */
    public static final String HOSTNAME = "kubernetes.io/hostname";
    private static final Map<String, String> BUILT_IN_LABELS = Map.of(
            "ecs.availability-zone", "topology.kubernetes.io/zone",
            "ecs.cpu-architecture", "kubernetes.io/arch",
            "ecs.os-type", "kubernetes.io/os",
            "ecs.instance-type", "node.kubernetes.io/instance-type");
    private static final int MAX_TERMS = 64;

    private KubernetesPlacement() {
    }

    /**
     * Adds the placement rules to a pod spec.
     *
     * @param spec the pod spec to add to
     * @param subject what is placed, for messages, e.g. {@code service 'web'}
     * @param constraints the constraints of the service or request and of the task definition
     * @param strategies the strategies, in order
     * @param group the labels that select the pods of the group the rules are about
     * @throws InvalidSpecException naming each rule that has no Kubernetes form
     */
    public static void apply(PodSpec spec, String subject, List<PlacementConstraint> constraints,
                             List<PlacementStrategy> strategies, Map<String, String> group) {
        List<SpecProblem> problems = new ArrayList<>();
        List<List<NodeSelectorRequirement>> terms = List.of(List.of());
        boolean distinct = false;
        for (int i = 0; i < constraints.size(); i++) {
            PlacementConstraint constraint = constraints.get(i);
            if (constraint.type() == PlacementConstraint.Type.DISTINCT_INSTANCE) {
                distinct = true;
                continue;
            }
            String expression = constraint.expression().orElse("");
            try {
                terms = and(terms, dnf(ClusterQuery.parse(expression).expression(), false));
                if (terms.size() > MAX_TERMS) {
                    problems.add(new SpecProblem("placementConstraints[" + i + "]", "kubernetes.memberOf",
                            expression, "the constraints make more than " + MAX_TERMS + " alternatives of node"
                            + " labels; write them with fewer 'or'"));
                    terms = List.of(List.of());
                }
            } catch (UnsupportedOperationException | QuerySyntaxException e) {
                problems.add(new SpecProblem("placementConstraints[" + i + "]", "kubernetes.memberOf", expression,
                        e.getMessage()));
            }
        }
        List<TopologySpreadConstraint> spreads = new ArrayList<>();
        for (int i = 0; i < strategies.size(); i++) {
            PlacementStrategy strategy = strategies.get(i);
            switch (strategy.type()) {
                case BINPACK -> problems.add(new SpecProblem("placementStrategy[" + i + "]", "kubernetes.binpack",
                        strategy.toString(), "Kubernetes' scheduler does not binpack in Berth's managed mode: use"
                        + " KubernetesBackendConfig.Mode.CLIENT_SCHEDULED, where Berth's scheduler places the pods,"
                        + " or leave the strategy out"));
                case SPREAD -> spreads.add(new TopologySpreadConstraintBuilder()
                        .withMaxSkew(1)
                        .withTopologyKey(topologyKey(strategy.field().orElseThrow()))
                        .withWhenUnsatisfiable("ScheduleAnyway")
                        .withNewLabelSelector().withMatchLabels(group).endLabelSelector()
                        .build());
                case RANDOM -> { } // the scheduler's own scoring decides among the fitting nodes
                default -> throw new IllegalStateException("unknown strategy " + strategy);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidSpecException("placement of " + subject + " on Kubernetes", problems);
        }
        AffinityBuilder affinity = new AffinityBuilder(spec.getAffinity() == null ? new Affinity() : spec.getAffinity());
        boolean any = false;
        if (!(terms.size() == 1 && terms.get(0).isEmpty())) {
            List<NodeSelectorTerm> nodeTerms = terms.stream()
                    .map(t -> new NodeSelectorTerm(t, null)).toList();
            affinity.withNewNodeAffinity().withNewRequiredDuringSchedulingIgnoredDuringExecution()
                    .withNodeSelectorTerms(nodeTerms).endRequiredDuringSchedulingIgnoredDuringExecution()
                    .endNodeAffinity();
            any = true;
        }
        if (distinct) {
            affinity.withNewPodAntiAffinity().withRequiredDuringSchedulingIgnoredDuringExecution(
                    new PodAffinityTermBuilder().withTopologyKey(HOSTNAME)
                            .withLabelSelector(new LabelSelector(null, group)).build())
                    .endPodAntiAffinity();
            any = true;
        }
        if (any) {
            spec.setAffinity(affinity.build());
        }
        if (!spreads.isEmpty()) {
            spec.setTopologySpreadConstraints(spreads);
        }
    }

    /**
     * @param field a spread field: {@code instanceId}, {@code host} or {@code attribute:X}
     * @return the node label the pods spread over
     */
    static String topologyKey(String field) {
        if (field.equals(PlacementStrategy.INSTANCE_ID) || field.equals(PlacementStrategy.HOST)) {
            return HOSTNAME;
        }
        return label(field.substring("attribute:".length()));
    }

    /**
     * @param attribute an ECS attribute name
     * @return the node label it is read from
     */
    static String label(String attribute) {
        return BUILT_IN_LABELS.getOrDefault(attribute, attribute);
    }

    /** @return the expression as an OR of ANDs of node label requirements, negated if asked */
    private static List<List<NodeSelectorRequirement>> dnf(Expression expression, boolean negate) {
        if (expression instanceof Expression.Not not) {
            return dnf(not.operand(), !negate);
        }
        if (expression instanceof Expression.And and) {
            return negate ? or(and.operands(), true) : and(and.operands(), false);
        }
        if (expression instanceof Expression.Or or) {
            return negate ? and(or.operands(), true) : or(or.operands(), false);
        }
        return List.of(List.of(requirement((Comparison) expression, negate)));
    }

    private static List<List<NodeSelectorRequirement>> and(List<Expression> operands, boolean negate) {
        List<List<NodeSelectorRequirement>> terms = List.of(List.of());
        for (Expression operand : operands) {
            terms = and(terms, dnf(operand, negate));
        }
        return terms;
    }

    private static List<List<NodeSelectorRequirement>> or(List<Expression> operands, boolean negate) {
        List<List<NodeSelectorRequirement>> terms = new ArrayList<>();
        for (Expression operand : operands) {
            terms.addAll(dnf(operand, negate));
        }
        return terms;
    }

    private static List<List<NodeSelectorRequirement>> and(List<List<NodeSelectorRequirement>> left,
                                                           List<List<NodeSelectorRequirement>> right) {
        List<List<NodeSelectorRequirement>> product = new ArrayList<>();
        for (List<NodeSelectorRequirement> a : left) {
            for (List<NodeSelectorRequirement> b : right) {
                List<NodeSelectorRequirement> both = new ArrayList<>(a);
                both.addAll(b);
                product.add(both);
            }
        }
        return product;
    }

    private static NodeSelectorRequirement requirement(Comparison comparison, boolean negate) {
        Subject subject = comparison.subject();
        if (subject.kind() != Subject.Kind.ATTRIBUTE) {
            throw new UnsupportedOperationException("'" + subject + "' has no node label in Kubernetes: only"
                    + " attribute:<name> (a node label) can be a node affinity; Berth's CLIENT_SCHEDULED mode"
                    + " evaluates the whole query language");
        }
        String key = label(subject.attributeName());
        List<String> values = key.equals("kubernetes.io/arch")
                ? comparison.arguments().stream().map(v -> v.equals("x86_64") ? "amd64" : v).toList()
                : comparison.arguments();
        Operator operator = comparison.operator();
        if (negate) {
            operator = negation(operator, comparison);
        }
        return switch (operator) {
            case EQUALS, IN -> new NodeSelectorRequirement(key, "In", values);
            case NOT_EQUALS, NOT_IN -> new NodeSelectorRequirement(key, "NotIn", values);
            case EXISTS -> new NodeSelectorRequirement(key, "Exists", List.of());
            case NOT_EXISTS -> new NodeSelectorRequirement(key, "DoesNotExist", List.of());
            case GREATER_THAN -> new NodeSelectorRequirement(key, "Gt", List.of(whole(values.get(0), 0, comparison)));
            case GREATER_THAN_EQUAL -> new NodeSelectorRequirement(key, "Gt",
                    List.of(whole(values.get(0), -1, comparison)));
            case LESS_THAN -> new NodeSelectorRequirement(key, "Lt", List.of(whole(values.get(0), 0, comparison)));
            case LESS_THAN_EQUAL -> new NodeSelectorRequirement(key, "Lt",
                    List.of(whole(values.get(0), 1, comparison)));
            case MATCHES, NOT_MATCHES -> throw new UnsupportedOperationException("'" + comparison.operator().symbol()
                    + "' (a pattern) has no form in node affinity, which compares whole values; list them with"
                    + " 'in', or use Berth's CLIENT_SCHEDULED mode");
        };
    }

    private static Operator negation(Operator operator, Comparison comparison) {
        return switch (operator) {
            case EQUALS -> Operator.NOT_EQUALS;
            case NOT_EQUALS -> Operator.EQUALS;
            case IN -> Operator.NOT_IN;
            case NOT_IN -> Operator.IN;
            case EXISTS -> Operator.NOT_EXISTS;
            case NOT_EXISTS -> Operator.EXISTS;
            case GREATER_THAN -> Operator.LESS_THAN_EQUAL;
            case GREATER_THAN_EQUAL -> Operator.LESS_THAN;
            case LESS_THAN -> Operator.GREATER_THAN_EQUAL;
            case LESS_THAN_EQUAL -> Operator.GREATER_THAN;
            case MATCHES, NOT_MATCHES -> throw new UnsupportedOperationException("'" + comparison.operator().symbol()
                    + "' (a pattern) has no form in node affinity; list the values with 'in'");
        };
    }

    private static String whole(String value, int shift, Comparison comparison) {
        try {
            return Long.toString(Math.addExact(Long.parseLong(value.strip()), shift));
        } catch (NumberFormatException | ArithmeticException e) {
            throw new UnsupportedOperationException("'" + ClusterQuery.of(comparison) + "': node affinity orders only whole numbers"
                    + " (Gt, Lt), not '" + value + "'");
        }
    }
}

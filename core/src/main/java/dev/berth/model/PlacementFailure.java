package dev.berth.model;

import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Why tasks could not be placed: every instance of the cluster with the reasons it could not take the next task,
 * taken when placement stopped. Placing stops at the first task that fits nowhere, since the tasks after it are
 * identical and the fleet only got fuller. When a backend places tasks itself (ECS's RunTask), the instances are
 * those it named in its failures, and what it said about no instance in particular is in {@code otherReasons}.
 *
 * @param group the task group of the request
 * @param unplacedCount how many of the requested tasks were not placed, at least 1
 * @param instances one entry per instance of the cluster, ordered by instance id
 * @param otherReasons the backend's own words for failures that name no instance, e.g. Fargate's
 *     {@code Capacity is unavailable at this time}; empty when Berth placed
 */
public record PlacementFailure(String group, int unplacedCount, List<InstanceRejection> instances,
                               List<String> otherReasons) {

    /**
     * @throws IllegalArgumentException if {@code unplacedCount} is not positive
     */
    public PlacementFailure {
        Objects.requireNonNull(group, "group");
        if (unplacedCount < 1) {
            throw new IllegalArgumentException("a failure leaves at least one task unplaced");
        }
        instances = List.copyOf(instances);
        otherReasons = List.copyOf(otherReasons);
    }

    /**
     * A failure of Berth's own placement, which always names instances.
     *
     * @param group the task group of the request
     * @param unplacedCount how many of the requested tasks were not placed, at least 1
     * @param instances one entry per instance of the cluster, ordered by instance id
     * @throws IllegalArgumentException if {@code unplacedCount} is not positive
     */
    public PlacementFailure(String group, int unplacedCount, List<InstanceRejection> instances) {
        this(group, unplacedCount, instances, List.of());
    }

    /**
     * @return for each reason, how many instances it blocks; an instance with several unmet requirements counts
     *     under each of them. Ordered by count, largest first.
     */
    public Map<RejectionReason, Integer> instancesByReason() {
        Map<RejectionReason, Integer> counts = new EnumMap<>(RejectionReason.class);
        for (InstanceRejection instance : instances) {
            instance.rejections().stream().map(Rejection::reason).distinct()
                    .forEach(reason -> counts.merge(reason, 1, Integer::sum));
        }
        return counts.entrySet().stream()
                .sorted(Map.Entry.<RejectionReason, Integer>comparingByValue().reversed())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, Integer::sum, LinkedHashMap::new));
    }

    /** @return the instance with the fewest unmet requirements (the first by id among equals), as ECS names it */
    public Optional<InstanceRejection> closest() {
        return instances.stream().min(Comparator.comparingInt(i -> i.rejections().size()));
    }

    /**
     * The service event ECS would write
     * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-event-messages.html), including its "closest
     * matching container-instance" sentence; see {@link #explanation()} for a message that does not mislead.
     *
     * @param serviceName the service's name
     * @return e.g. {@code service (web) was unable to place a task because no container instance met all of its
     *     requirements. The closest matching container-instance i-1 has insufficient memory available.}
     */
    public String ecsMessage(String serviceName) {
        String message = "service (" + serviceName + ") was unable to place a task because no container instance"
                + " met all of its requirements.";
        if (instances.isEmpty()) {
            return message + (otherReasons.isEmpty() ? " Reason: No Container Instances were found in your cluster."
                    : " Reason: " + String.join("; ", otherReasons) + ".");
        }
        InstanceRejection closest = closest().orElseThrow();
        String prefix = " The closest matching container-instance " + closest.instanceId();
        switch (closest.rejections().get(0).reason()) {
            case RESOURCE_CPU:
                return message + prefix + " has insufficient CPU units available.";
            case RESOURCE_MEMORY:
                return message + prefix + " has insufficient memory available.";
            case RESOURCE_GPU:
                return message + prefix + " has insufficient GPU available.";
            case RESOURCE_PORTS:
                return message + prefix + " is already using a port required by your task.";
            case AGENT:
                return message + prefix + " encountered error \"AGENT\".";
            case ATTRIBUTE:
                return message + prefix + " is missing an attribute required by your task.";
            default:
                return message;
        }
    }

    /**
     * @return a message naming every blocking reason with the number of instances it blocks, e.g.
     *     {@code 2 tasks of group service:web could not be placed: none of the 7 container instances meets all
     *     requirements. Blocking (instances): RESOURCE:MEMORY 4, ATTRIBUTE 2 [memberOf(attribute:ecs.instance-type
     *     =~ t2.*) 2], DRAINING 1.}
     */
    public String explanation() {
        String tasks = unplacedCount + (unplacedCount == 1 ? " task" : " tasks") + " of group " + group
                + " could not be placed: ";
        String other = String.join("; ", otherReasons);
        if (instances.isEmpty()) {
            return tasks + (other.isEmpty() ? "the cluster has no container instances." : other + ".");
        }
        String blocking = instancesByReason().entrySet().stream()
                .map(e -> e.getKey().code() + " " + e.getValue()
                        + (e.getKey() == RejectionReason.ATTRIBUTE ? " " + attributeBreakdown() : ""))
                .collect(Collectors.joining(", "));
        return tasks + "none of the " + instances.size() + " container instances meets all requirements."
                + " Blocking (instances): " + blocking + "." + (other.isEmpty() ? "" : " Also: " + other + ".");
    }

    private String attributeBreakdown() {
        Map<String, Integer> byConstraint = new TreeMap<>();
        for (InstanceRejection instance : instances) {
            instance.rejections().stream().filter(r -> r.reason() == RejectionReason.ATTRIBUTE)
                    .map(Rejection::detail).distinct()
                    .forEach(constraint -> byConstraint.merge(constraint, 1, Integer::sum));
        }
        return byConstraint.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", ", "[", "]"));
    }
}

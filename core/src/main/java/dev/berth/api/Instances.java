package dev.berth.api;

import dev.berth.cluster.ClusterRecord;
import dev.berth.exception.InvalidSpecException;
import dev.berth.exception.ResourceNotFoundException;
import dev.berth.exception.SpecProblem;
import dev.berth.model.InstanceAttributes;
import dev.berth.model.InstanceStatus;
import dev.berth.scheduler.InstanceState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The container instances of one cluster: what they offer, and their status and attributes in the cluster. */
public final class Instances {

    private static final Pattern ATTRIBUTE_VALUE = Pattern.compile("[A-Za-z0-9_.@/\\\\: -]{1,128}");

    private final Context context;
    private final String cluster;

    Instances(Context context, String cluster) {
        this.context = context;
        this.cluster = cluster;
    }

    /** @return each instance as the scheduler sees it now: resources left, status, attributes, task counts */
    public List<InstanceState> list() {
        ClusterRecord record = record();
        return context.runtime().snapshots().read(record).instances();
    }

    /**
     * Drains an instance: it gets no new tasks, and services replace their tasks there within their deployment
     * bounds. Standalone tasks keep running.
     *
     * @param instanceId the instance's id
     * @throws ResourceNotFoundException if the cluster has no such instance
     */
    public void drain(String instanceId) {
        setStatus(instanceId, InstanceStatus.DRAINING);
    }

    /**
     * Makes a DRAINING instance ACTIVE again.
     *
     * @param instanceId the instance's id
     */
    public void activate(String instanceId) {
        setStatus(instanceId, InstanceStatus.ACTIVE);
    }

    /**
     * Adds custom attributes to an instance, for {@code memberOf} constraints and {@code spread} strategies.
     *
     * @param instanceId the instance's id
     * @param attributes attribute names and values to add or replace
     * @throws InvalidSpecException if a name or value breaks ECS's attribute rules, or the instance would have
     *     more than 10 custom attributes
     */
    public void putAttributes(String instanceId, Map<String, String> attributes) {
        List<SpecProblem> problems = new ArrayList<>();
        attributes.forEach((name, value) -> {
            if (!InstanceAttributes.isValidName(name)) {
                problems.add(new SpecProblem("attributes." + name, "attribute.name", name,
                        "attribute names are 1-128 letters, digits, hyphens, underscores, slashes and dots"));
            }
            if (!ATTRIBUTE_VALUE.matcher(value).matches() || !value.strip().equals(value)) {
                problems.add(new SpecProblem("attributes." + name, "attribute.value", value,
                        "attribute values are 1-128 letters, digits and -_.@/\\: or spaces, not at either end"));
            }
        });
        if (!problems.isEmpty()) {
            throw new InvalidSpecException("attributes of instance " + instanceId, problems);
        }
        requireInstance(instanceId);
        try {
            context.store().updateCluster(cluster, c -> c.with(c.registration(instanceId).withAttributes(attributes)));
        } catch (IllegalArgumentException tooMany) {
            throw new InvalidSpecException("attributes of instance " + instanceId, List.of(new SpecProblem(
                    "attributes", "attribute.count", String.valueOf(attributes.size()), tooMany.getMessage())));
        }
        context.backend().attributesPut(cluster, instanceId, attributes);
        enqueueServices();
    }

    /**
     * Removes custom attributes from an instance (ECS's {@code DeleteAttributes}); services re-place by the
     * attributes left.
     *
     * @param instanceId the instance's id
     * @param names the attributes' names; names the instance does not have are ignored
     * @throws ResourceNotFoundException if the cluster has no such instance
     */
    public void deleteAttributes(String instanceId, Collection<String> names) {
        Set<String> removed = Set.copyOf(names);
        requireInstance(instanceId);
        context.store().updateCluster(cluster, c -> c.with(c.registration(instanceId).withoutAttributes(removed)));
        context.backend().attributesDeleted(cluster, instanceId, removed);
        enqueueServices();
    }

    private void setStatus(String instanceId, InstanceStatus status) {
        requireInstance(instanceId);
        context.store().updateCluster(cluster, c -> c.with(c.registration(instanceId).withStatus(status)));
        context.backend().instanceStatusChanged(cluster, instanceId, status);
        enqueueServices();
    }

    private void requireInstance(String instanceId) {
        boolean known = context.backend().containerInstances(cluster).stream().anyMatch(i -> i.id().equals(instanceId));
        if (!known) {
            throw new ResourceNotFoundException("Container instance " + instanceId + " is not in cluster " + cluster);
        }
    }

    private void enqueueServices() {
        context.runtime().enqueueServices(cluster);
    }

    private ClusterRecord record() {
        return context.store().cluster(cluster)
                .orElseThrow(() -> new ResourceNotFoundException("Cluster " + cluster + " does not exist."));
    }
}

package dev.berth.scheduler.internal;

import dev.berth.model.Rejection;
import dev.berth.model.Resource;
import dev.berth.scheduler.PlacementRequest;
import dev.berth.scheduler.RequiredAttribute;
import dev.berth.scheduler.query.ClusterQuery;
import java.util.ArrayList;
import java.util.List;

/**
 * All filters of one request, in ECS's pipeline order: the instance gates (status, agent), then resources (GPUs
 * included), ports, constraints and the attributes the task definition requires
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-placement.html).
 */
public final class Feasibility {

    private final List<FeasibilityFilter> gates;
    private final List<FeasibilityFilter> requirements;
    /** The filters that read only the instance's facts, and the others: a view asks the first once per instance. */
    private final List<FeasibilityFilter> onFacts;
    private final List<FeasibilityFilter> onPlacements;

    private Feasibility(List<FeasibilityFilter> gates, List<FeasibilityFilter> requirements) {
        this.gates = List.copyOf(gates);
        this.requirements = List.copyOf(requirements);
        List<FeasibilityFilter> all = new ArrayList<>(gates);
        all.addAll(requirements);
        this.onFacts = all.stream().filter(FeasibilityFilter::readsFactsOnly).toList();
        this.onPlacements = all.stream().filter(filter -> !filter.readsFactsOnly()).toList();
    }

    /**
     * @param request the placement request
     * @return the filters a placement for {@code request} must pass
     */
    public static Feasibility of(PlacementRequest request) {
        List<FeasibilityFilter> requirements = new ArrayList<>();
        requirements.add(new ResourceFilter(Resource.CPU, request.reservation().cpu()));
        requirements.add(new ResourceFilter(Resource.MEMORY, request.reservation().memoryMiB()));
        if (request.reservation().gpus() > 0) {
            requirements.add(new GpuFilter(request.reservation().gpus()));
        }
        if (!request.reservation().hostPorts().isEmpty()) {
            requirements.add(new PortFilter(request.reservation().hostPorts()));
        }
        for (ClusterQuery query : request.memberOf()) {
            requirements.add(new MemberOfFilter(query));
        }
        for (RequiredAttribute attribute : request.requiredAttributes()) {
            requirements.add(new RequiredAttributeFilter(attribute));
        }
        if (request.distinctInstance()) {
            requirements.add(new DistinctInstanceFilter(request.group()));
        }
        return new Feasibility(List.of(new StatusFilter(), new AgentFilter()), requirements);
    }

    /**
     * @param slot the instance
     * @return whether the instance's facts (status, agent, attributes) admit the task; no placement changes this
     */
    public boolean acceptsFacts(Slot slot) {
        return acceptsAll(onFacts, slot);
    }

    /**
     * @param slot the instance
     * @return whether what is placed on the instance now (resources, ports, tasks) leaves room for the task
     */
    public boolean acceptsPlacements(Slot slot) {
        return acceptsAll(onPlacements, slot);
    }

    private static boolean acceptsAll(List<FeasibilityFilter> filters, Slot slot) {
        for (FeasibilityFilter filter : filters) {
            if (!filter.accepts(slot)) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param slot the instance
     * @return why the instance cannot take the task: the first failing gate alone, else every unmet requirement;
     *     empty if it can
     */
    public List<Rejection> rejections(Slot slot) {
        for (FeasibilityFilter gate : gates) {
            if (!gate.accepts(slot)) {
                return List.of(gate.rejection(slot));
            }
        }
        List<Rejection> rejections = new ArrayList<>();
        for (FeasibilityFilter filter : requirements) {
            if (!filter.accepts(slot)) {
                rejections.add(filter.rejection(slot));
            }
        }
        return rejections;
    }
}

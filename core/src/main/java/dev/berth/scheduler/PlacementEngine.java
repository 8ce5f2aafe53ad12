package dev.berth.scheduler;

import dev.berth.model.InstanceRejection;
import dev.berth.model.PlacementFailure;
import dev.berth.model.Rejection;
import dev.berth.model.Resource;
import dev.berth.scheduler.internal.PlacementView;
import dev.berth.scheduler.internal.Slot;
import dev.berth.scheduler.internal.ViewKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ECS task placement over a fleet of container instances
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-placement.html): filters (status, agent, cpu,
 * memory, static host ports, {@code memberOf}, {@code distinctInstance}), then strategies in order, then a fixed
 * tie-break (a pseudo-random order of the instances, fixed per task group so that services do not all pile onto the
 * same instances). Placing several tasks updates the fleet after each one, so they respect each other.
 *
 * <p>An engine holds a snapshot of the fleet and, per kind of request, an index of the instances that can take
 * such a task, built on first use (O(n log n)) and kept up to date as placements, and tasks counted in or out
 * ({@link #reserve}, {@link #release}), change the instances; each placement after that costs about O(log n)
 * instead of a scan of the fleet. Berth keeps one engine per cluster where the backend tells it which tasks changed
 * (a change feed), and builds one per launch from a full read of the cluster where it does not (BENCHMARKS.md,
 * "placement as production runs it"). The result is a pure function of the fleet, the requests and tasks so far and
 * the seeds: no clock, no I/O.
 *
 * <pre>{@code
 * PlacementEngine engine = PlacementEngine.of(instances);
 * PlacementResult result = engine.place(request, seed);
 * result.failure().ifPresent(f -> log.info(f.explanation()));
 * }</pre>
 *
 * <p>Not thread-safe: confine an engine to one thread at a time.
 */
public final class PlacementEngine {

    private static final Logger LOG = LoggerFactory.getLogger(PlacementEngine.class);

    /** Indexes kept for the most recently used kinds of request; each costs O(n) memory and upkeep. */
    private static final int MAX_VIEWS = 16;

    /** By id. */
    private final Map<String, Slot> slots = new HashMap<>();
    private final Set<Long> ranks = new HashSet<>();
    private final Map<ViewKey, PlacementView> views = new LinkedHashMap<>(MAX_VIEWS, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ViewKey, PlacementView> eldest) {
            return size() > MAX_VIEWS;
        }
    };

    private PlacementEngine() {
    }

    /**
     * @param instances the fleet; ids must be unique
     * @return an engine over the fleet
     * @throws IllegalArgumentException if two instances share an id
     */
    public static PlacementEngine of(Collection<InstanceState> instances) {
        PlacementEngine engine = new PlacementEngine();
        for (InstanceState instance : instances) {
            if (engine.slots.containsKey(instance.id())) {
                throw new IllegalArgumentException("duplicate instance id " + instance.id());
            }
            engine.put(instance);
        }
        return engine;
    }

    /**
     * Places on a copy of {@code instances}: a pure function.
     *
     * @param request what to place
     * @param instances the fleet; ids must be unique
     * @param seed drives the {@code random} strategy; the same inputs and seed give the same result
     * @return the placements and, if not all tasks fit, why
     */
    public static PlacementResult placeOnce(PlacementRequest request, Collection<InstanceState> instances,
                                            long seed) {
        return of(instances).place(request, seed);
    }

    /**
     * Places {@code request.count()} tasks one after the other and keeps them: the instances' resources, ports
     * and task counts include them afterwards. Stops at the first task that fits nowhere.
     *
     * @param request what to place
     * @param seed drives the {@code random} strategy; the same engine state, request and seed give the same
     *     result
     * @return the placements and, if not all tasks fit, why
     */
    public PlacementResult place(PlacementRequest request, long seed) {
        PlacementView view = viewFor(request);
        SplittableRandom random = new SplittableRandom(seed);
        List<TaskPlacement> placements = new ArrayList<>(request.count());
        for (int i = 0; i < request.count(); i++) {
            Optional<Slot> best = view.best(random.nextLong());
            if (best.isEmpty()) {
                return new PlacementResult(placements, Optional.of(explain(request, view, request.count() - i)));
            }
            Slot slot = best.get();
            update(slot, () -> slot.reserve(request.reservation(), request.group()));
            placements.add(new TaskPlacement(slot.id(), request.group(), request.reservation()));
        }
        return new PlacementResult(placements, Optional.empty());
    }

    /**
     * Counts a task the engine did not place (one found running): its instance's resources, ports and task counts
     * include it afterwards. The caller knows it fits.
     *
     * @param instanceId the task's instance, one of the fleet
     * @param reservation what the task reserves
     * @param group the task's group
     * @throws IllegalArgumentException if the instance is not in the fleet
     */
    public void reserve(String instanceId, TaskReservation reservation, String group) {
        Slot slot = slot(instanceId);
        update(slot, () -> slot.reserve(reservation, group));
    }

    /**
     * Gives back what a stopped task reserved, whether the engine placed it or found it.
     *
     * @param instanceId the task's instance, one of the fleet
     * @param reservation what the task reserved
     * @param group the task's group
     * @throws IllegalArgumentException if the instance is not in the fleet
     */
    public void release(String instanceId, TaskReservation reservation, String group) {
        Slot slot = slot(instanceId);
        update(slot, () -> slot.release(reservation, group));
    }

    /**
     * @param instanceId an instance's id
     * @return whether the instance is in the fleet
     */
    public boolean contains(String instanceId) {
        return slots.containsKey(instanceId);
    }

    /**
     * @param instanceId an instance of the fleet
     * @param reservation what a task reserves
     * @return whether the instance's unreserved CPU, memory and GPUs hold the reservation; ports are not checked
     * @throws IllegalArgumentException if the instance is not in the fleet
     */
    public boolean fits(String instanceId, TaskReservation reservation) {
        Slot slot = slot(instanceId);
        return reservation.cpu() <= slot.remaining(Resource.CPU) && reservation.memoryMiB() <= slot.remaining(
                Resource.MEMORY) && reservation.gpus() <= slot.remainingGpus();
    }

    /**
     * @param instanceId an instance's id
     * @return the instance's current state, if it is in the fleet
     */
    public Optional<InstanceState> instance(String instanceId) {
        return Optional.ofNullable(slots.get(instanceId)).map(Slot::toState);
    }

    /** @return every instance's current state, ordered by id */
    public List<InstanceState> instances() {
        return byId().stream().map(Slot::toState).collect(Collectors.toUnmodifiableList());
    }

    /** Adds an instance of the fleet with a tie-break rank no other instance has. */
    private void put(InstanceState instance) {
        long rank = Slot.rankOf(instance.id());
        while (!ranks.add(rank)) {
            rank++;
        }
        slots.put(instance.id(), new Slot(instance, rank, slots.size()));
    }

    private Slot slot(String instanceId) {
        Slot slot = slots.get(instanceId);
        if (slot == null) {
            throw new IllegalArgumentException("instance " + instanceId + " is not in the engine's fleet");
        }
        return slot;
    }

    private PlacementView viewFor(PlacementRequest request) {
        return views.computeIfAbsent(ViewKey.of(request), key -> PlacementView.build(request, slots.values()));
    }

    private List<Slot> byId() {
        List<Slot> ordered = new ArrayList<>(slots.values());
        ordered.sort(Comparator.comparing(Slot::id));
        return ordered;
    }

    private void update(Slot slot, Runnable change) {
        for (PlacementView view : views.values()) {
            view.detach(slot);
        }
        change.run();
        for (PlacementView view : views.values()) {
            view.attach(slot);
        }
    }

    private PlacementFailure explain(PlacementRequest request, PlacementView view, int unplaced) {
        List<InstanceRejection> rejections = new ArrayList<>(slots.size());
        for (Slot slot : byId()) {
            List<Rejection> reasons = view.feasibility().rejections(slot);
            if (reasons.isEmpty()) {
                throw new IllegalStateException("instance " + slot.id() + " can take the task but the index has"
                        + " none; this is a bug in the placement index");
            }
            LOG.debug("placement rejected instance={} group={} reasons={}", slot.id(), request.group(), reasons);
            rejections.add(new InstanceRejection(slot.id(), reasons));
        }
        PlacementFailure failure = new PlacementFailure(request.group(), unplaced, rejections);
        if (LOG.isDebugEnabled()) {
            LOG.debug("placement failed group={} unplaced={}: {}", request.group(), unplaced, failure.explanation());
        }
        return failure;
    }
}

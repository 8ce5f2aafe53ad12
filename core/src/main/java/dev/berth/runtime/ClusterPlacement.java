package dev.berth.runtime;

import dev.berth.scheduler.InstanceState;
import dev.berth.scheduler.PlacementEngine;
import dev.berth.scheduler.PlacementRequest;
import dev.berth.scheduler.PlacementResult;
import dev.berth.scheduler.TaskPlacement;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A cluster as placement sees it at the start of one launch, or of one service pass, and the engine that places on
 * it: every placement through it is counted before the next, also across the launches of one pass. Taken inside the
 * cluster's turn ({@link ClusterSnapshots#inTurn}) and used only there.
 *
 * <p>Either built for this use from a full read of the cluster ({@link #of}), or the cluster's kept placement state,
 * brought up to date from the backend's change feed ({@link ClusterSnapshots#placement}); the two give the same
 * placements.
 */
public final class ClusterPlacement {

    private final Supplier<PlacementEngine> engineSource;
    private final Supplier<ClusterSnapshot> snapshotSource;
    private final Set<String> drainingInstances;
    private final Optional<KeptPlacement> kept;
    private PlacementEngine engine;

    private ClusterPlacement(Supplier<PlacementEngine> engineSource, Supplier<ClusterSnapshot> snapshotSource,
                             Set<String> drainingInstances, Optional<KeptPlacement> kept) {
        this.engineSource = engineSource;
        this.snapshotSource = snapshotSource;
        this.drainingInstances = Set.copyOf(drainingInstances);
        this.kept = kept;
    }

    /**
     * @param snapshot the cluster as just read
     * @return placement on a new engine over the snapshot, built when first needed
     */
    public static ClusterPlacement of(ClusterSnapshot snapshot) {
        return new ClusterPlacement(() -> PlacementEngine.of(snapshot.instances()), () -> snapshot,
                snapshot.drainingInstances(), Optional.empty());
    }

    /** Placement on a cluster's kept state, which learns of every task started through it. */
    static ClusterPlacement kept(KeptPlacement kept) {
        return new ClusterPlacement(kept::engine, () -> new ClusterSnapshot(kept.engine().instances()),
                kept.drainingInstances(), Optional.of(kept));
    }

    /** @return the cluster's instances as they are now, with this placement's tasks counted */
    public ClusterSnapshot snapshot() {
        return engine == null ? snapshotSource.get() : new ClusterSnapshot(engine.instances());
    }

    /**
     * @param ids instance ids
     * @return the state now of each of those instances the cluster has, ordered by id
     */
    public List<InstanceState> instances(Set<String> ids) {
        if (engine == null && kept.isEmpty()) {
            return snapshotSource.get().instances().stream().filter(i -> ids.contains(i.id())).toList();
        }
        return ids.stream().sorted().map(engine()::instance).flatMap(Optional::stream).toList();
    }

    /** @return ids of the DRAINING instances */
    public Set<String> drainingInstances() {
        return drainingInstances;
    }

    /**
     * Places and counts the placed tasks, so that later placements through this object see them.
     *
     * @param request what to place
     * @param onlyOn the instances that may take the tasks; empty = any
     * @param seed drives the {@code random} strategy
     * @return where each task goes and, if not all fit, why
     */
    public PlacementResult place(PlacementRequest request, Set<String> onlyOn, long seed) {
        PlacementEngine fleet = engine();
        if (onlyOn.isEmpty()) {
            return fleet.place(request, seed);
        }
        List<InstanceState> candidates = onlyOn.stream().sorted().map(fleet::instance)
                .flatMap(Optional::stream).toList();
        PlacementResult result = PlacementEngine.of(candidates).place(request, seed);
        for (TaskPlacement placement : result.placements()) {
            fleet.reserve(placement.instanceId(), placement.reservation(), placement.group());
        }
        return result;
    }

    /** A task placed through this object started under this id. */
    void started(String taskId, TaskPlacement placement) {
        kept.ifPresent(state -> state.started(taskId, placement));
    }

    /** A start failed after its placement was counted: the count can no longer be trusted. */
    void startFailed() {
        kept.ifPresent(KeptPlacement::discard);
    }

    private PlacementEngine engine() {
        if (engine == null) {
            engine = engineSource.get();
        }
        return engine;
    }
}

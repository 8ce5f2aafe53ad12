package dev.berth.runtime;

import dev.berth.scheduler.InstanceState;
import dev.berth.scheduler.PlacementEngine;
import dev.berth.scheduler.PlacementRequest;
import dev.berth.scheduler.PlacementResult;
import dev.berth.scheduler.TaskPlacement;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A cluster as placement sees it at the start of one launch, or of one service pass, and the engine that places on
 * it: every placement through it is counted before the next, also across the launches of one pass. Taken inside the
 * cluster's turn ({@link ClusterSnapshots#inTurn}) and used only there.
 *
 * <p>Either built for this use from a full read of the cluster ({@link #of}), or the cluster's kept placement state,
 * brought up to date from the backend's change feed ({@link ClusterSnapshots#placement}); the two give the same
 * placements.
 */
public abstract sealed class ClusterPlacement {

    private ClusterPlacement() {
    }

    /**
     * @param snapshot the cluster as just read
     * @return placement on a new engine over the snapshot, built when first needed
     */
    public static ClusterPlacement of(ClusterSnapshot snapshot) {
        return new Fresh(snapshot);
    }

    /** Placement on a cluster's kept state, which learns of every task started through it. */
    static ClusterPlacement kept(KeptPlacement kept) {
        return new Kept(kept);
    }

    /** @return the cluster's instances as they are now, with this placement's tasks counted */
    public abstract ClusterSnapshot snapshot();

    /**
     * @param ids instance ids
     * @return the state now of each of those instances the cluster has, ordered by id
     */
    public abstract List<InstanceState> instances(Set<String> ids);

    /** @return ids of the DRAINING instances */
    public abstract Set<String> drainingInstances();

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
        PlacementResult result = PlacementEngine.of(instancesOf(fleet, onlyOn)).place(request, seed);
        for (TaskPlacement placement : result.placements()) {
            fleet.reserve(placement.instanceId(), placement.reservation(), placement.group());
        }
        return result;
    }

    /** A task placed through this object started under this id. */
    void started(String taskId, TaskPlacement placement) {
    }

    /** A start failed after its placement was counted: the count can no longer be trusted. */
    void startFailed() {
    }

    /** @return the engine that places and counts */
    abstract PlacementEngine engine();

    private static List<InstanceState> instancesOf(PlacementEngine engine, Set<String> ids) {
        return ids.stream().sorted().map(engine::instance).flatMap(Optional::stream).toList();
    }

    /** Built from a full read for one launch or pass; its engine only once something is placed. */
    private static final class Fresh extends ClusterPlacement {

        private final ClusterSnapshot read;
        private final Set<String> drainingInstances;
        private PlacementEngine engine;

        private Fresh(ClusterSnapshot read) {
            this.read = read;
            this.drainingInstances = Set.copyOf(read.drainingInstances());
        }

        @Override
        public ClusterSnapshot snapshot() {
            return engine == null ? read : new ClusterSnapshot(engine.instances());
        }

        @Override
        public List<InstanceState> instances(Set<String> ids) {
            return engine == null ? read.instances().stream().filter(i -> ids.contains(i.id())).toList()
                    : instancesOf(engine, ids);
        }

        @Override
        public Set<String> drainingInstances() {
            return drainingInstances;
        }

        @Override
        PlacementEngine engine() {
            if (engine == null) {
                engine = PlacementEngine.of(read.instances());
            }
            return engine;
        }
    }

    /** The cluster's kept state, which counts the tasks started through it and is dropped when a start fails. */
    private static final class Kept extends ClusterPlacement {

        private final KeptPlacement state;

        private Kept(KeptPlacement state) {
            this.state = state;
        }

        @Override
        public ClusterSnapshot snapshot() {
            return new ClusterSnapshot(state.engine().instances());
        }

        @Override
        public List<InstanceState> instances(Set<String> ids) {
            return instancesOf(state.engine(), ids);
        }

        @Override
        public Set<String> drainingInstances() {
            return state.drainingInstances();
        }

        @Override
        void started(String taskId, TaskPlacement placement) {
            state.started(taskId, placement);
        }

        @Override
        void startFailed() {
            state.discard();
        }

        @Override
        PlacementEngine engine() {
            return state.engine();
        }
    }
}

package dev.berth.runtime;

import dev.berth.cluster.ClusterRecord;
import dev.berth.model.TaskDefinition;
import dev.berth.scheduler.TaskReservation;
import dev.berth.spi.ClusterChangeFeed;
import dev.berth.spi.ComputeBackend;
import dev.berth.task.Task;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reads clusters as the scheduler sees them, and makes everything that places tasks in one cluster (service
 * passes, RunTask) take turns, so that two placements never claim the same free capacity.
 *
 * <p>With a backend that has a {@link ClusterChangeFeed}, each cluster's placement state is kept between turns and
 * brought up to date from the tasks that changed, so a launch costs what it places, not what the cluster holds;
 * otherwise every launch reads the whole cluster.
 */
public final class ClusterSnapshots {

    private final ComputeBackend backend;
    private final Function<String, TaskDefinition> revisionByArn;
    private final Map<String, Object> turns = new ConcurrentHashMap<>();
    private final Map<String, TaskReservation> reservations = new ConcurrentHashMap<>();
    /** Touched only in the cluster's turn. */
    private final Map<String, KeptPlacement> kept = new ConcurrentHashMap<>();

    /**
     * @param backend where the cluster's instances and tasks are read
     * @param revisionByArn the task definition of a revision's ARN (tasks carry the ARN they run)
     */
    public ClusterSnapshots(ComputeBackend backend, Function<String, TaskDefinition> revisionByArn) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.revisionByArn = Objects.requireNonNull(revisionByArn, "revisionByArn");
    }

    /**
     * Runs {@code work} while no other placement in {@code cluster} runs.
     *
     * @param <T> what the work returns
     * @param cluster the cluster's name
     * @param work reads the cluster and places tasks in it
     * @return what {@code work} returns
     */
    public <T> T inTurn(String cluster, Supplier<T> work) {
        synchronized (turns.computeIfAbsent(cluster, name -> new Object())) {
            return work.get();
        }
    }

    /**
     * @param cluster the cluster's record
     * @param tasks the cluster's tasks, as just read from the backend
     * @return the cluster's instances with what their live tasks reserve subtracted
     */
    private ClusterSnapshot snapshot(ClusterRecord cluster, List<Task> tasks) {
        return ClusterSnapshot.of(cluster, backend.containerInstances(cluster.name()), tasks, this::reservation);
    }

    /**
     * @param cluster the cluster's record
     * @return the cluster's instances with what their live tasks reserve subtracted, its tasks read just now
     */
    public ClusterSnapshot read(ClusterRecord cluster) {
        return snapshot(cluster, backend.tasks(cluster.name()));
    }

    /**
     * The cluster's placement as of now, for a launch in the cluster's turn.
     *
     * @param cluster the cluster's record
     * @return its kept placement state brought up to date, or one built from a read of the cluster
     */
    public ClusterPlacement placement(ClusterRecord cluster) {
        return placement(cluster, () -> backend.tasks(cluster.name()));
    }

    /**
     * What a service pass reads in the cluster's turn: the cluster's placement and the tasks of the service's group.
     * With a change feed only the group's tasks are read; without one the whole cluster is read once, for both.
     *
     * @param cluster the cluster's record
     * @param group the service's task group
     * @return the placement as of now and the group's tasks
     */
    public GroupRead readGroup(ClusterRecord cluster, String group) {
        Optional<ClusterChangeFeed> feed = backend.changeFeed();
        if (feed.isPresent()) {
            return new GroupRead(kept(cluster, feed.get()), backend.tasks(cluster.name(), group));
        }
        List<Task> tasks = backend.tasks(cluster.name());
        return new GroupRead(placement(cluster, () -> tasks),
                tasks.stream().filter(task -> task.group().equals(group)).toList());
    }

    /**
     * @param placement the cluster's placement as of now
     * @param tasks the tasks of one group, as the backend reports them
     */
    public record GroupRead(ClusterPlacement placement, List<Task> tasks) {
    }

    /**
     * Drops the placement state kept for a deleted cluster, in its turn.
     *
     * @param cluster the cluster's name
     */
    public void forget(String cluster) {
        inTurn(cluster, () -> kept.remove(cluster));
    }

    /**
     * @param cluster a cluster's name
     * @return the cluster's kept placement state, if the backend has a change feed and a launch took the state
     */
    Optional<KeptPlacement> keptState(String cluster) {
        return Optional.ofNullable(kept.get(cluster));
    }

    private ClusterPlacement placement(ClusterRecord cluster, Supplier<List<Task>> tasks) {
        Optional<ClusterChangeFeed> feed = backend.changeFeed();
        return feed.isPresent() ? kept(cluster, feed.get()) : ClusterPlacement.of(snapshot(cluster, tasks.get()));
    }

    private ClusterPlacement kept(ClusterRecord cluster, ClusterChangeFeed feed) {
        KeptPlacement state = kept.get(cluster.name());
        if (state == null || !state.catchUp(cluster, feed)) {
            // The cursor first: whatever changes during the read is in the next catch-up, and counted once.
            long cursor = feed.cursor(cluster.name());
            List<Task> read = backend.tasks(cluster.name());
            state = KeptPlacement.of(cluster, snapshot(cluster, read), read, this::reservation, cursor);
            kept.put(cluster.name(), state);
        }
        return ClusterPlacement.kept(state);
    }

    /**
     * A revision never changes, so its reservation is computed once.
     *
     * @param task a task of the cluster
     * @return what the task reserves on its instance, from the revision it runs
     */
    public TaskReservation reservation(Task task) {
        return reservations.computeIfAbsent(task.taskDefinitionArn(),
                arn -> TaskReservation.of(revisionByArn.apply(arn)));
    }
}

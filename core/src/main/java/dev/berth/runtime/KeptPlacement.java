package dev.berth.runtime;

import dev.berth.cluster.ClusterRecord;
import dev.berth.scheduler.InstanceState;
import dev.berth.scheduler.PlacementEngine;
import dev.berth.scheduler.TaskPlacement;
import dev.berth.scheduler.TaskReservation;
import dev.berth.spi.ClusterChangeFeed;
import dev.berth.spi.ClusterChanges;
import dev.berth.task.Task;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * One cluster's placement state kept from launch to launch: the engine, with its indexes, and the live tasks it
 * counts. Built from a full read of the cluster; after that the backend's change feed tells which tasks changed, and
 * only those are counted in or out. Anything the task list cannot describe exactly (a change of the cluster's
 * registrations or instances, a task that holds static host ports, an instance its tasks over-commit, a start that
 * failed after its placement was counted, a feed that forgot) makes the next launch build it again from a full read.
 * Used only inside the cluster's turn.
 */
final class KeptPlacement {

    private final ClusterRecord record;
    private final PlacementEngine engine;
    private final Set<String> drainingInstances;
    private final Map<String, Counted> counted;
    /** Instances whose tasks reserve more than they have: the engine shows them full, so a stop there is inexact. */
    private final Set<String> overCommitted;
    private final Function<Task, TaskReservation> reservation;
    private long cursor;
    private boolean discarded;

    private KeptPlacement(ClusterRecord record, ClusterSnapshot snapshot, Map<String, Counted> counted,
                          Set<String> overCommitted, Function<Task, TaskReservation> reservation, long cursor) {
        this.record = record;
        this.engine = PlacementEngine.of(snapshot.instances());
        this.drainingInstances = Set.copyOf(snapshot.drainingInstances());
        this.counted = counted;
        this.overCommitted = overCommitted;
        this.reservation = reservation;
        this.cursor = cursor;
    }

    /**
     * @param record the cluster's record
     * @param snapshot the cluster read after {@code cursor} was taken
     * @param tasks the tasks the snapshot was built from
     * @param reservation what a task reserves
     * @param cursor the feed's cursor, taken before the read
     * @return the state of that read
     */
    static KeptPlacement of(ClusterRecord record, ClusterSnapshot snapshot, List<Task> tasks,
                            Function<Task, TaskReservation> reservation, long cursor) {
        Map<String, InstanceState> instances = new HashMap<>();
        snapshot.instances().forEach(instance -> instances.put(instance.id(), instance));
        Map<String, Counted> counted = new HashMap<>();
        Map<String, int[]> reserved = new HashMap<>();
        for (Task task : tasks) {
            if (task.lastStatus().isLive() && instances.containsKey(task.containerInstanceId())) {
                TaskReservation r = reservation.apply(task);
                counted.put(task.taskId(), new Counted(task.containerInstanceId(), r, task.group()));
                int[] sum = reserved.computeIfAbsent(task.containerInstanceId(), id -> new int[3]);
                sum[0] += r.cpu();
                sum[1] += r.memoryMiB();
                sum[2] += r.gpus();
            }
        }
        Set<String> overCommitted = new HashSet<>();
        reserved.forEach((id, sum) -> {
            InstanceState instance = instances.get(id);
            if (sum[0] > instance.registeredCpu() || sum[1] > instance.registeredMemoryMiB()
                    || sum[2] > instance.registeredGpus()) {
                overCommitted.add(id);
            }
        });
        return new KeptPlacement(record, snapshot, counted, overCommitted, reservation, cursor);
    }

    /**
     * Counts in the tasks that started and out those that stopped since the last time.
     *
     * @param current the cluster's record now
     * @param feed the backend's change feed
     * @return false if this state cannot be brought up to date and must be built again
     */
    boolean catchUp(ClusterRecord current, ClusterChangeFeed feed) {
        if (discarded || !record.equals(current)) {
            return false;
        }
        Optional<ClusterChanges> changes = feed.since(record.name(), cursor);
        if (changes.isEmpty()) {
            return false;
        }
        for (Task task : changes.get().tasks()) {
            if (!apply(task.taskId(), Optional.of(task))) {
                return false;
            }
        }
        for (String gone : changes.get().goneTaskIds()) {
            if (!apply(gone, Optional.empty())) {
                return false;
            }
        }
        cursor = changes.get().cursor();
        return true;
    }

    PlacementEngine engine() {
        return engine;
    }

    Set<String> drainingInstances() {
        return drainingInstances;
    }

    /** A task placed through the engine started: it is counted already. */
    void started(String taskId, TaskPlacement placement) {
        counted.put(taskId, new Counted(placement.instanceId(), placement.reservation(), placement.group()));
    }

    /** From now on this state is not used. */
    void discard() {
        discarded = true;
    }

    /** @return false if the change cannot be applied exactly */
    private boolean apply(String taskId, Optional<Task> now) {
        Counted before = counted.get(taskId);
        Optional<Task> live = now.filter(task -> task.lastStatus().isLive());
        if (before != null && live.isPresent()) {
            return before.instanceId().equals(live.get().containerInstanceId());
        }
        if (before != null) {
            if (!before.reservation().hostPorts().isEmpty() || overCommitted.contains(before.instanceId())) {
                return false;
            }
            engine.release(before.instanceId(), before.reservation(), before.group());
            counted.remove(taskId);
            return true;
        }
        if (live.isEmpty()) {
            return true;
        }
        Task task = live.get();
        if (!engine.contains(task.containerInstanceId())) {
            return true; // on an instance the backend does not offer the cluster: not counted, as in a full read
        }
        TaskReservation r = reservation.apply(task);
        if (!r.hostPorts().isEmpty() || !engine.fits(task.containerInstanceId(), r)) {
            return false;
        }
        engine.reserve(task.containerInstanceId(), r, task.group());
        counted.put(taskId, new Counted(task.containerInstanceId(), r, task.group()));
        return true;
    }

    /** A live task the engine counts. */
    private record Counted(String instanceId, TaskReservation reservation, String group) {
    }
}

package dev.berth.scheduler.internal;

import dev.berth.model.HostPorts;
import dev.berth.model.InstanceStatus;
import dev.berth.model.Protocol;
import dev.berth.model.Resource;
import dev.berth.scheduler.InstanceState;
import dev.berth.scheduler.TaskReservation;
import dev.berth.scheduler.query.QueryTarget;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The live state of one instance inside an engine: its facts plus the resources, ports and task counts that
 * placements change. Indexes key on its mutable values, so it may only change while detached from
 * them (see {@link PlacementView#detach}).
 */
public final class Slot implements QueryTarget {

    private final InstanceState facts;
    /** The attributes again, in a compact hash map: spread and memberOf read them on every update. */
    private final Map<String, String> attributes;
    private final long rank;
    private final int ordinal;
    private int remainingCpu;
    private int remainingMemory;
    private int remainingGpus;
    private int runningTasks;
    private final Set<Integer> tcp;
    private final Set<Integer> udp;
    private final Map<String, Integer> tasksByGroup;

    /**
     * @param facts the instance as last reported
     * @param rank the instance's position in the tie-breaking order; unique within an engine
     * @param ordinal the instance's number in its engine, from 0: views keep per-instance facts by it
     */
    public Slot(InstanceState facts, long rank, int ordinal) {
        this.facts = facts;
        this.attributes = Map.copyOf(facts.attributes());
        this.rank = rank;
        this.ordinal = ordinal;
        remainingCpu = facts.remainingCpu();
        remainingMemory = facts.remainingMemoryMiB();
        remainingGpus = facts.remainingGpus();
        runningTasks = facts.runningTasksCount();
        tcp = new HashSet<>(facts.reservedPorts().tcp());
        udp = new HashSet<>(facts.reservedPorts().udp());
        tasksByGroup = new HashMap<>(facts.tasksByGroup());
    }

    /**
     * A well-mixed 64-bit hash of a text (FNV-1a, then the SplitMix64 finalizer): of an instance id, its rank,
     * so that the tie-breaking order does not depend on the order instances are given in.
     *
     * @param text the text, e.g. an instance id
     * @return the hash
     */
    public static long rankOf(String text) {
        long h = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        return h ^ (h >>> 31);
    }

    /** @return the GPUs not reserved */
    public int remainingGpus() {
        return remainingGpus;
    }

    /** @return the instance id */
    public String id() {
        return facts.id();
    }

    /** @return the unique tie-breaking rank */
    public long rank() {
        return rank;
    }

    /** @return the instance's number in its engine, from 0 */
    public int ordinal() {
        return ordinal;
    }

    /** @return the instance status */
    public InstanceStatus status() {
        return facts.status();
    }

    /**
     * @param resource CPU or memory
     * @return the unreserved amount of {@code resource}
     */
    public int remaining(Resource resource) {
        return resource == Resource.CPU ? remainingCpu : remainingMemory;
    }

    /**
     * @param protocol tcp or udp
     * @param port the host port
     * @return whether the static host port is in use
     */
    public boolean portInUse(Protocol protocol, int port) {
        return (protocol == Protocol.TCP ? tcp : udp).contains(port);
    }

    /**
     * @param group the task group
     * @return how many tasks of {@code group} are on the instance
     */
    public int tasksInGroup(String group) {
        return tasksByGroup.getOrDefault(group, 0);
    }

    /**
     * Takes a task's reservation; it is counted as a task of {@code group}. The caller checked it fits.
     *
     * @param reservation what the task reserves
     * @param group the task's group
     */
    public void reserve(TaskReservation reservation, String group) {
        remainingCpu -= reservation.cpu();
        remainingMemory -= reservation.memoryMiB();
        remainingGpus -= reservation.gpus();
        tcp.addAll(reservation.hostPorts().tcp());
        udp.addAll(reservation.hostPorts().udp());
        runningTasks++;
        tasksByGroup.merge(group, 1, Integer::sum);
    }

    /**
     * Gives back a task's reservation, taken by {@link #reserve} or counted in the facts: the task stopped.
     *
     * @param reservation what the task reserved
     * @param group the task's group
     */
    public void release(TaskReservation reservation, String group) {
        remainingCpu += reservation.cpu();
        remainingMemory += reservation.memoryMiB();
        remainingGpus += reservation.gpus();
        tcp.removeAll(reservation.hostPorts().tcp());
        udp.removeAll(reservation.hostPorts().udp());
        runningTasks--;
        tasksByGroup.computeIfPresent(group, (g, count) -> count == 1 ? null : count - 1);
    }

    /** @return the instance as it is now */
    public InstanceState toState() {
        return new InstanceState(facts.id(), facts.status(), facts.agentConnected(), facts.registeredCpu(),
                facts.registeredMemoryMiB(), remainingCpu, remainingMemory, new HostPorts(tcp, udp),
                facts.attributes(), runningTasks, facts.registeredAt(), facts.agentVersion(), facts.ec2InstanceId(),
                tasksByGroup, facts.registeredGpus(), remainingGpus);
    }

    @Override
    public Optional<String> attribute(String name) {
        return Optional.ofNullable(attributes.get(name));
    }

    @Override
    public boolean agentConnected() {
        return facts.agentConnected();
    }

    @Override
    public String agentVersion() {
        return facts.agentVersion();
    }

    @Override
    public Optional<String> ec2InstanceId() {
        return facts.ec2InstanceId();
    }

    @Override
    public Instant registeredAt() {
        return facts.registeredAt();
    }

    @Override
    public int runningTasksCount() {
        return runningTasks;
    }

    @Override
    public Set<String> taskGroups() {
        return tasksByGroup.keySet();
    }

    @Override
    public String toString() {
        return id();
    }
}

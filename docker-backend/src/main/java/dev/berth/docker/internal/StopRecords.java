package dev.berth.docker.internal;

import com.github.dockerjava.api.command.CreateVolumeResponse;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.model.Container;
import dev.berth.exception.ResourceNotFoundException;
import dev.berth.task.StopCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The stop code and reason Berth stopped a task with, kept on the engine so that a new process re-adopting the task
 * reports them (a container's labels cannot change after creation). The record is an empty Docker volume named
 * {@code berth-stop-<task>} whose labels are the task's own (cluster, task, the backend's labels) plus
 * {@link #STOP_CODE} and {@link #STOP_REASON}; it is written before the task's containers get their stop signal and
 * removed with the task. The first record of a task sticks, as the first stop's code does.
 *
 * <p>Lookups are remembered per task in this process (also when there is no record), so an observation pass asks the
 * engine at most once per task; the records this process writes or removes update that memory. The first observation
 * of a cluster reads all its records with one list ({@link #readCluster}), so that a new process knows every stop an
 * earlier one recorded, also of a task whose containers it did not get to signal, without a lookup per task.
 */
final class StopRecords {

    /** The recorded {@link StopCode}'s Java name, e.g. {@code USER_INITIATED}. */
    static final String STOP_CODE = "dev.berth.stop-code";
    /** The recorded stopped reason. */
    static final String STOP_REASON = "dev.berth.stop-reason";

    /** Labels of one container, not of the task: left off the record. */
    private static final List<String> CONTAINER_ONLY = List.of(Labels.CONTAINER, Labels.ESSENTIAL,
            Labels.STOP_TIMEOUT_MS, Labels.DEPENDENCY_LEVEL, Labels.RESTART_IGNORED_EXIT_CODES,
            Labels.RESTART_ATTEMPT_PERIOD_MS);

    private final DockerClients clients;
    private final Map<String, String> scope;
    private final ConcurrentMap<String, Optional<RecordedStop>> known = new ConcurrentHashMap<>();
    private final Set<String> clustersRead = ConcurrentHashMap.newKeySet();

    /**
     * @param clients the engine's clients
     * @param scope the backend's own labels: only records that carry them are found
     */
    StopRecords(DockerClients clients, Map<String, String> scope) {
        this.clients = clients;
        this.scope = Map.copyOf(scope);
    }

    /**
     * Records the stop unless one is recorded already, and remembers the record that sticks.
     *
     * @param taskId the task
     * @param containers the task's containers, whose common labels the record carries
     * @param code its stop code
     * @param reason its stopped reason
     */
    void record(String taskId, List<Container> containers, StopCode code, String reason) {
        if (known.getOrDefault(taskId, Optional.empty()).isPresent() || containers.isEmpty()) {
            return;
        }
        Map<String, String> labels = commonLabels(containers);
        labels.putAll(scope);
        labels.put(Labels.TASK, taskId);
        labels.put(STOP_CODE, code.name());
        labels.put(STOP_REASON, reason);
        String name = volumeName(taskId);
        // Creating a volume that exists returns it unchanged: an earlier or concurrent first record wins, as it
        // should, and the answer's labels tell which record that is (no lookup needed beforehand).
        CreateVolumeResponse created = clients.call("record the stop of task " + taskId,
                () -> clients.calls().createVolumeCmd().withName(name).withLabels(labels).exec());
        RecordedStop ours = new RecordedStop(code, reason);
        known.put(taskId, Optional.of(created.getLabels() == null ? ours : parse(created.getLabels()).orElse(ours)));
    }

    /**
     * @param taskId the task
     * @return the stop recorded for it, if any
     */
    Optional<RecordedStop> find(String taskId) {
        return known.computeIfAbsent(taskId, this::read);
    }

    /**
     * Reads every stop record of the cluster with one list, once per process: each listed task then has its record,
     * or none, in memory. A record of a task that has no container left, made by an earlier process (its task
     * created before {@code openedAt}), is what a removal cut short left behind: it is removed.
     *
     * @param cluster the cluster
     * @param listedTasks the ids of every task the engine lists in the cluster
     * @param openedAt when this process's engine handle opened
     */
    void readCluster(String cluster, Set<String> listedTasks, Instant openedAt) {
        if (clustersRead.contains(cluster)) {
            return;
        }
        String what = "list the stop records of cluster " + cluster;
        for (InspectVolumeResponse v : records(Labels.CLUSTER, cluster, what)) {
            Map<String, String> labels = v.getLabels() == null ? Map.of() : v.getLabels();
            String task = labels.getOrDefault(Labels.TASK, "");
            if (listedTasks.contains(task)) {
                parse(labels).ifPresent(r -> known.putIfAbsent(task, Optional.of(r)));
            } else if (Leftovers.createdBefore(labels, openedAt)) {
                remove(task);
            }
        }
        listedTasks.forEach(task -> known.putIfAbsent(task, Optional.empty()));
        clustersRead.add(cluster);
    }

    /** Removes the task's record; none is fine. */
    void remove(String taskId) {
        known.remove(taskId);
        try {
            clients.run("remove the stop record of task " + taskId,
                    () -> clients.calls().removeVolumeCmd(volumeName(taskId)).exec());
        } catch (ResourceNotFoundException gone) {
            // never recorded, or removed by someone else meanwhile: the goal is reached
        }
    }

    private Optional<RecordedStop> read(String taskId) {
        return records(Labels.TASK, taskId, "find the stop record of task " + taskId).stream()
                .map(v -> v.getLabels() == null ? Map.<String, String>of() : v.getLabels())
                .flatMap(labels -> parse(labels).stream()).findFirst();
    }

    /** @return the stop records with the backend's labels and {@code key=value}, by one list */
    private List<InspectVolumeResponse> records(String key, String value, String what) {
        List<String> filters = new ArrayList<>();
        scope.forEach((k, v) -> filters.add(Labels.filter(k, v)));
        filters.add(Labels.filter(key, value));
        filters.add(STOP_CODE);
        List<InspectVolumeResponse> volumes = clients.call(what,
                () -> clients.calls().listVolumesCmd().withFilter("label", filters).exec().getVolumes());
        return volumes == null ? List.of() : volumes;
    }

    private static Optional<RecordedStop> parse(Map<String, String> labels) {
        try {
            return Optional.of(new RecordedStop(StopCode.valueOf(labels.get(STOP_CODE)),
                    labels.getOrDefault(STOP_REASON, "")));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    /** @return the labels every container of the task carries with the same value, without the per-container ones */
    private static Map<String, String> commonLabels(List<Container> containers) {
        Map<String, String> common = new LinkedHashMap<>(labels(containers.get(0)));
        for (Container c : containers) {
            Map<String, String> own = labels(c);
            common.entrySet().removeIf(e -> !e.getValue().equals(own.get(e.getKey())));
        }
        CONTAINER_ONLY.forEach(common::remove);
        return common;
    }

    private static Map<String, String> labels(Container c) {
        return c.getLabels() == null ? new HashMap<>() : c.getLabels();
    }

    /** @return {@code berth-stop-<task>}, beside the task's network {@code berth-<task>} */
    static String volumeName(String taskId) {
        return "berth-stop-" + taskId;
    }
}

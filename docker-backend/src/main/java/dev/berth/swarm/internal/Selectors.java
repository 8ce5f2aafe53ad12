package dev.berth.swarm.internal;

import dev.berth.docker.internal.Labels;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The label filters that find the backend's Swarm objects: every object carries the configured labels (so that two
 * backends, or two test sessions, on one swarm keep apart) and the cluster's.
 */
public final class Selectors {

    private Selectors() {
    }

    /** @return the filter for everything of a cluster */
    public static Map<String, String> cluster(Map<String, String> extra, String cluster) {
        Map<String, String> labels = new LinkedHashMap<>(extra);
        labels.put(Labels.CLUSTER, cluster);
        return labels;
    }

    /** @return the filter for the container services of one task */
    public static Map<String, String> task(Map<String, String> extra, String cluster, String taskId) {
        Map<String, String> labels = cluster(extra, cluster);
        labels.put(SwarmLabels.KIND, SwarmLabels.KIND_TASK);
        labels.put(Labels.TASK, taskId);
        return labels;
    }

    /** @return the filter for the Swarm service that is one Berth service */
    public static Map<String, String> service(Map<String, String> extra, String cluster, String service) {
        Map<String, String> labels = cluster(extra, cluster);
        labels.put(SwarmLabels.KIND, SwarmLabels.KIND_SERVICE);
        labels.put(Labels.SERVICE, service);
        return labels;
    }
}

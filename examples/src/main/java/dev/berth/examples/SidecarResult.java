package dev.berth.examples;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What {@link SidecarWithDependsOn} observed, for a test to check.
 *
 * @param startOrder the containers in the order they started
 * @param startedAt when each container started, in seconds after the first one (10 ms resolution)
 * @param initDoneAt when the init container wrote its last line before exiting, on the same scale
 * @param initExitCode the init container's exit code
 * @param appPage what the app served: the page it fetched from {@code http://sidecar:9000/}
 * @param sidecarSawApp the sidecar's log line after it reached {@code http://app:8080/}
 * @param tasksLeft the cluster's tasks the backend still lists after the task was removed
 */
public record SidecarResult(List<String> startOrder, Map<String, Double> startedAt, double initDoneAt,
                            OptionalInt initExitCode, String appPage, String sidecarSawApp, int tasksLeft) {

    /** @throws NullPointerException if a component is null */
    public SidecarResult {
        startOrder = List.copyOf(startOrder);
        startedAt = Map.copyOf(startedAt);
        Objects.requireNonNull(initExitCode, "initExitCode");
        Objects.requireNonNull(appPage, "appPage");
        Objects.requireNonNull(sidecarSawApp, "sidecarSawApp");
    }
}

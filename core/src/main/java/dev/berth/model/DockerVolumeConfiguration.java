package dev.berth.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A Docker volume ({@code dockerVolumeConfiguration} of a {@link Volume}): with {@link Scope#TASK} (ECS's default)
 * it is created when the task starts and removed when it stops; with {@link Scope#SHARED} it outlives the task, and
 * every task naming it uses the same volume.
 *
 * @param scope whether the volume belongs to one task or is shared
 * @param autoprovision for a shared volume: create it when it does not exist (ECS's default: it must exist)
 * @param driver the volume driver; empty = Docker's {@code local}
 * @param driverOpts options for the driver, as {@code docker volume create --opt}
 * @param labels labels put on the volume
 */
public record DockerVolumeConfiguration(Scope scope, boolean autoprovision, Optional<String> driver,
                                        Map<String, String> driverOpts, Map<String, String> labels) {

    /** The lifetime of a Docker volume. */
    public enum Scope {
        /** Created when the task starts, removed when it stops. */
        TASK,
        /** Outlives the task; tasks naming it share it. */
        SHARED;

        /** @return ECS's spelling, {@code task} or {@code shared} */
        public String ecsName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Checks that every component is present and copies the collections.
     *
     * @throws NullPointerException if a component is null
     */
    public DockerVolumeConfiguration {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(driver, "driver");
        driverOpts = Collections.unmodifiableMap(new LinkedHashMap<>(driverOpts));
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }

    /** @return a task-scoped volume with Docker's default driver */
    public static DockerVolumeConfiguration taskScoped() {
        return new DockerVolumeConfiguration(Scope.TASK, false, Optional.empty(), Map.of(), Map.of());
    }

    /**
     * @param autoprovision whether to create the volume when it does not exist
     * @return a shared volume with Docker's default driver
     */
    public static DockerVolumeConfiguration shared(boolean autoprovision) {
        return new DockerVolumeConfiguration(Scope.SHARED, autoprovision, Optional.empty(), Map.of(), Map.of());
    }

    /**
     * @param newDriver the volume driver, e.g. {@code local}
     * @param options the driver's options
     * @return a copy with the given driver and options
     */
    public DockerVolumeConfiguration withDriver(String newDriver, Map<String, String> options) {
        return new DockerVolumeConfiguration(scope, autoprovision, Optional.of(newDriver), options, labels);
    }

    /**
     * @param newLabels labels put on the volume
     * @return a copy with the given labels
     */
    public DockerVolumeConfiguration withLabels(Map<String, String> newLabels) {
        return new DockerVolumeConfiguration(scope, autoprovision, driver, driverOpts, newLabels);
    }
}

package dev.berth.inmemory;

import dev.berth.model.ContainerDefinition;
import dev.berth.task.ContainerState;
import dev.berth.task.HealthCheckRun;
import dev.berth.task.HealthStatus;
import dev.berth.task.NetworkBinding;
import dev.berth.task.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** One simulated container of a {@link SimulatedTask}; guarded by the backend's lock like its task. */
final class SimulatedContainer {

    private static final int KEPT_HEALTH_CHECKS = 5;

    private final ContainerDefinition definition;
    private final List<NetworkBinding> bindings;
    private TaskStatus status = TaskStatus.PENDING;
    private OptionalInt exitCode = OptionalInt.empty();
    private HealthStatus health = HealthStatus.UNKNOWN;
    private Optional<String> reason = Optional.empty();
    private Optional<Instant> healthyAt = Optional.empty();
    private final SimulatedOutput output = new SimulatedOutput();
    /** The last runs of its health check a test reported, oldest first, as many as the Docker engine keeps. */
    private final List<HealthCheckRun> healthChecks = new ArrayList<>();

    SimulatedContainer(ContainerDefinition definition, List<NetworkBinding> bindings) {
        this.definition = definition;
        this.bindings = List.copyOf(bindings);
    }

    String name() {
        return definition.name();
    }

    boolean essential() {
        return definition.essential();
    }

    boolean hasHealthCheck() {
        return definition.healthCheck().isPresent();
    }

    boolean isPending() {
        return status == TaskStatus.PENDING;
    }

    boolean isRunning() {
        return status == TaskStatus.RUNNING;
    }

    /** @return what it wrote, and who follows it */
    SimulatedOutput output() {
        return output;
    }

    HealthStatus health() {
        return health;
    }

    /** Its process started at {@code at}; a health check passes {@code healthyDelay} later. */
    void run(Instant at, Duration healthyDelay) {
        status = TaskStatus.RUNNING;
        if (hasHealthCheck()) {
            healthyAt = Optional.of(at.plus(healthyDelay));
        }
    }

    /** Applies the scheduled health-check result if it is due by {@code now}. */
    void checkHealth(Instant now) {
        if (healthyAt.isPresent() && !healthyAt.get().isAfter(now)) {
            health = HealthStatus.HEALTHY;
            healthyAt = Optional.empty();
        }
    }

    /** A test decided its health; the scheduled result no longer applies. */
    void setHealth(HealthStatus newHealth) {
        health = newHealth;
        healthyAt = Optional.empty();
    }

    /** A run of its health check, kept with the four before it. */
    void recordHealthCheck(HealthCheckRun run) {
        healthChecks.add(run);
        if (healthChecks.size() > KEPT_HEALTH_CHECKS) {
            healthChecks.remove(0);
        }
    }

    /** Its process ended with {@code code}. */
    void exit(int code) {
        status = TaskStatus.STOPPED;
        exitCode = OptionalInt.of(code);
        healthyAt = Optional.empty();
        output.end();
    }

    /** It is STOPPED without an exit code: it never ran, or its instance is gone. */
    void stopWithoutExitCode(Optional<String> why) {
        status = TaskStatus.STOPPED;
        reason = why;
        healthyAt = Optional.empty();
        output.end();
    }

    ContainerState state() {
        return new ContainerState(name(), status, exitCode, health, reason, isRunning() ? bindings : List.of(),
                healthChecks);
    }
}

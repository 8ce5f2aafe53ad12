package dev.berth.model;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A container health check, run by the container runtime. ECS's ranges are checked when the task definition is
 * built: interval 5-300 s, timeout 2-60 s, retries 1-10, start period 0-300 s.
 *
 * @param command {@code ["CMD", exe, args...]} or {@code ["CMD-SHELL", "shell command"]}; exit 0 = healthy
 * @param interval time between checks (ECS default 30 s)
 * @param timeout time a check may take before it counts as failed (ECS default 5 s)
 * @param retries consecutive failures before the container is UNHEALTHY (ECS default 3)
 * @param startPeriod grace period whose failures do not count; empty = off (ECS's default)
 */
public record HealthCheck(List<String> command, Duration interval, Duration timeout, int retries,
                          Optional<Duration> startPeriod) {

    /** ECS's default interval. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
    /** ECS's default timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    /** ECS's default retries. */
    public static final int DEFAULT_RETRIES = 3;

    /**
     * Copies the collections, so that the record stays immutable.
     *
     * @throws NullPointerException if a required component is null
     */
    public HealthCheck {
        command = List.copyOf(command);
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(startPeriod, "startPeriod");
    }

    /**
     * @param executable the program to run in the container
     * @param args its arguments
     * @return an exec-form check ({@code CMD}) with ECS's default timings
     */
    public static HealthCheck cmd(String executable, String... args) {
        var command = new java.util.ArrayList<String>();
        command.add("CMD");
        command.add(executable);
        command.addAll(List.of(args));
        return of(command);
    }

    /**
     * @param shellCommand the command the container's {@code /bin/sh -c} runs
     * @return a shell-form check ({@code CMD-SHELL}) with ECS's default timings
     */
    public static HealthCheck shell(String shellCommand) {
        return of(List.of("CMD-SHELL", shellCommand));
    }

    /**
     * @param command ECS's form: {@code CMD} or {@code CMD-SHELL} followed by the command
     * @return a check with the given raw ECS command and ECS's default timings
     */
    public static HealthCheck of(List<String> command) {
        return new HealthCheck(command, DEFAULT_INTERVAL, DEFAULT_TIMEOUT, DEFAULT_RETRIES, Optional.empty());
    }

    /**
     * @param newInterval time between two checks
     * @return a copy with the given interval
     */
    public HealthCheck withInterval(Duration newInterval) {
        return new HealthCheck(command, newInterval, timeout, retries, startPeriod);
    }

    /**
     * @param newTimeout how long one check may take
     * @return a copy with the given timeout
     */
    public HealthCheck withTimeout(Duration newTimeout) {
        return new HealthCheck(command, interval, newTimeout, retries, startPeriod);
    }

    /**
     * @param newRetries failed checks in a row that make the container UNHEALTHY
     * @return a copy with the given retries
     */
    public HealthCheck withRetries(int newRetries) {
        return new HealthCheck(command, interval, timeout, newRetries, startPeriod);
    }

    /**
     * @param newStartPeriod grace time after start during which failures do not count
     * @return a copy with the given start period
     */
    public HealthCheck withStartPeriod(Duration newStartPeriod) {
        return new HealthCheck(command, interval, timeout, retries, Optional.of(newStartPeriod));
    }
}

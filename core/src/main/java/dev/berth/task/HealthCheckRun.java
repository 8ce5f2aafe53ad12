package dev.berth.task;

import java.time.Instant;
import java.util.Objects;

/**
 * One run of a container's health check, as the engine reports it: when it ran, its exit code and what it printed.
 * ECS shows the same for a container's last check (its health status with the check's exit code and output), and
 * it is what tells why a container is not HEALTHY, e.g. exit 127 with {@code /bin/sh: curl: not found}.
 *
 * @param startedAt when the check started
 * @param exitCode 0 when it passed; 1 when the command reported unhealthy; any other value is a failure of the
 *     command itself (127: not found, 126: not executable), and -1 a check the engine cut off at its timeout
 * @param output what the command printed (the Docker engine keeps its first 4 KiB); empty if nothing
 */
public record HealthCheckRun(Instant startedAt, int exitCode, String output) {

    /** Longest output a {@link #summary()} quotes. */
    private static final int SUMMARY_OUTPUT = 200;

    /**
     * @throws NullPointerException if a component is null
     */
    public HealthCheckRun {
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(output, "output");
    }

    /** @return whether the check passed */
    public boolean passed() {
        return exitCode == 0;
    }

    /**
     * @return e.g. {@code exit 127: "/bin/sh: curl: not found"}, the output on one line and cut at 200 characters,
     *     for failure messages
     */
    public String summary() {
        String oneLine = output.strip().replaceAll("\\s*\\R\\s*", " | ");
        String quoted = oneLine.length() > SUMMARY_OUTPUT ? oneLine.substring(0, SUMMARY_OUTPUT) + "..." : oneLine;
        return "exit " + exitCode + (quoted.isEmpty() ? " (no output)" : ": \"" + quoted + "\"");
    }
}

package dev.berth.junit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Who started a test's containers: this run's id, and the JVM's host, pid and start time. Carried as labels on every
 * container and network the extension creates, so that a later run can tell leftovers of a dead JVM (swept) from
 * those of a live parallel JVM (left alone).
 *
 * @param runId random per JVM, so that two runs never share labels
 * @param host the JVM's host name; leftovers of other hosts are never judged
 * @param pid the JVM's process id
 * @param startedAt when the JVM started, in epoch milliseconds, or empty if the OS does not tell; guards against a
 *     reused pid
 */
record RunIdentity(String runId, String host, long pid, Optional<Long> startedAt) {

    /** Label key: the run's id. */
    static final String RUN = "dev.berth.junit.run";
    /** Label key: the host of the run's JVM. */
    static final String HOST = "dev.berth.junit.host";
    /** Label key: the pid of the run's JVM. */
    static final String PID = "dev.berth.junit.pid";
    /** Label key: the start time of the run's JVM, epoch milliseconds. */
    static final String STARTED_AT = "dev.berth.junit.jvm-started-at";
    /** Label key: the scope (test class or test method) the resource belongs to. */
    static final String SCOPE = "dev.berth.junit.scope";

    /** This JVM's identity; one run per JVM. */
    static final RunIdentity CURRENT = new RunIdentity(UUID.randomUUID().toString().substring(0, 8), localHost(),
            ProcessHandle.current().pid(), startOf(ProcessHandle.current()));

    RunIdentity {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(startedAt, "startedAt");
    }

    /** @return the labels that identify this run */
    Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(RUN, runId);
        labels.put(HOST, host);
        labels.put(PID, Long.toString(pid));
        startedAt.ifPresent(t -> labels.put(STARTED_AT, Long.toString(t)));
        return labels;
    }

    /**
     * @param labels a resource's labels
     * @return whether they name a run of another JVM on this host that has ended: its pid is gone, or now belongs
     *     to a process started at another time. Resources of other hosts, of this run, or without run labels are
     *     never judged gone.
     */
    boolean isGoneRun(Map<String, String> labels) {
        String run = labels.get(RUN);
        if (run == null || run.equals(runId) || !host.equals(labels.get(HOST))) {
            return false;
        }
        long otherPid;
        try {
            otherPid = Long.parseLong(labels.getOrDefault(PID, ""));
        } catch (NumberFormatException e) {
            return false;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(otherPid);
        if (process.isEmpty()) {
            return true;
        }
        Optional<Long> recorded = Optional.ofNullable(labels.get(STARTED_AT)).map(RunIdentity::parseOrNull);
        Optional<Long> actual = startOf(process.get());
        return recorded.isPresent() && actual.isPresent() && !recorded.equals(actual);
    }

    private static Long parseOrNull(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Optional<Long> startOf(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toEpochMilli);
    }

    private static String localHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            // Still unique enough to keep another host's resources apart on a shared engine.
            return Objects.requireNonNullElse(System.getenv("HOSTNAME"), "unknown-host");
        }
    }
}

package dev.berth.benchmarks.controlplane;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * One side's measurement of one phase.
 *
 * @param phase the phase
 * @param elapsed from the first request until the phase's goal was observed
 * @param tasks the tasks (pods) the phase started or stopped
 * @param cpuSeconds CPU seconds the side's control plane used during the phase, by part (Berth: its JVM without the
 *     harness's own polling; Kubernetes: each process of the control plane)
 * @param memoryMiB memory held by the side's control plane when the goal was reached (Berth: used heap after a GC;
 *     Kubernetes: the resident memory of its processes)
 */
record PhaseResult(Phase phase, Duration elapsed, int tasks, Map<String, Double> cpuSeconds, long memoryMiB) {

    PhaseResult {
        cpuSeconds = Map.copyOf(cpuSeconds);
    }

    /** @return the tasks (pods) per second of the phase */
    double tasksPerSecond() {
        return tasks / (elapsed.toNanos() / 1e9);
    }

    /** @return e.g. {@code create, to all running: 14.09 s, 710 tasks/s} */
    String summary() {
        return String.format(Locale.ROOT, "%s: %.2f s, %,.0f tasks/s", phase.label(),
                elapsed.toNanos() / 1e9, tasksPerSecond());
    }

    /** @return all CPU seconds of the side's control plane in the phase */
    double totalCpuSeconds() {
        return cpuSeconds.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}

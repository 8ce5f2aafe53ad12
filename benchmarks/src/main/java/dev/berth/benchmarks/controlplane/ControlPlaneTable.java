package dev.berth.benchmarks.controlplane;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The markdown table of a run: per phase, each side's time, throughput and CPU, and Berth's throughput as a multiple
 * of Kubernetes' when both ran.
 */
final class ControlPlaneTable {

    private ControlPlaneTable() {
    }

    /**
     * @param berth Berth's results, empty if it did not run
     * @param kubernetes Kubernetes' results, empty if it did not run
     * @return the table, one row per phase and side
     */
    static String render(List<PhaseResult> berth, List<PhaseResult> kubernetes) {
        StringBuilder table = new StringBuilder("""
                | phase | side | s | tasks/s | Berth's throughput ÷ Kubernetes' | CPU s | CPU s by part | memory MiB |
                |---|---|---:|---:|---:|---:|---|---:|
                """);
        for (Phase phase : Phase.values()) {
            PhaseResult ours = find(berth, phase);
            PhaseResult theirs = find(kubernetes, phase);
            String ratio = ours != null && theirs != null
                    ? format("%.1fx", ours.tasksPerSecond() / theirs.tasksPerSecond()) : "–";
            if (ours != null) {
                table.append(row(phase, "Berth (in-memory backend)", ours, ratio));
            }
            if (theirs != null) {
                table.append(row(phase, "Kubernetes + kwok", theirs, ours != null ? "" : "–"));
            }
        }
        return table.toString();
    }

    private static String row(Phase phase, String side, PhaseResult result, String ratio) {
        String parts = result.cpuSeconds().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + " " + format("%.1f", e.getValue())).collect(Collectors.joining(", "));
        return format("| %s | %s | %.2f | %,.0f | %s | %.1f | %s | %,d |%n", phase.label(), side,
                result.elapsed().toNanos() / 1e9, result.tasksPerSecond(), ratio, result.totalCpuSeconds(), parts,
                result.memoryMiB());
    }

    private static PhaseResult find(List<PhaseResult> results, Phase phase) {
        return results.stream().filter(r -> r.phase() == phase).findFirst().orElse(null);
    }

    private static String format(String pattern, Object... values) {
        return String.format(Locale.ROOT, pattern, values);
    }
}

package dev.berth.benchmarks.swarm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The samples of a run by scenario and contender, printed as one markdown table: medians with min and max, the
 * engine's and the JVM's CPU, and Berth's median divided by each contender's (below 1.00: Berth is faster).
 */
final class ResultTable {

    private final Map<String, Map<String, List<Sample>>> samples = new LinkedHashMap<>();

    /** Records one sample. */
    synchronized void add(String scenario, String contender, Sample sample) {
        samples.computeIfAbsent(scenario, s -> new LinkedHashMap<>())
                .computeIfAbsent(contender, c -> new ArrayList<>()).add(sample);
    }

    /** @return the table in markdown, one row per scenario and contender */
    synchronized String markdown(String berth) {
        StringBuilder out = new StringBuilder();
        out.append("| scenario | contender | reps | median s | min–max s | Berth ÷ this | dockerd CPU s"
                + " | containerd CPU s | JVM CPU s | JVM heap MiB | client requests failed / sent | fewest serving |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        samples.forEach((scenario, byContender) -> {
            List<Sample> ours = byContender.get(berth);
            double berthMedian = ours == null ? Double.NaN : median(ours, Sample::seconds);
            byContender.forEach((contender, list) -> {
                double median = median(list, Sample::seconds);
                boolean client = list.stream().anyMatch(s -> s.fewestServing() >= 0);
                out.append(String.format(Locale.ROOT,
                        "| %s | %s | %d | %.2f | %.2f–%.2f | %s | %.2f | %.2f | %.2f | %.0f | %s | %s |%n",
                        scenario, contender, list.size(), median, min(list), max(list),
                        Double.isNaN(berthMedian) ? "–" : String.format(Locale.ROOT, "%.2f", berthMedian / median),
                        median(list, Sample::dockerdCpu), median(list, Sample::containerdCpu),
                        median(list, Sample::jvmCpu), median(list, Sample::heapMiB),
                        client ? String.format(Locale.ROOT, "%.0f / %.0f", median(list, s -> s.failed()),
                                median(list, s -> s.requests())) : "–",
                        client ? String.format(Locale.ROOT, "%.0f", median(list, s -> s.fewestServing())) : "–"));
            });
        });
        return out.toString();
    }

    static double median(List<Sample> list, ToDoubleFunction<Sample> value) {
        double[] sorted = list.stream().mapToDouble(value).sorted().toArray();
        int n = sorted.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double min(List<Sample> list) {
        return list.stream().mapToDouble(Sample::seconds).min().orElse(Double.NaN);
    }

    private static double max(List<Sample> list) {
        return list.stream().mapToDouble(Sample::seconds).max().orElse(Double.NaN);
    }
}

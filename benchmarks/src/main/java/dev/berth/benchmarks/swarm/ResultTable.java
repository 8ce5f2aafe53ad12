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

    /**
     * @return the table in markdown, one row per scenario and contender; the client's columns sum or pool the
     *     requests of every repetition, so that a failure in any roll shows
     */
    synchronized String markdown(String berth) {
        StringBuilder out = new StringBuilder();
        out.append("| scenario | contender | reps | median s | min–max s | Berth ÷ this | dockerd CPU s"
                + " | containerd CPU s | JVM CPU s | JVM heap MiB | client requests failed / sent, all reps"
                + " | request ms p50 / p99 / max | fewest serving |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        samples.forEach((scenario, byContender) -> {
            List<Sample> ours = byContender.get(berth);
            double berthMedian = ours == null ? Double.NaN : median(ours, Sample::seconds);
            byContender.forEach((contender, list) -> {
                double median = median(list, Sample::seconds);
                List<ClientTotals> rolls = list.stream().flatMap(s -> s.client().stream()).toList();
                out.append(String.format(Locale.ROOT,
                        "| %s | %s | %d | %.2f | %.2f–%.2f | %s | %.2f | %.2f | %.2f | %.0f | %s | %s | %s |%n",
                        scenario, contender, list.size(), median, min(list), max(list),
                        Double.isNaN(berthMedian) ? "–" : String.format(Locale.ROOT, "%.2f", berthMedian / median),
                        median(list, Sample::dockerdCpu), median(list, Sample::containerdCpu),
                        median(list, Sample::jvmCpu), median(list, Sample::heapMiB),
                        rolls.isEmpty() ? "–" : rolls.stream().mapToInt(ClientTotals::failed).sum() + " / "
                                + rolls.stream().mapToInt(ClientTotals::requests).sum(),
                        rolls.isEmpty() ? "–" : latencies(rolls),
                        rolls.isEmpty() ? "–" : Integer.toString(rolls.stream()
                                .mapToInt(ClientTotals::fewestServing).min().orElse(0))));
            });
        });
        return out.toString();
    }

    /** @return the 50th and 99th percentile (nearest rank) and the maximum of every request's time */
    private static String latencies(List<ClientTotals> rolls) {
        int[] sorted = rolls.stream().flatMap(r -> r.latencyMillis().stream()).mapToInt(Integer::intValue)
                .sorted().toArray();
        if (sorted.length == 0) {
            return "–";
        }
        return rank(sorted, 0.50) + " / " + rank(sorted, 0.99) + " / " + sorted[sorted.length - 1];
    }

    private static int rank(int[] sorted, double percentile) {
        return sorted[Math.max(0, (int) Math.ceil(percentile * sorted.length) - 1)];
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

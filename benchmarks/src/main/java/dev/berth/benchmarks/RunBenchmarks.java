package dev.berth.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * Runs the JMH benchmarks (any JMH command-line options are accepted; the defaults are on the benchmark
 * classes) and prints two tables: per placement benchmark and fleet size, the median and mean throughput with
 * JMH's 99.9% error, the median time per operation and how the cost per placement grows from the smallest fleet
 * to the largest; per reconcile benchmark and task count, the time per pass, its growth from one size to the
 * next, the time per task relative to the smallest size and (with {@code -prof gc}) the bytes allocated per pass.
 */
public final class RunBenchmarks {

    private RunBenchmarks() {
    }

    /**
     * @param args JMH options, e.g. {@code -p instances=10000 -i 5}
     * @throws RunnerException if a benchmark fails
     * @throws CommandLineOptionException if the options are invalid
     */
    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        Collection<RunResult> results = new Runner(new CommandLineOptions(args)).run();
        List<RunResult> placement = results.stream()
                .filter(r -> r.getParams().getParam("instances") != null).toList();
        List<RunResult> reconcile = results.stream()
                .filter(r -> r.getParams().getParam("tasks") != null).toList();
        if (!placement.isEmpty()) {
            System.out.println();
            System.out.println("| benchmark | instances | median ops/s | median ms/op | mean ops/s | error (99.9%)"
                    + " | cost vs smallest |");
            System.out.println("|---|---:|---:|---:|---:|---:|---:|");
            Map<String, TreeMap<Integer, Double>> medians = medians(placement, "instances");
            for (RunResult run : placement) {
                String name = name(run);
                int instances = Integer.parseInt(run.getParams().getParam("instances"));
                Map<Integer, Double> byFleet = medians.get(name);
                double median = byFleet.get(instances);
                double smallest = byFleet.values().iterator().next();
                System.out.printf("| %s | %,d | %,.2f | %,.4f | %,.2f | ± %,.2f | %.2fx |%n", name, instances,
                        median, 1000 / median, run.getPrimaryResult().getScore(),
                        run.getPrimaryResult().getScoreError(), smallest / median);
            }
        }
        if (!reconcile.isEmpty()) {
            // Time per pass: growth from one size to the next, and per task relative to the smallest size.
            System.out.println();
            System.out.println("| benchmark | tasks | median ms/pass | min–max ms | mean ± error (99.9%) ms"
                    + " | bytes allocated/pass | time vs previous size | time per task vs smallest |");
            System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
            Map<String, TreeMap<Integer, Double>> medians = medians(reconcile, "tasks");
            for (RunResult run : reconcile) {
                String name = name(run);
                int tasks = Integer.parseInt(run.getParams().getParam("tasks"));
                Map.Entry<Integer, Double> smallest = medians.get(name).firstEntry();
                Map.Entry<Integer, Double> previous = medians.get(name).lowerEntry(tasks);
                double median = medians.get(name).get(tasks);
                List<Double> scores = scores(run);
                var alloc = run.getSecondaryResults().get("gc.alloc.rate.norm");
                System.out.printf("| %s | %,d | %,.3f | %,.3f–%,.3f | %,.3f ± %,.3f | %s | %s | %.2fx |%n", name,
                        tasks, median, scores.stream().mapToDouble(d -> d).min().orElse(Double.NaN),
                        scores.stream().mapToDouble(d -> d).max().orElse(Double.NaN),
                        run.getPrimaryResult().getScore(), run.getPrimaryResult().getScoreError(),
                        alloc == null ? "(run with -prof gc)" : String.format("%,.0f", alloc.getScore()),
                        previous == null ? "–" : String.format("%.2fx for %.0fx tasks", median / previous.getValue(),
                                tasks / (double) previous.getKey()),
                        (median / tasks) / (smallest.getValue() / smallest.getKey()));
            }
        }
    }

    private static String name(RunResult run) {
        return run.getParams().getBenchmark().replaceAll(".*\\.", "");
    }

    private static List<Double> scores(RunResult run) {
        List<Double> scores = new ArrayList<>();
        for (BenchmarkResult benchmark : run.getBenchmarkResults()) {
            for (IterationResult iteration : benchmark.getIterationResults()) {
                scores.add(iteration.getPrimaryResult().getScore());
            }
        }
        return scores;
    }

    /** @return the median score of each benchmark by the value of {@code param}, smallest value first */
    private static Map<String, TreeMap<Integer, Double>> medians(List<RunResult> results, String param) {
        Map<String, TreeMap<Integer, Double>> medians = new TreeMap<>();
        for (RunResult run : results) {
            int size = Integer.parseInt(run.getParams().getParam(param));
            medians.computeIfAbsent(name(run), n -> new TreeMap<>()).put(size, median(scores(run)));
        }
        return medians;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}

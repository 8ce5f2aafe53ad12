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
 * classes) and prints, per benchmark and fleet size, the median and mean throughput with JMH's 99.9% error,
 * and how the cost per placement grows from the smallest fleet to the largest.
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
        System.out.println();
        System.out.println("| benchmark | instances | median ops/s | mean ops/s | error (99.9%) | cost vs smallest |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        Map<String, Map<Integer, Double>> medians = new TreeMap<>();
        for (RunResult run : results) {
            String name = run.getParams().getBenchmark().replaceAll(".*\\.", "");
            int instances = Integer.parseInt(run.getParams().getParam("instances"));
            List<Double> scores = new ArrayList<>();
            for (BenchmarkResult benchmark : run.getBenchmarkResults()) {
                for (IterationResult iteration : benchmark.getIterationResults()) {
                    scores.add(iteration.getPrimaryResult().getScore());
                }
            }
            medians.computeIfAbsent(name, n -> new TreeMap<>()).put(instances, median(scores));
        }
        for (RunResult run : results) {
            String name = run.getParams().getBenchmark().replaceAll(".*\\.", "");
            int instances = Integer.parseInt(run.getParams().getParam("instances"));
            Map<Integer, Double> byFleet = medians.get(name);
            double median = byFleet.get(instances);
            double smallest = byFleet.values().iterator().next();
            System.out.printf("| %s | %,d | %,.0f | %,.0f | ± %,.0f | %.2fx |%n", name, instances, median,
                    run.getPrimaryResult().getScore(), run.getPrimaryResult().getScoreError(), smallest / median);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}

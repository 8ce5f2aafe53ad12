package dev.berth.benchmarks.controlplane;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * CPU time and resident memory of the processes {@code scripts/k8s-env.sh} started, read from {@code /proc}. The
 * script records each part's process-group leader in {@code <state>/pids/<part>}; every process of that group counts
 * for the part.
 */
final class ProcessGroupMeter {

    /** Clock ticks per second of {@code /proc/<pid>/stat}'s times: Linux's USER_HZ, 100 on every common build. */
    private static final double TICKS_PER_SECOND = 100;
    private static final long PAGE_BYTES = 4096;

    private final Map<String, Integer> groups;

    private ProcessGroupMeter(Map<String, Integer> groups) {
        this.groups = groups;
    }

    /**
     * @param stateDirectory the control plane's state directory
     * @return a meter of the parts recorded there
     * @throws IllegalStateException if none is recorded
     */
    static ProcessGroupMeter of(Path stateDirectory) {
        Map<String, Integer> groups = new TreeMap<>();
        try (Stream<Path> files = Files.list(stateDirectory.resolve("pids"))) {
            for (Path file : (Iterable<Path>) files::iterator) {
                groups.put(file.getFileName().toString(), Integer.parseInt(Files.readString(file).strip()));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the control plane's pids under " + stateDirectory
                    + " (start it with scripts/k8s-env.sh): " + e.getMessage(), e);
        }
        if (groups.isEmpty()) {
            throw new IllegalStateException("no control plane process is recorded under " + stateDirectory);
        }
        return new ProcessGroupMeter(groups);
    }

    /** @return CPU seconds (user + system) each part has used so far */
    Map<String, Double> cpuSeconds() {
        Map<String, Double> cpu = new TreeMap<>();
        groups.keySet().forEach(part -> cpu.put(part, 0.0));
        forEachProcess((part, fields) -> cpu.merge(part,
                (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND, Double::sum));
        return cpu;
    }

    /** @return the resident memory of all parts together, in MiB */
    long residentMiB() {
        long[] pages = {0};
        forEachProcess((part, fields) -> pages[0] += Long.parseLong(fields[21]));
        return pages[0] * PAGE_BYTES >> 20;
    }

    /**
     * @param before the parts' CPU seconds at the start
     * @param after the parts' CPU seconds at the end
     * @return what each part used in between
     */
    static Map<String, Double> difference(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> used = new TreeMap<>();
        after.forEach((part, seconds) -> used.put(part, seconds - before.getOrDefault(part, 0.0)));
        return used;
    }

    /** Calls {@code action} with each live process of a recorded group and its stat fields after the name. */
    private void forEachProcess(BiConsumer<String, String[]> action) {
        Map<Integer, String> partOfGroup = new TreeMap<>();
        groups.forEach((part, leader) -> partOfGroup.put(leader, part));
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : (Iterable<Path>) processes::iterator) {
                if (!process.getFileName().toString().chars().allMatch(Character::isDigit)) {
                    continue;
                }
                String[] fields = statFields(process);
                // After the name: state (0), ppid (1), pgrp (2), ..., utime (11), stime (12), ..., rss (21).
                String part = fields == null ? null : partOfGroup.get(Integer.parseInt(fields[2]));
                if (part != null) {
                    action.accept(part, fields);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fields of {@code /proc/<pid>/stat} after the parenthesised name (which may hold spaces). */
    private static String[] statFields(Path process) throws IOException {
        String stat;
        try {
            stat = Files.readString(process.resolve("stat"));
        } catch (NoSuchFileException e) {
            return null; // the process ended while the list was read
        }
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }
}

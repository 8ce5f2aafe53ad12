package dev.berth.benchmarks.controlplane;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU time and resident memory of the processes {@code scripts/k8s-env.sh} started. The script records each part's
 * process id in {@code <state>/pids/<part>}; the part's figures are that process's and its descendants'.
 */
final class ControlPlaneProcesses {

    private static final long PAGE_BYTES = 4096;

    private final Map<String, Long> pidByPart;

    private ControlPlaneProcesses(Map<String, Long> pidByPart) {
        this.pidByPart = pidByPart;
    }

    /**
     * @param stateDirectory the control plane's state directory
     * @return the parts recorded there
     * @throws IllegalStateException if none is recorded
     */
    static ControlPlaneProcesses of(Path stateDirectory) {
        Map<String, Long> pids = new TreeMap<>();
        try (Stream<Path> files = Files.list(stateDirectory.resolve("pids"))) {
            for (Path file : (Iterable<Path>) files::iterator) {
                pids.put(file.getFileName().toString(), Long.parseLong(Files.readString(file).strip()));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the control plane's pids under " + stateDirectory
                    + " (start it with scripts/k8s-env.sh): " + e.getMessage(), e);
        }
        if (pids.isEmpty()) {
            throw new IllegalStateException("no control plane process is recorded under " + stateDirectory);
        }
        return new ControlPlaneProcesses(pids);
    }

    /** @return CPU seconds (user + system) each part has used so far; 0 for a part that is gone */
    Map<String, Double> cpuSeconds() {
        Map<String, Double> cpu = new TreeMap<>();
        pidByPart.forEach((part, pid) -> cpu.put(part, processes(pid)
                .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L)).sum() / 1e9));
        return cpu;
    }

    /** @return the resident memory of all parts together, in MiB */
    long residentMiB() {
        long pages = pidByPart.values().stream().flatMap(ControlPlaneProcesses::processes)
                .mapToLong(ControlPlaneProcesses::residentPages).sum();
        return pages * PAGE_BYTES >> 20;
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

    /** The process and its descendants, those still alive. */
    private static Stream<ProcessHandle> processes(long pid) {
        return ProcessHandle.of(pid).stream().flatMap(p -> Stream.concat(Stream.of(p), p.descendants()));
    }

    /** The resident pages of a process, from {@code /proc/<pid>/statm} (the JDK does not report them). */
    private static long residentPages(ProcessHandle process) {
        try {
            return Long.parseLong(Files.readString(Path.of("/proc", Long.toString(process.pid()), "statm"))
                    .split(" ")[1]);
        } catch (NoSuchFileException e) {
            return 0; // it ended meanwhile
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the memory of process " + process.pid(), e);
        }
    }
}

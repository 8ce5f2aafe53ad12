package dev.berth.benchmarks.controlplane;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The control-plane harness's command-line options.
 *
 * @param services services (Deployments) created at once
 * @param tasksPerService desired tasks (replicas) of each
 * @param nodes simulated instances (kwok nodes) the tasks are placed on
 * @param sides which sides run, in this order, of {@code berth} and {@code kubernetes}
 * @param kubeconfig the Kubernetes control plane's kubeconfig (needed when {@code kubernetes} runs)
 * @param stateDirectory the control plane's state directory from {@code scripts/k8s-env.sh}, whose {@code pids}
 *     folder names the processes whose CPU and memory are measured
 * @param parallelism how many threads send the requests of a phase, on both sides
 * @param timeout the longest any one phase may take
 */
record ControlPlaneOptions(int services, int tasksPerService, int nodes, List<String> sides, Path kubeconfig,
                           Path stateDirectory, int parallelism, Duration timeout) {

    /** Every side's key for {@code --sides}. */
    static final Set<String> ALL_SIDES = Set.of("berth", "kubernetes");

    static final String USAGE = """
            Options (defaults in brackets):
              --services N      services (Deployments) created at once [100]
              --tasks N         desired tasks (replicas) of each [10]
              --nodes N         simulated instances (kwok nodes) [100]
              --sides A,B       sides to run, in order, of berth, kubernetes [berth,kubernetes]
              --kubeconfig F    the control plane's kubeconfig [$BERTH_K8S_STATE/kubeconfig]
              --state DIR       the control plane's state directory (scripts/k8s-env.sh) [$BERTH_K8S_STATE]
              --parallel N      threads sending a phase's requests, on both sides [8]
              --timeout SECONDS longest single phase [3600]
            """;

    ControlPlaneOptions {
        if (services < 1 || tasksPerService < 1 || nodes < 1 || parallelism < 1 || timeout.isNegative()
                || timeout.isZero()) {
            throw new IllegalArgumentException("services, tasks, nodes, parallel and timeout must be positive\n"
                    + USAGE);
        }
        sides = List.copyOf(sides);
        if (sides.isEmpty() || !ALL_SIDES.containsAll(sides) || Set.copyOf(sides).size() != sides.size()) {
            throw new IllegalArgumentException("--sides takes each of " + ALL_SIDES + " at most once, was " + sides
                    + "\n" + USAGE);
        }
    }

    /**
     * @param defaultState the control plane's state directory when {@code --state} is not given
     * @param args e.g. {@code --services 1000 --tasks 10 --nodes 1000}
     * @return the options
     * @throws IllegalArgumentException if an option is unknown or its value invalid; the message has the usage
     */
    static ControlPlaneOptions parse(Path defaultState, String... args) {
        int services = 100;
        int tasks = 10;
        int nodes = 100;
        List<String> sides = List.of("berth", "kubernetes");
        Path kubeconfig = null;
        Path state = defaultState;
        int parallel = 8;
        Duration timeout = Duration.ofHours(1);
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + args[i] + " has no value\n" + USAGE);
            }
            String value = args[i + 1];
            try {
                switch (args[i]) {
                    case "--services" -> services = Integer.parseInt(value);
                    case "--tasks" -> tasks = Integer.parseInt(value);
                    case "--nodes" -> nodes = Integer.parseInt(value);
                    case "--sides" -> sides = Arrays.stream(value.split(",")).map(String::strip).toList();
                    case "--kubeconfig" -> kubeconfig = Path.of(value);
                    case "--state" -> state = Path.of(value);
                    case "--parallel" -> parallel = Integer.parseInt(value);
                    case "--timeout" -> timeout = Duration.ofSeconds(Long.parseLong(value));
                    default -> throw new IllegalArgumentException("unknown option " + args[i] + "\n" + USAGE);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("option " + args[i] + " needs a number, was '" + value + "'\n"
                        + USAGE, e);
            }
        }
        return new ControlPlaneOptions(services, tasks, nodes, sides,
                kubeconfig != null ? kubeconfig : state.resolve("kubeconfig"), state, parallel, timeout);
    }

    /** @return the tasks (pods) of all services together */
    int totalTasks() {
        return Math.multiplyExact(services, tasksPerService);
    }

    /** @return e.g. {@code 1,000 services x 10 tasks on 1,000 instances} */
    String describe() {
        return String.format("%,d services x %,d tasks on %,d instances", services, tasksPerService, nodes);
    }
}

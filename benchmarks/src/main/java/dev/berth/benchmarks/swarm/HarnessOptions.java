package dev.berth.benchmarks.swarm;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The harness's command-line options.
 *
 * @param reps repetitions of every measurement (alternating contenders within each)
 * @param warmUps unmeasured rounds of the "time to N running" scenarios before the repetitions, each contender
 *     starting every size once per round, so that the repetitions measure a warm process, as a library in a
 *     long-running service is; the first round's samples are reported in rows of their own, marked cold
 * @param sizes replica counts of the "time to N running" measurements; the largest is also scaled to 0
 * @param rollReplicas replicas of the web service that is rolled; 0 skips the roll
 * @param parallelism how many {@code docker run} command lines run at once, and Swarm's update parallelism cap
 * @param stopGrace the stop grace on every side
 * @param timeout the longest any one measurement may take
 * @param settle pause between two measurements, for the engine to finish background work
 * @param healthInterval how often the web workload's health is checked, on every side
 * @param healthTimeout how long one such check may take
 * @param image the image of every container
 * @param contenders which contenders run, of {@code berth}, {@code berth-lb} (the roll through Berth's load
 *     balancer), {@code swarm}, {@code swarm-mesh} (the roll through Swarm's routing mesh), {@code raw}
 */
record HarnessOptions(int reps, int warmUps, List<Integer> sizes, int rollReplicas, int parallelism, Duration stopGrace,
                      Duration timeout, Duration settle, Duration healthInterval, Duration healthTimeout, String image,
                      Set<String> contenders) {

    /** Every contender's key for {@code --only}. */
    static final Set<String> ALL = Set.of("berth", "berth-lb", "swarm", "swarm-mesh", "raw");

    /** The contenders that run when {@code --only} is not given: the mesh needs IPVS in the kernel, so only on ask. */
    static final Set<String> DEFAULT = Set.of("berth", "berth-lb", "swarm", "raw");

    static final String USAGE = """
            Options (defaults in brackets):
              --reps N          repetitions of every measurement [5]
              --warm-up N       unmeasured rounds of the "N running" scenarios before the repetitions, for a
                                warm JVM; the first round is reported in rows marked cold [2]
              --sizes A,B,...   replica counts for "time to N running" [10,50,100]; the largest is scaled to 0
              --roll N          replicas of the rolled web service, 0 to skip [50]
              --parallel N      parallel docker run command lines [8]
              --grace SECONDS   stop grace on every side [10]
              --timeout SECONDS longest single measurement [300]
              --settle SECONDS  pause between measurements [2]
              --health-interval SECONDS  the web workload's health check interval [5]
              --health-timeout SECONDS   its timeout [5]
              --image REF       image of every container [berth-test/busybox:1]
              --only A,B        contenders to run, of berth, berth-lb (the roll through Berth's load balancer),
                                swarm, swarm-mesh (the roll through Swarm's routing mesh; needs IPVS in the
                                kernel), raw [all but swarm-mesh]
            """;

    HarnessOptions {
        if (warmUps < 0) {
            throw new IllegalArgumentException("--warm-up must be at least 0\n" + USAGE);
        }
        if (reps < 1 || sizes.isEmpty() || sizes.stream().anyMatch(n -> n < 1) || rollReplicas < 0
                || parallelism < 1) {
            throw new IllegalArgumentException("reps, sizes and parallel must be positive, roll at least 0\n" + USAGE);
        }
        if (healthInterval.isNegative() || healthInterval.isZero() || healthTimeout.isNegative()
                || healthTimeout.isZero()) {
            throw new IllegalArgumentException("--health-interval and --health-timeout must be positive\n" + USAGE);
        }
        if (rollReplicas > 0 && stopGrace.compareTo(Workload.DRAIN) <= 0) {
            throw new IllegalArgumentException("--grace must exceed the web workload's drain of "
                    + Workload.DRAIN.toSeconds() + " s\n" + USAGE);
        }
        sizes = List.copyOf(sizes);
        contenders = Set.copyOf(contenders);
        if (contenders.isEmpty() || !ALL.containsAll(contenders)) {
            throw new IllegalArgumentException("--only takes some of " + ALL + ", was " + contenders + "\n" + USAGE);
        }
    }

    /**
     * @param args e.g. {@code --reps 1 --sizes 10,50}
     * @return the options
     * @throws IllegalArgumentException if an option is unknown or its value invalid; the message has the usage
     */
    static HarnessOptions parse(String... args) {
        int reps = 5;
        int warmUps = 2;
        List<Integer> sizes = List.of(10, 50, 100);
        int roll = 50;
        int parallel = 8;
        Duration grace = Duration.ofSeconds(10);
        Duration timeout = Duration.ofSeconds(300);
        Duration settle = Duration.ofSeconds(2);
        Duration healthInterval = Workload.HEALTH_INTERVAL;
        Duration healthTimeout = Workload.HEALTH_TIMEOUT;
        String image = "berth-test/busybox:1";
        Set<String> contenders = DEFAULT;
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + args[i] + " has no value\n" + USAGE);
            }
            String value = args[i + 1];
            try {
                switch (args[i]) {
                    case "--reps" -> reps = Integer.parseInt(value);
                    case "--warm-up" -> warmUps = Integer.parseInt(value);
                    case "--sizes" -> sizes = Arrays.stream(value.split(",")).map(String::strip)
                            .map(Integer::parseInt).toList();
                    case "--roll" -> roll = Integer.parseInt(value);
                    case "--parallel" -> parallel = Integer.parseInt(value);
                    case "--grace" -> grace = Duration.ofSeconds(Long.parseLong(value));
                    case "--timeout" -> timeout = Duration.ofSeconds(Long.parseLong(value));
                    case "--settle" -> settle = Duration.ofSeconds(Long.parseLong(value));
                    case "--health-interval" -> healthInterval = Duration.ofSeconds(Long.parseLong(value));
                    case "--health-timeout" -> healthTimeout = Duration.ofSeconds(Long.parseLong(value));
                    case "--image" -> image = value;
                    case "--only" -> contenders = Arrays.stream(value.split(",")).map(String::strip)
                            .collect(Collectors.toSet());
                    default -> throw new IllegalArgumentException("unknown option " + args[i] + "\n" + USAGE);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("option " + args[i] + " needs a number, was '" + value + "'\n"
                        + USAGE, e);
            }
        }
        return new HarnessOptions(reps, warmUps, sizes, roll, parallel, grace, timeout, settle, healthInterval, healthTimeout,
                image, contenders);
    }

    /** @return the largest size: the one that is also scaled to 0 and deleted */
    int largest() {
        return sizes.stream().mapToInt(Integer::intValue).max().orElseThrow();
    }
}

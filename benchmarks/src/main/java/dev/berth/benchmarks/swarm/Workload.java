package dev.berth.benchmarks.swarm;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What every contender runs: the same image, the same shell command, the same memory limit, stop grace and (for
 * the web workload) the same HTTP port and health check. The sleeper exits at once on SIGTERM, so its stop costs
 * the engine's work and not the grace period; the web workload keeps serving for {@link #DRAIN} after SIGTERM, as a
 * web server finishes its requests before it exits.
 *
 * @param image an image present on the engine, e.g. {@code berth-test/busybox:1}
 * @param revision a revision mark carried as the container label {@link #REVISION_LABEL}
 * @param shellCommand the command, run by {@code sh -c}
 * @param port the container port httpd listens on, published on a dynamic host port; empty for none
 * @param healthCheck a shell command whose exit code is the health; empty for none
 * @param healthInterval time between two health checks
 * @param healthTimeout how long one health check may take
 * @param memoryMiB the memory limit
 * @param stopGrace time between the stop signal and SIGKILL
 */
record Workload(String image, int revision, String shellCommand, Optional<Integer> port,
                Optional<String> healthCheck, Duration healthInterval, Duration healthTimeout, int memoryMiB,
                Duration stopGrace) {

    /** Container label that tells the revisions of a rolling update apart, on every contender. */
    static final String REVISION_LABEL = "berth.bench.revision";
    /** Environment variable that carries the revision into the container; the web workload serves it. */
    static final String REVISION_ENV = "REVISION";
    /** Health check interval by default: ECS's shortest. */
    static final Duration HEALTH_INTERVAL = Duration.ofSeconds(5);
    /**
     * Health check timeout by default, the same on every contender: ECS's default. A check is a {@code docker exec};
     * with a hundred containers checked every 5 s on two loaded cores, a 2 s timeout failed healthy containers.
     */
    static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(5);
    /** Health check retries, the same on every contender: ECS's default. */
    static final int HEALTH_RETRIES = 3;
    /** The port the web workload listens on inside its container. */
    static final int HTTP_PORT = 8080;
    /**
     * How long the web workload keeps serving after SIGTERM before it exits: time for a client that learned of the
     * stop to stop sending, well inside the stop grace.
     */
    static final Duration DRAIN = Duration.ofSeconds(2);

    Workload {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(shellCommand, "shellCommand");
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(healthCheck, "healthCheck");
        Objects.requireNonNull(healthInterval, "healthInterval");
        Objects.requireNonNull(healthTimeout, "healthTimeout");
        Objects.requireNonNull(stopGrace, "stopGrace");
    }

    /**
     * @param image the image
     * @param stopGrace the stop grace
     * @return a container that sleeps until it is stopped
     */
    static Workload sleeper(String image, Duration stopGrace) {
        return new Workload(image, 1, "trap 'exit 0' TERM; sleep 3600 & wait", Optional.empty(), Optional.empty(),
                HEALTH_INTERVAL, HEALTH_TIMEOUT, 16, stopGrace);
    }

    /**
     * @param image the image of this revision
     * @param revision the revision, also the body httpd serves
     * @param stopGrace the stop grace
     * @param healthInterval how often its health is checked ({@link #HEALTH_INTERVAL} on the host's engine)
     * @param healthTimeout how long one check may take ({@link #HEALTH_TIMEOUT} on the host's engine)
     * @return busybox httpd on {@link #HTTP_PORT} serving {@link #REVISION_ENV}, healthy once it answers; on SIGTERM
     *     the shell sleeps {@link #DRAIN} while httpd serves on, then exits (and httpd with it)
     */
    static Workload web(String image, int revision, Duration stopGrace, Duration healthInterval,
                        Duration healthTimeout) {
        return new Workload(image, revision, "mkdir -p /www && echo $" + REVISION_ENV + " > /www/index.html"
                + " && trap 'sleep " + DRAIN.toSeconds() + "; exit 0' TERM; httpd -f -p " + HTTP_PORT
                + " -h /www & wait", Optional.of(HTTP_PORT),
                Optional.of("wget -q -O /dev/null http://127.0.0.1:" + HTTP_PORT + "/"), healthInterval,
                healthTimeout, 16, stopGrace);
    }

    /**
     * @param nextRevision the new revision
     * @return this workload at that revision: same image and command, another revision label and variable
     */
    Workload withRevision(int nextRevision) {
        return new Workload(image, nextRevision, shellCommand, port, healthCheck, healthInterval, healthTimeout,
                memoryMiB, stopGrace);
    }

    /** @return the command as an argument list */
    List<String> command() {
        return List.of("sh", "-c", shellCommand);
    }
}

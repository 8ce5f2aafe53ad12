package dev.berth.swarm;

import dev.berth.docker.DockerBackendConfig;
import dev.berth.docker.EngineTestBase;
import dev.berth.swarm.internal.Selectors;
import dev.berth.swarm.internal.SwarmApi;
import dev.berth.swarm.internal.SwarmNode;
import dev.berth.swarm.internal.SwarmService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The real three-node swarm the Swarm backend's integration tests run on: {@code scripts/swarm-env.sh} builds it on
 * this machine (three engines in network namespaces of their own, one manager and two workers; see the script), and
 * this fixture finds it, starts it when it is not running, and stops and starts a node's engine for the fault
 * tests. {@code BERTH_SWARM_BED} picks the bed, as for the script.
 *
 * <p>Node {@code n} (0 the manager, 1 and 2 the workers) carries the node labels {@code dev.berth.test-node=n}
 * and {@code ecs.availability-zone=zone-a|b|c}, and is reached from this machine at {@code 10.221.<bed>.1n}.
 */
public final class SwarmTestBed {

    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(3);
    private static volatile SwarmTestBed shared;

    private final Path script;
    private final URI manager;
    private final int bed;

    private SwarmTestBed(Path script, URI manager, int bed) {
        this.script = script;
        this.manager = manager;
        this.bed = bed;
    }

    /**
     * @return the bed, started by the script if it is not running
     * @throws IllegalStateException if it cannot be started; the message says why
     */
    public static synchronized SwarmTestBed get() {
        if (shared == null) {
            Path script = findScript();
            int bed = Integer.parseInt(Optional.ofNullable(System.getenv("BERTH_SWARM_BED")).orElse("0"));
            String[] lines = run(script, "start").strip().split("\n");
            shared = new SwarmTestBed(script, URI.create(lines[lines.length - 1].strip()), bed);
        }
        return shared;
    }

    /** @return the manager's engine */
    public URI manager() {
        return manager;
    }

    /**
     * @param session the test's session, put on everything the backend creates
     * @return the manager's configuration for a backend, with short polls for tests
     */
    public DockerBackendConfig managerConfig(String session) {
        return DockerBackendConfig.builder().dockerHost(manager).apiVersion("1.41")
                .pollInterval(Duration.ofMillis(200))
                .defaultStopTimeout(Duration.ofSeconds(2))
                .label(EngineTestBase.SESSION_LABEL, session)
                .build();
    }

    /** @return the swarm's node id of node {@code n} (0 the manager, 1 and 2 the workers) */
    public String nodeId(int n) {
        try (SwarmApi api = SwarmApi.connect(managerConfig("lookup"))) {
            return api.nodes().stream().filter(node -> String.valueOf(n)
                            .equals(node.nodeLabels().get("dev.berth.test-node")))
                    .map(SwarmNode::id).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the swarm has no node labelled test-node " + n));
        }
    }

    /** @return the address this machine reaches node {@code n} at */
    public String address(int n) {
        return "10.221." + bed + ".1" + n;
    }

    /** Stops node {@code n}'s engine, as {@code systemctl stop docker} would (its containers stop). */
    public void stopNode(int n) {
        run(script, "node-stop", Integer.toString(n));
    }

    /** Starts node {@code n}'s engine again (it rejoins the swarm by itself). */
    public void startNode(int n) {
        run(script, "node-start", Integer.toString(n));
    }

    /**
     * What {@code scripts/swarm-env.sh check-network} found.
     *
     * @param passed whether everything it tried worked
     * @param output its PASS and FAIL lines
     */
    public record NetworkCheck(boolean passed, String output) {
    }

    /** @return the result of trying overlay, host-mode publishing and the routing mesh across the nodes */
    public NetworkCheck checkNetwork() {
        try {
            return new NetworkCheck(true, run(script, "check-network"));
        } catch (IllegalStateException failed) {
            return new NetworkCheck(false, failed.getMessage());
        }
    }

    /** Sets node {@code n}'s availability ({@code active}, {@code pause}, {@code drain}). */
    public void availability(int n, String availability) {
        try (SwarmApi api = SwarmApi.connect(managerConfig("availability"))) {
            dev.berth.swarm.internal.NodeUpdates.availability(api, nodeId(n), availability);
        }
    }

    /** Removes the Swarm services and networks a test session created. */
    public void removeAll(String session) {
        try (SwarmApi api = SwarmApi.connect(managerConfig(session))) {
            Map<String, String> mine = Map.of(EngineTestBase.SESSION_LABEL, session);
            for (SwarmService s : api.services(mine)) {
                api.removeService(s.id());
            }
            for (int attempt = 0; attempt < 20; attempt++) {
                List<String> networks = api.networks(mine);
                if (networks.isEmpty()) {
                    return;
                }
                networks.forEach(id -> {
                    try {
                        api.removeNetwork(id);
                    } catch (RuntimeException stillInUse) {
                        // the nodes remove the containers a moment after their services
                    }
                });
                pause(Duration.ofMillis(500));
            }
        }
    }

    /** Waits, for the tests' polling loops. */
    public static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** @return the selector of one cluster's objects of a session, as the backend labels them */
    static Map<String, String> cluster(String session, String cluster) {
        return Selectors.cluster(Map.of(EngineTestBase.SESSION_LABEL, session), cluster);
    }

    private static Path findScript() {
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null;
             dir = dir.getParent()) {
            Path candidate = dir.resolve("scripts/swarm-env.sh");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("scripts/swarm-env.sh not found above " + System.getProperty("user.dir"));
    }

    private static String run(Path script, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(args));
        try {
            // the script logs to stderr and prints its answer (the manager's socket) last, on stdout
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(SCRIPT_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("'" + String.join(" ", command) + "' failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command, e);
        }
    }
}

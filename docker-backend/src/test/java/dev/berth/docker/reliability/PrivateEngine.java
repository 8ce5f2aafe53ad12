package dev.berth.docker.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A private Docker engine for tests that stop and restart an engine: a {@code dockerd} of its own under
 * {@code /tmp/berth-fault-<id>} (configuration, data, exec root, socket, containerd namespaces), never the shared
 * engine at {@code /var/run/docker.sock}. It runs in a network namespace of its own ({@code berthf-<id>}), so that
 * nothing it does to interfaces reaches the host's: dockerd deletes a {@code docker0} it does not want (with
 * {@code --bridge=none}, or when it clears a stale default bridge on restart), which on the host would be the
 * shared engine's. Its published ports are therefore reachable only inside that namespace. Needs root and the {@code dockerd} binary; without them
 * the test is skipped with the reason, or fails when {@code -Drequire.docker=true}. {@link #close()} stops the
 * daemon and deletes its directories.
 */
final class PrivateEngine implements AutoCloseable {

    private static final Path DOCKERD = Path.of("/usr/sbin/dockerd");
    private static final Path DOCKER = Path.of("/usr/bin/docker");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    /**
     * Where a private engine lives and what its daemon is told.
     *
     * @param rootPrefix its directory is this followed by the id
     * @param netnsPrefix its network namespace is this followed by the id
     * @param addressPool the daemon's {@code --default-address-pool} base, inside its own namespace
     * @param liveRestore whether containers keep running while the daemon is down ({@code live-restore})
     */
    record Options(String rootPrefix, String netnsPrefix, String addressPool, boolean liveRestore) {
        /** The engine-restart test's: {@code /tmp/berth-fault-<id>}, {@code berthf-<id>}, 10.213.0.0/16. */
        static final Options FAULT = new Options("/tmp/berth-fault-", "berthf-", "10.213.0.0/16", false);
    }

    private final Path root;
    private final String id;
    private final Options options;
    private Process daemon;
    private int starts;

    private PrivateEngine(Path root, String id, Options options) {
        this.root = root;
        this.id = id;
        this.options = options;
    }

    /**
     * Starts a private engine and loads {@code images} into it from the shared engine.
     *
     * @param id distinguishes this engine's directories and containerd namespaces, e.g. the test session
     */
    static PrivateEngine start(String id, String... images) {
        return start(id, Options.FAULT, images);
    }

    /**
     * Starts a private engine with the given options and loads {@code images} into it from the shared engine.
     *
     * @param id distinguishes this engine's directories, network namespace and containerd namespaces
     */
    static PrivateEngine start(String id, Options options, String... images) {
        requireCapable();
        PrivateEngine engine = new PrivateEngine(Path.of(options.rootPrefix() + id), id, options);
        try {
            engine.startDaemon();
            for (String image : images) {
                engine.shell("/usr/bin/docker save " + image + " | " + DOCKER + " -H " + engine.socket() + " load");
            }
            return engine;
        } catch (RuntimeException | Error e) {
            engine.close();
            throw e;
        }
    }

    private static void requireCapable() {
        String missing = !Files.isExecutable(DOCKERD) ? DOCKERD + " is not installed"
                : !Files.isExecutable(Path.of("/usr/bin/nsenter")) ? "/usr/bin/nsenter is not installed"
                : !Files.isExecutable(Path.of("/usr/sbin/ip")) && !Files.isExecutable(Path.of("/usr/bin/ip"))
                        ? "iproute2's ip is not installed"
                : !Files.isExecutable(DOCKER) ? DOCKER + " is not installed"
                : !"root".equals(System.getProperty("user.name")) ? "the tests do not run as root"
                : "";
        if (missing.isEmpty()) {
            return;
        }
        String why = "A private Docker engine cannot be started (" + missing + "), so the engine-restart fault test"
                + " cannot run";
        if (Boolean.getBoolean("require.docker")) {
            throw new IllegalStateException(why + " (require.docker=true makes this a failure)");
        }
        Assumptions.abort(why + "; set -Drequire.docker=true to make this a failure.");
    }

    /** @return the engine's endpoint, {@code unix:///tmp/berth-fault-<id>/docker.sock} */
    URI socket() {
        return URI.create("unix://" + root.resolve("docker.sock"));
    }

    /** @return the name of this engine's network namespace */
    private String netns() {
        return options.netnsPrefix() + id;
    }

    /** Starts the daemon (again, after {@link #stop()}) and waits until it answers. */
    void startDaemon() {
        try {
            Files.createDirectories(root);
            Files.writeString(root.resolve("daemon.json"), options.liveRestore() ? "{\"live-restore\": true}" : "{}");
            if (starts == 0) {
                shell("ip netns add " + netns() + " && ip netns exec " + netns() + " ip link set lo up");
            }
            // nsenter enters the network namespace only; "ip netns exec" would also hide the cgroup mounts
            List<String> command = new ArrayList<>(List.of("nsenter", "--net=/var/run/netns/" + netns(),
                    DOCKERD.toString(),
                    "--config-file", root.resolve("daemon.json").toString(),
                    "--data-root", root.resolve("data").toString(), "--exec-root", root.resolve("exec").toString(),
                    "--pidfile", root.resolve("docker.pid").toString(), "-H", socket().toString(),
                    "--containerd-namespace", "berth-fault-" + id,
                    "--containerd-plugins-namespace", "berth-fault-plugins-" + id,
                    "--iptables=false", "--ip-masq=false",
                    "--default-address-pool", "base=" + options.addressPool() + ",size=24"));
            daemon = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(root.resolve("dockerd.log").toFile())).start();
            starts++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a private dockerd under " + root, e);
        }
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!answers()) {
            if (!daemon.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the private dockerd under " + root + " did not answer within "
                        + START_TIMEOUT + " (start " + starts + "); its log:\n" + log());
            }
            FaultBerths.sleep(Duration.ofMillis(200));
        }
    }

    /**
     * Stops the daemon as {@code systemctl stop docker} does (SIGTERM), which stops its containers unless it runs
     * with {@code live-restore}.
     */
    void stop() {
        if (daemon == null || !daemon.isAlive()) {
            return;
        }
        daemon.destroy();
        try {
            if (!daemon.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                daemon.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while stopping the private dockerd", e);
        }
    }

    private boolean answers() {
        try {
            Process info = new ProcessBuilder(DOCKER.toString(), "-H", socket().toString(), "version")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return info.waitFor(10, TimeUnit.SECONDS) && info.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void shell(String command) {
        try {
            Process p = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException("'" + command + "' failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private String log() {
        try {
            List<String> lines = Files.readAllLines(root.resolve("dockerd.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /**
     * Stops the daemon, ends the container shims it left (a container started while the daemon shut down outlives
     * it; they are found by this engine's own containerd namespace), and deletes its directories, unmounting
     * anything left mounted there.
     */
    @Override
    public void close() {
        stop();
        String namespace = "-namespace berth-fault-" + id + " ";
        ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(namespace)).orElse(false))
                .forEach(ProcessHandle::destroyForcibly);
        try {
            shell("! ip netns list | grep -qw " + netns() + " || ip netns del " + netns());
        } catch (RuntimeException e) {
            System.err.println("deleting the network namespace " + netns() + " failed: " + e.getMessage());
        }
        try {
            shell("grep -o ' " + root + "[^ ]*' /proc/mounts | sort -r | xargs -r -n1 umount -l");
        } catch (RuntimeException e) {
            System.err.println("unmounting under " + root + " failed: " + e.getMessage());
        }
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the private engine's directory " + root, e);
        }
    }
}

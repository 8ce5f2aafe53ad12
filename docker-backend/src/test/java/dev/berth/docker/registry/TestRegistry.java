package dev.berth.docker.registry;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real OCI registry for the integration tests, found portably, in this order:
 * <ol>
 *   <li>the URL in the environment variable {@code BERTH_TEST_REGISTRY} (CI's scripts/registry-env.sh sets it; on a
 *       laptop, e.g. {@code docker run -d -p 5000:5000 -e REGISTRY_STORAGE_DELETE_ENABLED=true registry:2});</li>
 *   <li>Debian's {@code docker-registry} binary on the PATH, started here on a free loopback port with deletes
 *       enabled and storage in a temporary directory, stopped when the test run ends.</li>
 * </ol>
 * Every attempt is listed when none works.
 */
final class TestRegistry {

    static final String ENV = "BERTH_TEST_REGISTRY";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final URI endpoint;
    private final Process process;
    private final Path storage;

    private TestRegistry(URI endpoint, Process process, Path storage) {
        this.endpoint = endpoint;
        this.process = process;
        this.storage = storage;
    }

    private static Result shared;

    /**
     * @return the registry of this test JVM, found at the first call; one this class started is stopped when the JVM
     *     exits
     */
    static synchronized Result shared() {
        if (shared == null) {
            shared = find();
            shared.registry().ifPresent(r -> Runtime.getRuntime().addShutdownHook(new Thread(r::close)));
        }
        return shared;
    }

    /** @return the registry's base URI, e.g. {@code http://127.0.0.1:5000} */
    URI endpoint() {
        return endpoint;
    }

    /** @return a registry, or the reasons why none could be found */
    private static Result find() {
        List<String> attempts = new ArrayList<>();
        String url = System.getenv(ENV);
        if (url != null && !url.isBlank()) {
            URI uri = URI.create(url.strip());
            if (answers(uri)) {
                return new Result(Optional.of(new TestRegistry(uri, null, null)), attempts);
            }
            attempts.add(ENV + "=" + url + ": nothing answers on " + uri + "/v2/");
        } else {
            attempts.add(ENV + ": not set");
        }
        Optional<Path> binary = onPath("docker-registry");
        if (binary.isEmpty()) {
            attempts.add("docker-registry: not on the PATH (Debian package docker-registry)");
            return new Result(Optional.empty(), attempts);
        }
        try {
            return new Result(Optional.of(start(binary.get())), attempts);
        } catch (IOException | RuntimeException e) {
            attempts.add(binary.get() + ": could not start: " + e.getMessage());
            return new Result(Optional.empty(), attempts);
        }
    }

    private static TestRegistry start(Path binary) throws IOException {
        return start(binary, dir -> "");
    }

    /**
     * Starts a registry of its own from the {@code docker-registry} binary on the PATH, on a free loopback port, that
     * asks for HTTP basic authentication against {@code htpasswdLine}. The caller stops it with {@link #close()}.
     *
     * @param htpasswdLine one {@code user:bcrypt-hash} line, as {@code htpasswd -Bbn user password} prints it
     *     (distribution accepts bcrypt hashes only)
     * @return the running registry
     * @throws IOException if the binary is not on the PATH or the registry does not answer in time
     */
    static TestRegistry startWithBasicAuth(String htpasswdLine) throws IOException {
        Path binary = onPath("docker-registry").orElseThrow(() -> new IOException(
                "docker-registry is not on the PATH (Debian package docker-registry)"));
        return start(binary, dir -> {
            Path htpasswd = dir.resolve("htpasswd");
            Files.writeString(htpasswd, htpasswdLine + "\n");
            return "auth: {htpasswd: {realm: berth-test, path: " + htpasswd + "}}\n";
        });
    }

    /** Extra configuration of a registry to start, written into its directory. */
    private interface ExtraConfig {
        String write(Path dir) throws IOException;
    }

    private static TestRegistry start(Path binary, ExtraConfig extra) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path dir = Files.createTempDirectory("berth-registry-");
        Path config = dir.resolve("config.yml");
        Files.writeString(config, "version: 0.1\n"
                + "log: {level: warn}\n"
                + "storage: {filesystem: {rootdirectory: " + dir.resolve("data") + "}, delete: {enabled: true}}\n"
                + "http: {addr: 127.0.0.1:" + port + "}\n"
                + extra.write(dir));
        Process process = new ProcessBuilder(binary.toString(), "serve", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
        URI uri = URI.create("http://127.0.0.1:" + port);
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!answers(uri)) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                process.destroyForcibly();
                throw new IOException("no answer on " + uri + " within " + START_TIMEOUT + "; log: "
                        + Files.readString(dir.resolve("registry.log")));
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
                throw new IOException("interrupted while starting the registry", e);
            }
        }
        return new TestRegistry(uri, process, dir);
    }

    private static boolean answers(URI uri) {
        try {
            HttpURLConnection c = (HttpURLConnection) uri.resolve("/v2/").toURL().openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(2000);
            int status = c.getResponseCode();
            c.disconnect();
            return status == 200 || status == 401;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(File.pathSeparator)).map(p -> Path.of(p, name))
                .filter(Files::isExecutable).findFirst();
    }

    /** Stops a registry this class started and removes its storage; does nothing for one it found running. */
    void close() {
        if (process != null) {
            process.destroy();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process.destroyForcibly();
        }
        if (storage != null) {
            try (Stream<Path> files = Files.walk(storage)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                System.err.println("could not remove the test registry's storage " + storage + ": " + e);
            }
        }
    }

    /**
     * @param registry the registry found
     * @param attempts why each earlier way failed
     */
    record Result(Optional<TestRegistry> registry, List<String> attempts) {
    }
}

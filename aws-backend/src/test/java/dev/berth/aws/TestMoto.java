package dev.berth.aws;

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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * moto's server, the local ECS and ECR endpoint of the integration tests, found portably, in this order:
 * <ol>
 *   <li>the URL in the environment variable {@code BERTH_TEST_MOTO} (CI's scripts/moto-env.sh sets it; on a laptop,
 *       e.g. {@code docker run -d -p 5000:5000 motoserver/moto});</li>
 *   <li>the {@code moto_server} binary on the PATH ({@code pip install 'moto[server]'}), started here on a free
 *       loopback port and stopped when the test run ends.</li>
 * </ol>
 * Every attempt is listed when none works. Tests share one server, so each test isolates itself by unique names
 * (clusters, families, repositories) rather than by resetting the server.
 */
public final class TestMoto {

    static final String ENV = "BERTH_TEST_MOTO";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final URI endpoint;
    private final Process process;

    private TestMoto(URI endpoint, Process process) {
        this.endpoint = endpoint;
        this.process = process;
    }

    private static Result shared;

    /** @return the server of this test JVM, found at the first call; one started here stops when the JVM exits */
    public static synchronized Result shared() {
        if (shared == null) {
            shared = find();
            shared.server().ifPresent(m -> Runtime.getRuntime().addShutdownHook(new Thread(m::close)));
        }
        return shared;
    }

    /** @return the server's base URI, e.g. {@code http://127.0.0.1:5056}, for {@code endpointOverride} */
    public URI endpoint() {
        return endpoint;
    }

    private static Result find() {
        List<String> attempts = new ArrayList<>();
        String url = System.getenv(ENV);
        if (url != null && !url.isBlank()) {
            URI uri = URI.create(url.strip());
            if (answers(uri)) {
                return new Result(Optional.of(new TestMoto(uri, null)), attempts);
            }
            attempts.add(ENV + "=" + url + ": nothing answers on " + uri + "/moto-api/");
        } else {
            attempts.add(ENV + ": not set");
        }
        Optional<Path> binary = onPath("moto_server");
        if (binary.isEmpty()) {
            attempts.add("moto_server: not on the PATH (pip install 'moto[server]')");
            return new Result(Optional.empty(), attempts);
        }
        try {
            return new Result(Optional.of(start(binary.get())), attempts);
        } catch (IOException | RuntimeException e) {
            attempts.add(binary.get() + ": could not start: " + e.getMessage());
            return new Result(Optional.empty(), attempts);
        }
    }

    private static TestMoto start(Path binary) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = Files.createTempFile("berth-moto-", ".log");
        Process process = new ProcessBuilder(binary.toString(), "-H", "127.0.0.1", "-p", String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        URI uri = URI.create("http://127.0.0.1:" + port);
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!answers(uri)) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                process.destroyForcibly();
                throw new IOException("no answer on " + uri + " within " + START_TIMEOUT + "; log: "
                        + Files.readString(log));
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
                throw new IOException("interrupted while starting moto", e);
            }
        }
        return new TestMoto(uri, process);
    }

    private static boolean answers(URI uri) {
        try {
            HttpURLConnection c = (HttpURLConnection) uri.resolve("/moto-api/").toURL().openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(3000);
            int status = c.getResponseCode();
            c.disconnect();
            return status == 200;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(File.pathSeparator)).map(p -> Path.of(p, name))
                .filter(Files::isExecutable).findFirst();
    }

    private void close() {
        if (process != null) {
            process.destroy();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process.destroyForcibly();
        }
    }

    /**
     * @param server the server found
     * @param attempts why each earlier way failed
     */
    public record Result(Optional<TestMoto> server, List<String> attempts) {
    }
}

package dev.berth.testing;

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
 * A real server the integration tests talk to over HTTP (a registry, moto's server), found portably: the URL in an
 * environment variable when something answers there (what CI's scripts set), else a binary on the PATH started
 * here on a free loopback port, in a temporary directory, and stopped by {@link #close()}. Every attempt is listed
 * when none works.
 */
public final class LocalPeer implements AutoCloseable {

    private final URI endpoint;
    private final Process process;
    private final Path directory;

    private LocalPeer(URI endpoint, Process process, Path directory) {
        this.endpoint = endpoint;
        this.process = process;
        this.directory = directory;
    }

    /** The command line of a peer to start, for a port and a directory it may fill with its configuration first. */
    @FunctionalInterface
    public interface Launch {
        /**
         * @param port the loopback port to listen on
         * @param directory a new temporary directory, removed when the peer is closed
         * @return the arguments after the binary
         * @throws IOException if the configuration cannot be written
         */
        List<String> arguments(int port, Path directory) throws IOException;
    }

    /**
     * @param peer the peer found, if any
     * @param attempts why each way that did not work failed
     */
    public record Found(Optional<LocalPeer> peer, List<String> attempts) {
        public Found {
            attempts = List.copyOf(attempts);
        }
    }

    /**
     * @param environmentVariable names the URL of a running peer
     * @param binary the binary to start otherwise, looked up on the PATH
     * @param probePath the path that answers 200 (or 401) once the peer serves, e.g. {@code /v2/}
     * @param launch its arguments
     * @param startTimeout how long a started peer may take to answer
     * @return the peer, or every attempt that failed
     */
    public static Found find(String environmentVariable, String binary, String probePath, Launch launch,
                             Duration startTimeout) {
        List<String> attempts = new ArrayList<>();
        String url = System.getenv(environmentVariable);
        if (url != null && !url.isBlank()) {
            URI uri = URI.create(url.strip());
            if (answers(uri, probePath)) {
                return new Found(Optional.of(new LocalPeer(uri, null, null)), attempts);
            }
            attempts.add(environmentVariable + "=" + url + ": nothing answers on " + uri + probePath);
        } else {
            attempts.add(environmentVariable + ": not set");
        }
        try {
            return new Found(Optional.of(start(binary, probePath, launch, startTimeout)), attempts);
        } catch (IOException | RuntimeException e) {
            attempts.add(binary + ": " + e.getMessage());
            return new Found(Optional.empty(), attempts);
        }
    }

    /**
     * Starts {@code binary} from the PATH on a free loopback port and waits until it answers.
     *
     * @return the running peer; the caller closes it
     * @throws IOException if the binary is not on the PATH, or the peer does not answer in time (with its log)
     */
    public static LocalPeer start(String binary, String probePath, Launch launch, Duration startTimeout)
            throws IOException {
        Path executable = onPath(binary).orElseThrow(() -> new IOException("not on the PATH"));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path directory = Files.createTempDirectory("berth-peer-");
        List<String> command = new ArrayList<>(List.of(executable.toString()));
        command.addAll(launch.arguments(port, directory));
        Path log = directory.resolve("peer.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        LocalPeer peer = new LocalPeer(URI.create("http://127.0.0.1:" + port), process, directory);
        Instant deadline = Instant.now().plus(startTimeout);
        while (!answers(peer.endpoint, probePath)) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                String output = Files.readString(log);
                peer.close();
                throw new IOException("no answer on " + peer.endpoint + probePath + " within " + startTimeout
                        + "; its output: " + output);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                peer.close();
                throw new IOException("interrupted while starting " + binary, e);
            }
        }
        return peer;
    }

    /** @return the peer's base URI, e.g. {@code http://127.0.0.1:5000} */
    public URI endpoint() {
        return endpoint;
    }

    /** Stops a peer started here and removes its directory; does nothing for one found running. */
    @Override
    public void close() {
        if (process != null) {
            process.destroy();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process.destroyForcibly();
        }
        if (directory != null) {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                System.err.println("could not remove " + directory + ": " + e);
            }
        }
    }

    private static boolean answers(URI uri, String probePath) {
        try {
            HttpURLConnection c = (HttpURLConnection) uri.resolve(probePath).toURL().openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(3000);
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
}

package dev.berth.docker.registry;

import dev.berth.testing.LocalPeer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A real OCI registry for the integration tests ({@link LocalPeer}), found in this order:
 * <ol>
 *   <li>the URL in the environment variable {@code BERTH_TEST_REGISTRY} (CI's scripts/registry-env.sh sets it; on a
 *       laptop, e.g. {@code docker run -d -p 5000:5000 -e REGISTRY_STORAGE_DELETE_ENABLED=true registry:2});</li>
 *   <li>Debian's {@code docker-registry} binary on the PATH, started here on a free loopback port with deletes
 *       enabled and storage in a temporary directory, stopped when the test run ends.</li>
 * </ol>
 */
final class TestRegistry {

    static final String ENV = "BERTH_TEST_REGISTRY";
    private static final String BINARY = "docker-registry";
    private static final String PROBE = "/v2/";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private static Result shared;

    private TestRegistry() {
    }

    /**
     * @return the registry of this test JVM, found at the first call; one started here is stopped when the JVM
     *     exits
     */
    static synchronized Result shared() {
        if (shared == null) {
            LocalPeer.Found found = LocalPeer.find(ENV, BINARY, PROBE, (port, dir) -> serve(port, dir, ""),
                    START_TIMEOUT);
            shared = new Result(found.peer(), found.attempts());
            shared.registry().ifPresent(r -> Runtime.getRuntime().addShutdownHook(new Thread(r::close)));
        }
        return shared;
    }

    /**
     * Starts a second registry of its own, on a free loopback port with deletes enabled, that asks for HTTP basic
     * authentication against {@code htpasswdLine}. The caller stops it with {@link LocalPeer#close()}.
     *
     * @param htpasswdLine one {@code user:bcrypt-hash} line, as {@code htpasswd -Bbn user password} prints it
     *     (distribution accepts bcrypt hashes only)
     * @return the running registry
     * @throws IOException if the binary is not on the PATH or the registry does not answer in time
     */
    static LocalPeer startWithBasicAuth(String htpasswdLine) throws IOException {
        return LocalPeer.start(BINARY, PROBE, (port, dir) -> {
            Path htpasswd = dir.resolve("htpasswd");
            Files.writeString(htpasswd, htpasswdLine + "\n");
            return serve(port, dir, "auth: {htpasswd: {realm: berth-test, path: " + htpasswd + "}}\n");
        }, START_TIMEOUT);
    }

    /** Writes the registry's configuration into {@code dir}: storage there, deletes on, loopback only. */
    private static List<String> serve(int port, Path dir, String extraConfig) throws IOException {
        Path config = dir.resolve("config.yml");
        Files.writeString(config, "version: 0.1\n"
                + "log: {level: warn}\n"
                + "storage: {filesystem: {rootdirectory: " + dir.resolve("data") + "}, delete: {enabled: true}}\n"
                + "http: {addr: 127.0.0.1:" + port + "}\n"
                + extraConfig);
        return List.of("serve", config.toString());
    }

    /**
     * @param registry the registry found
     * @param attempts why each earlier way failed
     */
    record Result(Optional<LocalPeer> registry, List<String> attempts) {
    }
}

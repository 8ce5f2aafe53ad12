package dev.berth.aws;

import dev.berth.testing.LocalPeer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * moto's server, the local ECS and ECR endpoint of the integration tests ({@link LocalPeer}), found in this order:
 * <ol>
 *   <li>the URL in the environment variable {@code BERTH_TEST_MOTO} (CI's scripts/moto-env.sh sets it; on a laptop,
 *       e.g. {@code docker run -d -p 5000:5000 motoserver/moto});</li>
 *   <li>the {@code moto_server} binary on the PATH ({@code pip install 'moto[server]'}), started here on a free
 *       loopback port and stopped when the test run ends.</li>
 * </ol>
 * Tests share one server, so each test isolates itself by unique names (clusters, families, repositories) rather
 * than by resetting the server.
 */
public final class TestMoto {

    static final String ENV = "BERTH_TEST_MOTO";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private static Result shared;

    private TestMoto() {
    }

    /** @return the server of this test JVM, found at the first call; one started here stops when the JVM exits */
    public static synchronized Result shared() {
        if (shared == null) {
            LocalPeer.Found found = LocalPeer.find(ENV, "moto_server", "/moto-api/",
                    (port, dir) -> List.of("-H", "127.0.0.1", "-p", String.valueOf(port)), START_TIMEOUT);
            shared = new Result(found.peer(), found.attempts());
            shared.server().ifPresent(m -> Runtime.getRuntime().addShutdownHook(new Thread(m::close)));
        }
        return shared;
    }

    /**
     * @param server the server found; its {@link LocalPeer#endpoint()} is for {@code endpointOverride}
     * @param attempts why each earlier way failed
     */
    public record Result(Optional<LocalPeer> server, List<String> attempts) {
    }
}

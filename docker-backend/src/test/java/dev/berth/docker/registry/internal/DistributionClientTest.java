package dev.berth.docker.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.berth.exception.BackendUnavailableException;
import dev.berth.registry.RegistryCredentials;
import dev.berth.registry.RegistryCredentialsProvider;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client against a fake registry on loopback that behaves as Docker Hub-style registries do: a bearer
 * challenge with a token endpoint that checks basic credentials, paginated lists with {@code Link} headers, an OCI
 * index, and a slow answer for the deadline.
 */
class DistributionClientTest {

    private static final String TOKEN = "t0k3n";
    private static final String USER = "ci";
    private static final String PASSWORD = "pw";
    private static final String INDEX_DIGEST = "sha256:" + "ab".repeat(32);

    private final List<String> tokenRequests = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private URI base;

    @BeforeEach
    void startFakeRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        server.createContext("/token", this::token);
        server.createContext("/v2/", this::registry);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void catalog_behindBearerChallenge_fetchesTokenOnceAndFollowsLinks() {
        DistributionClient client = client(RegistryCredentialsProvider.of(new RegistryCredentials(USER, PASSWORD)),
                Duration.ofSeconds(5));
        assertThat(client.catalog()).containsExactly("a", "b", "c");
        assertThat(client.catalog()).containsExactly("a", "b", "c");
        assertThat(tokenRequests).hasSize(1).first().asString()
                .contains("service=fake").contains("scope=registry%3Acatalog%3A*");
    }

    @Test
    void catalog_whenTokenEndpointRefusesCredentials_failsNonRetryable() {
        DistributionClient client = client(RegistryCredentialsProvider.of(new RegistryCredentials(USER, "wrong")),
                Duration.ofSeconds(5));
        assertThatThrownBy(client::catalog).isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("check the registry credentials")
                .satisfies(e -> assertThat(((BackendUnavailableException) e).isRetryable()).isFalse());
    }

    @Test
    void manifest_ofIndex_givesDigestMediaTypeAndReferencedSizes() {
        DistributionClient client = client(RegistryCredentialsProvider.of(new RegistryCredentials(USER, PASSWORD)),
                Duration.ofSeconds(5));
        ManifestDocument index = client.manifest("team/app", "multi").orElseThrow();
        assertThat(index.digest()).isEqualTo(INDEX_DIGEST);
        assertThat(index.mediaType()).isEqualTo("application/vnd.oci.image.index.v1+json");
        assertThat(index.size()).isEqualTo(300 + 400);
        assertThat(client.digest("team/app", "multi")).contains(INDEX_DIGEST);
        assertThat(client.manifest("team/app", "missing")).isEmpty();
    }

    @Test
    void slowAnswer_failsRetryableAtTheDeadline() {
        DistributionClient client = client(RegistryCredentialsProvider.of(new RegistryCredentials(USER, PASSWORD)),
                Duration.ofMillis(300));
        assertThatThrownBy(() -> client.tags("slow/repo")).isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("did not answer within")
                .satisfies(e -> assertThat(((BackendUnavailableException) e).isRetryable()).isTrue());
    }

    @Test
    void nextLink_readsRelativeTarget() {
        assertThat(DistributionClient.nextLink("</v2/_catalog?last=b&n=2>; rel=\"next\""))
                .contains("/v2/_catalog?last=b&n=2");
        assertThat(DistributionClient.nextLink("</x>; rel=\"prev\"")).isEmpty();
    }

    @Test
    void challenge_parsesSchemeAndParameters() {
        Challenge c = Challenge.parse("Bearer realm=\"https://auth.example/token\",service=\"reg\","
                + "scope=\"repository:team/app:pull,push\"").orElseThrow();
        assertThat(c.scheme()).isEqualTo("bearer");
        assertThat(c.parameter("scope")).contains("repository:team/app:pull,push");
    }

    private DistributionClient client(RegistryCredentialsProvider credentials, Duration callTimeout) {
        return new DistributionClient(base, credentials, Duration.ofSeconds(2), callTimeout);
    }

    private void token(HttpExchange exchange) throws IOException {
        tokenRequests.add(exchange.getRequestURI().toString());
        String expected = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            respond(exchange, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}");
            return;
        }
        respond(exchange, 200, "{\"token\":\"" + TOKEN + "\"}");
    }

    private void registry(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String query = String.valueOf(exchange.getRequestURI().getQuery());
        if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            String scope = path.startsWith("/v2/_catalog") ? "registry:catalog:*" : "repository:team/app:pull";
            exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"" + base + "/token\","
                    + "service=\"fake\",scope=\"" + scope + "\"");
            respond(exchange, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}");
            return;
        }
        if (path.equals("/v2/_catalog") && !query.contains("last=")) {
            exchange.getResponseHeaders().add("Link", "</v2/_catalog?last=b&n=2>; rel=\"next\"");
            respond(exchange, 200, "{\"repositories\":[\"a\",\"b\"]}");
        } else if (path.equals("/v2/_catalog")) {
            respond(exchange, 200, "{\"repositories\":[\"c\"]}");
        } else if (path.equals("/v2/team/app/manifests/multi")) {
            exchange.getResponseHeaders().add("Docker-Content-Digest", INDEX_DIGEST);
            exchange.getResponseHeaders().add("Content-Type", "application/vnd.oci.image.index.v1+json");
            String body = "{\"schemaVersion\":2,\"manifests\":[{\"size\":300,\"digest\":\"sha256:1\"},"
                    + "{\"size\":400,\"digest\":\"sha256:2\"}]}";
            if (exchange.getRequestMethod().equals("HEAD")) {
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            } else {
                respond(exchange, 200, body);
            }
        } else if (path.startsWith("/v2/slow/")) {
            try {
                Thread.sleep(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(exchange, 200, "{\"tags\":[]}");
        } else {
            respond(exchange, 404, "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\"}]}");
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}

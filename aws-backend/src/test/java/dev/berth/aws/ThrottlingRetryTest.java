package dev.berth.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.berth.exception.BackendUnavailableException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * A client Berth builds retries ECS's ThrottlingException through the SDK's retry strategy, exactly as often as
 * configured, and nothing retries on top. moto never throttles, so a loopback HTTP server answers every call as a
 * throttled ECS does.
 */
class ThrottlingRetryTest {

    private final AtomicInteger requests = new AtomicInteger();
    private final HttpServer server = throttlingServer();

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void throttledCall_isRetriedByTheSdkOnly_thenRetryableWithRequestId() {
        AwsBackend backend = AwsBackend.create(AwsBackendConfig.builder()
                .ecsClient(b -> b.endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                        .region(Region.US_EAST_1)
                        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b"))))
                .retryMaxAttempts(3)
                .build());

        try (backend) {
            assertThatThrownBy(() -> backend.tasks("c"))
                    .isInstanceOfSatisfying(BackendUnavailableException.class,
                            e -> assertThat(e.isRetryable()).isTrue())
                    .hasMessageContaining("Rate exceeded")
                    .hasMessageContaining("request id req-throttled");
        }
        assertThat(requests.get()).isEqualTo(3);
    }

    private HttpServer throttlingServer() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            http.createContext("/", exchange -> {
                requests.incrementAndGet();
                exchange.getRequestBody().readAllBytes();
                byte[] body = "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}"
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
                exchange.getResponseHeaders().add("x-amzn-RequestId", "req-throttled");
                exchange.sendResponseHeaders(400, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            http.start();
            return http;
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on loopback", e);
        }
    }
}

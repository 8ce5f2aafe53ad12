package dev.berth.spi.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.network.CheckResult;
import dev.berth.network.Endpoint;
import dev.berth.network.HealthCheckProtocol;
import dev.berth.network.HealthCheckSettings;
import dev.berth.network.TargetGroupProtocol;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Health checks against real servers on loopback, with ELB's reasons for what fails. */
class HealthProbeTest {

    private static final HealthCheckSettings HTTP = HealthCheckSettings.builder(TargetGroupProtocol.HTTP)
            .interval(Duration.ofSeconds(5)).timeout(Duration.ofSeconds(2)).build();
    private final HealthProbe probe = new HealthProbe();

    @Test
    void check_whenHttpAnswers200_passes() throws IOException {
        try (LoopbackServer server = LoopbackServer.http("ok")) {
            assertThat(probe.check(server.endpoint(), HTTP)).isEqualTo(CheckResult.pass());
        }
    }

    @Test
    void check_whenStatusOutsideTheMatcher_failsWithResponseCodeMismatch() throws IOException {
        try (LoopbackServer server = LoopbackServer.http("no")) {
            server.status(404);

            CheckResult result = probe.check(server.endpoint(), HTTP);

            assertThat(result.passed()).isFalse();
            assertThat(result.reason()).contains(CheckResult.RESPONSE_CODE_MISMATCH);
            assertThat(result.description()).isEqualTo("Health checks failed with these codes: [404]");
            assertThat(probe.check(server.endpoint(), HTTP.toBuilder().matcher("200-299,404").build()).passed())
                    .isTrue();
        }
    }

    @Test
    void check_whenNothingListens_failsWithFailedHealthChecks() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }

        CheckResult result = probe.check(new Endpoint("127.0.0.1", port), HTTP);

        assertThat(result.reason()).contains(CheckResult.FAILED_HEALTH_CHECKS);
    }

    @Test
    void check_whenNoAnswerWithinTheTimeout_failsWithTimeout() throws IOException {
        try (LoopbackServer silent = LoopbackServer.silent()) {
            long start = System.nanoTime();

            CheckResult result = probe.check(silent.endpoint(), HTTP);

            assertThat(result.reason()).contains(CheckResult.TIMEOUT);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void check_whenTcpAndSomethingListens_passesWithoutARequest() throws IOException {
        try (LoopbackServer silent = LoopbackServer.silent()) {
            HealthCheckSettings tcp = HealthCheckSettings.defaults(TargetGroupProtocol.TCP);

            assertThat(tcp.protocol()).isEqualTo(HealthCheckProtocol.TCP);
            assertThat(probe.check(silent.endpoint(), tcp).passed()).isTrue();
        }
    }

    @Test
    void check_whenAPortIsSet_checksItInsteadOfTheTrafficPort() throws IOException {
        try (LoopbackServer health = LoopbackServer.http("ok")) {
            Endpoint traffic = new Endpoint("127.0.0.1", 1);

            assertThat(probe.check(traffic, HTTP.toBuilder().port(health.endpoint().port()).build()).passed()).isTrue();
        }
    }
}

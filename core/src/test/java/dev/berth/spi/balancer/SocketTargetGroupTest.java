package dev.berth.spi.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.network.CheckResult;
import dev.berth.network.Endpoint;
import dev.berth.network.TargetGroup;
import dev.berth.network.TargetGroupSpec;
import dev.berth.network.TargetHealth;
import dev.berth.network.TargetHealthState;
import dev.berth.testing.MutableClock;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A target group on real loopback sockets with its timers moved by hand: registration, health checks against real
 * servers, routing to healthy targets only, and draining.
 */
class SocketTargetGroupTest {

    private static final Duration INTERVAL = Duration.ofSeconds(5);
    private final MutableClock clock = MutableClock.at(Instant.parse("2026-12-07T10:00:00Z"));
    private final ManualTimers timers = new ManualTimers(clock);
    private final AtomicInteger changes = new AtomicInteger();
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    private <T extends AutoCloseable> T closing(T resource) {
        closing.add(resource);
        return resource;
    }

    private SocketTargetGroup group(Duration deregistrationDelay) {
        TargetGroupSpec spec = TargetGroupSpec.builder("api")
                .healthCheck(check -> check.path("/health").interval(INTERVAL).timeout(Duration.ofSeconds(2))
                        .healthyThreshold(3).unhealthyThreshold(2))
                .deregistrationDelay(deregistrationDelay).build();
        TargetGroup group = new TargetGroup("arn:aws:elasticloadbalancing:local:000000000000:targetgroup/api/1", spec,
                clock.instant());
        // Checks run on the calling thread, so that each timer step leaves the health decided.
        return closing(SocketTargetGroup.open(group, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), clock,
                timers, Runnable::run, new HealthProbe(), changes::incrementAndGet));
    }

    @Test
    void register_whenFirstCheckPasses_isHealthyAndServes() throws IOException {
        LoopbackServer api = closing(LoopbackServer.http("task-1"));
        SocketTargetGroup group = group(Duration.ofSeconds(300));

        group.register("task-1", api.endpoint());
        assertThat(state(group, "task-1")).isEqualTo(TargetHealthState.INITIAL);
        assertThat(status(group.listener())).as("no healthy target yet").isEqualTo(503);

        timers.runDue();

        assertThat(state(group, "task-1")).isEqualTo(TargetHealthState.HEALTHY);
        assertThat(changes.get()).isEqualTo(1);
        assertThat(body(group.listener())).isEqualTo("task-1");
    }

    @Test
    void target_whenChecksFailThresholdTimes_turnsUnhealthyAndGetsNoConnectionsWhileAnotherIsHealthy()
            throws IOException {
        LoopbackServer sick = closing(LoopbackServer.http("sick"));
        LoopbackServer well = closing(LoopbackServer.http("well"));
        SocketTargetGroup group = group(Duration.ofSeconds(300));
        group.register("sick", sick.endpoint());
        group.register("well", well.endpoint());
        timers.runDue();

        sick.status(500);
        timers.advance(INTERVAL);
        assertThat(state(group, "sick")).as("one failure of two").isEqualTo(TargetHealthState.HEALTHY);
        timers.advance(INTERVAL);

        TargetHealth health = group.health().get(0);
        assertThat(health.state()).isEqualTo(TargetHealthState.UNHEALTHY);
        assertThat(health.reason()).contains(CheckResult.RESPONSE_CODE_MISMATCH);
        for (int i = 0; i < 4; i++) {
            assertThat(body(group.listener())).isEqualTo("well");
        }
    }

    @Test
    void unhealthyTargets_whenNoneIsHealthy_stillGetConnections() throws IOException {
        LoopbackServer sick = closing(LoopbackServer.http("sick"));
        SocketTargetGroup group = group(Duration.ofSeconds(300));
        sick.status(500);
        group.register("sick", sick.endpoint());
        timers.runDue();
        timers.advance(INTERVAL);

        assertThat(state(group, "sick")).isEqualTo(TargetHealthState.UNHEALTHY);
        assertThat(status(group.listener())).as("ELB fails open").isEqualTo(500);
    }

    @Test
    void deregister_drainsOpenConnectionsAndSendsNewOnesElsewhere() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        LoopbackServer old = closing(LoopbackServer.held("old", release));
        LoopbackServer next = closing(LoopbackServer.http("new"));
        SocketTargetGroup group = group(Duration.ofSeconds(300));
        group.register("old", old.endpoint());
        timers.runDue();
        assertThat(state(group, "old")).isEqualTo(TargetHealthState.HEALTHY);

        try (Socket inFlight = openGet(group.listener())) {
            Eventually.within(Duration.ofSeconds(5), () -> old.openConnections() == 1);
            group.register("new", next.endpoint());
            timers.runDue();
            group.deregister("old");

            assertThat(state(group, "old")).isEqualTo(TargetHealthState.DRAINING);
            assertThat(group.isDrained("old")).as("a request is still in flight").isFalse();
            for (int i = 0; i < 3; i++) {
                assertThat(body(group.listener())).isEqualTo("new");
            }
            release.countDown();
            assertThat(read(inFlight)).endsWith("old");
        }
        Eventually.within(Duration.ofSeconds(5), () -> group.isDrained("old"));
        assertThat(state(group, "old")).as("listed as draining until the delay ends")
                .isEqualTo(TargetHealthState.DRAINING);

        timers.advance(Duration.ofSeconds(300));

        assertThat(group.health()).extracting(TargetHealth::taskId).containsExactly("new");
    }

    @Test
    void drain_whenTheDelayEnds_closesConnectionsStillOpen() throws Exception {
        LoopbackServer silent = closing(LoopbackServer.silent());
        SocketTargetGroup group = closing(group(Duration.ofSeconds(30)));
        group.register("hang", silent.endpoint());
        timers.runDue();
        timers.advance(INTERVAL.plus(INTERVAL));
        assertThat(state(group, "hang")).isEqualTo(TargetHealthState.UNHEALTHY);

        try (Socket client = openGet(group.listener())) {
            Eventually.within(Duration.ofSeconds(5), () -> silent.openConnections() >= 1
                    && group.health().get(0).activeConnections() == 1);
            group.deregister("hang");
            assertThat(group.isDrained("hang")).isFalse();

            timers.advance(Duration.ofSeconds(30));

            client.setSoTimeout(5_000);
            assertThat(client.getInputStream().read()).isEqualTo(-1);
            assertThat(group.isDrained("hang")).isTrue();
            assertThat(group.health()).isEmpty();
        }
    }

    private static TargetHealthState state(SocketTargetGroup group, String taskId) {
        return group.health().stream().filter(h -> h.taskId().equals(taskId)).findFirst().orElseThrow().state();
    }

    private static Socket openGet(Endpoint endpoint) throws IOException {
        Socket socket = new Socket(endpoint.host(), endpoint.port());
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        return socket;
    }

    private static String read(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    private static String get(Endpoint endpoint) throws IOException {
        try (Socket socket = openGet(endpoint)) {
            return read(socket);
        }
    }

    private static int status(Endpoint endpoint) throws IOException {
        return Integer.parseInt(get(endpoint).substring(9, 12));
    }

    private static String body(Endpoint endpoint) throws IOException {
        String response = get(endpoint);
        assertThat(response).startsWith("HTTP/1.1 200");
        return response.substring(response.indexOf("\r\n\r\n") + 4);
    }
}

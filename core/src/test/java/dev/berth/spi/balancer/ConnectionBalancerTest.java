package dev.berth.spi.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.network.Endpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The balancer against real sockets on loopback: what reaches the targets, and what the client gets back. */
class ConnectionBalancerTest {

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

    private ConnectionBalancer balancer(ConnectionBalancer.NoTargetAnswer noTarget) {
        return closing(ConnectionBalancer.open("test", new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                noTarget));
    }

    @Test
    void get_whenTwoTargetsRouted_answersFromEachInTurn() throws IOException {
        LoopbackServer a = closing(LoopbackServer.http("a"));
        LoopbackServer b = closing(LoopbackServer.http("b"));
        ConnectionBalancer balancer = balancer(ConnectionBalancer.NoTargetAnswer.HTTP_503);
        balancer.route(List.of(new RoutedTarget("a", a.endpoint()), new RoutedTarget("b", b.endpoint())));

        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            bodies.add(body(get(balancer.listener())));
        }

        assertThat(bodies).containsOnly("a", "b");
        assertThat(bodies.stream().filter("a"::equals).count()).isEqualTo(3);
    }

    @Test
    void get_whenNoTargetRouted_answers503ForHttpAndClosesForTcp() throws IOException {
        assertThat(get(balancer(ConnectionBalancer.NoTargetAnswer.HTTP_503).listener()))
                .startsWith("HTTP/1.1 503 Service Unavailable");
        assertThat(get(balancer(ConnectionBalancer.NoTargetAnswer.CLOSE).listener())).isEmpty();
    }

    @Test
    void get_whenFirstTargetRefuses_isAnsweredByTheNext() throws IOException {
        LoopbackServer b = closing(LoopbackServer.http("b"));
        Endpoint refusing = freePortNobodyListensOn();
        ConnectionBalancer balancer = balancer(ConnectionBalancer.NoTargetAnswer.HTTP_503);
        balancer.route(List.of(new RoutedTarget("gone", refusing), new RoutedTarget("b", b.endpoint())));

        for (int i = 0; i < 4; i++) {
            assertThat(body(get(balancer.listener()))).isEqualTo("b");
        }
        assertThat(balancer.activeConnections("gone")).isZero();
    }

    @Test
    void get_whenEveryTargetRefuses_answers502() throws IOException {
        ConnectionBalancer balancer = balancer(ConnectionBalancer.NoTargetAnswer.HTTP_503);
        balancer.route(List.of(new RoutedTarget("gone", freePortNobodyListensOn())));

        assertThat(get(balancer.listener())).startsWith("HTTP/1.1 502 Bad Gateway");
    }

    @Test
    void connection_whenTargetTakenOutOfRoute_finishesAndNewOnesGoElsewhere() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        LoopbackServer draining = closing(LoopbackServer.held("old", release));
        LoopbackServer next = closing(LoopbackServer.http("new"));
        ConnectionBalancer balancer = balancer(ConnectionBalancer.NoTargetAnswer.HTTP_503);
        balancer.route(List.of(new RoutedTarget("old", draining.endpoint())));
        try (Socket inFlight = send(balancer.listener())) {
            Eventually.within(Duration.ofSeconds(5), () -> balancer.activeConnections("old") == 1);

            balancer.route(List.of(new RoutedTarget("new", next.endpoint())));
            String meanwhile = body(get(balancer.listener()));
            release.countDown();

            assertThat(meanwhile).isEqualTo("new");
            assertThat(body(readAll(inFlight))).isEqualTo("old");
        }
        Eventually.within(Duration.ofSeconds(5), () -> balancer.activeConnections("old") == 0);
    }

    @Test
    void closeConnections_cutsTheTargetsOpenConnections() throws Exception {
        LoopbackServer silent = closing(LoopbackServer.silent());
        ConnectionBalancer balancer = balancer(ConnectionBalancer.NoTargetAnswer.HTTP_503);
        balancer.route(List.of(new RoutedTarget("slow", silent.endpoint())));
        try (Socket client = send(balancer.listener())) {
            Eventually.within(Duration.ofSeconds(5), () -> balancer.activeConnections("slow") == 1);

            balancer.closeConnections("slow");

            client.setSoTimeout(5_000);
            assertThat(client.getInputStream().read()).isEqualTo(-1);
            Eventually.within(Duration.ofSeconds(5), () -> balancer.activeConnections("slow") == 0);
        }
    }

    @Test
    void stream_whenLargerThanTheBuffersBothWays_arrivesWholeAndInOrder() throws Exception {
        LoopbackServer echo = closing(LoopbackServer.echo());
        ConnectionBalancer balancer = balancer(ConnectionBalancer.NoTargetAnswer.CLOSE);
        balancer.route(List.of(new RoutedTarget("echo", echo.endpoint())));
        byte[] payload = new byte[4 * 1024 * 1024];
        new Random(19).nextBytes(payload);

        try (Socket client = new Socket()) {
            client.connect(inet(balancer.listener()), 5_000);
            client.setSoTimeout(30_000);
            Thread writer = new Thread(() -> {
                try {
                    OutputStream out = client.getOutputStream();
                    out.write(payload);
                    client.shutdownOutput();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            writer.start();
            byte[] back = client.getInputStream().readAllBytes();
            writer.join();

            assertThat(back).isEqualTo(payload);
        }
    }

    @Test
    void halfClose_reachesTheTargetWhichStillAnswers() throws Exception {
        LoopbackServer echo = closing(LoopbackServer.echo());
        ConnectionBalancer balancer = balancer(ConnectionBalancer.NoTargetAnswer.CLOSE);
        balancer.route(List.of(new RoutedTarget("echo", echo.endpoint())));

        try (Socket client = new Socket()) {
            client.connect(inet(balancer.listener()), 5_000);
            client.setSoTimeout(5_000);
            client.getOutputStream().write("ping".getBytes(StandardCharsets.US_ASCII));
            client.shutdownOutput();

            assertThat(new String(client.getInputStream().readAllBytes(), StandardCharsets.US_ASCII))
                    .isEqualTo("ping");
        }
    }

    private static Endpoint freePortNobodyListensOn() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new Endpoint("127.0.0.1", s.getLocalPort());
        }
    }

    private static InetSocketAddress inet(Endpoint e) {
        return new InetSocketAddress(e.host(), e.port());
    }

    /** Sends a GET and leaves the connection open for the caller to read. */
    private static Socket send(Endpoint endpoint) throws IOException {
        Socket socket = new Socket();
        socket.connect(inet(endpoint), 5_000);
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        return socket;
    }

    private static String get(Endpoint endpoint) throws IOException {
        try (Socket socket = send(endpoint)) {
            return readAll(socket);
        }
    }

    private static String readAll(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    private static String body(String response) {
        int split = response.indexOf("\r\n\r\n");
        assertThat(split).as("an HTTP answer, got '%s'", response).isPositive();
        assertThat(response).startsWith("HTTP/1.1 200");
        return response.substring(split + 4);
    }
}

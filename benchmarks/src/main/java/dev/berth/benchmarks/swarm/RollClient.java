package dev.berth.benchmarks.swarm;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A client of a service during a roll, the same for every contender: each round it lists the service's running
 * and healthy containers with their published ports, as a client-side load balancer with a 100 ms refresh would,
 * and sends one GET to each. A request that gets no 200 counts as failed; the fewest serving containers of any
 * round shows how far the roll cut capacity.
 */
final class RollClient implements AutoCloseable {

    private static final Duration ROUND = Duration.ofMillis(100);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final Engine engine;
    private final Map<String, String> labels;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private int requests;
    private int failed;
    private int fewestServing = Integer.MAX_VALUE;

    /**
     * Starts the client.
     *
     * @param engine where the service's containers are listed
     * @param labels the service's labels
     */
    RollClient(Engine engine, Map<String, String> labels) {
        this.engine = engine;
        this.labels = labels;
        this.thread = new Thread(this::loop, "roll-client");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running.get()) {
            List<Integer> ports = engine.servingPorts(labels, Workload.HTTP_PORT);
            int ok = 0;
            for (int port : ports) {
                boolean success = get(port);
                ok += success ? 1 : 0;
                synchronized (this) {
                    requests++;
                    failed += success ? 0 : 1;
                }
            }
            synchronized (this) {
                fewestServing = Math.min(fewestServing, ok);
            }
            try {
                Thread.sleep(ROUND.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static boolean get(int port) {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/")).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** @return requests sent, requests failed and the fewest containers that answered in one round */
    synchronized int[] totals() {
        return new int[] {requests, failed, fewestServing == Integer.MAX_VALUE ? 0 : fewestServing};
    }

    /** Stops the client after its current round. */
    @Override
    public void close() {
        running.set(false);
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

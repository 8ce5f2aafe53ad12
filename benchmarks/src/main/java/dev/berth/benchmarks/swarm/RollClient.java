package dev.berth.benchmarks.swarm;

import dev.berth.benchmarks.swarm.Contender.Endpoint;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A client of a service during a roll, working as a load balancer does. One thread keeps its targets: the
 * orchestrator's own list of the service's tasks, taken anew 100 ms after the last list returned. Another sends
 * rounds of requests: one GET to each task the latest list shows serving, until every task the latest list shows
 * serving had its request in the round (a deregistered target gets no new requests, one registered during the
 * round gets its request in it); then it pauses 100 ms. A request that gets no 200 counts as failed and is logged
 * (the first {@link #LOGGED_FAILURES} of a roll) with its timing, how many requests its task had answered before,
 * and the task's state in the list it was sent by and in the latest one. Every request's time to its answer or
 * failure is kept; the fewest tasks that answered in any round shows how far the roll cut capacity.
 */
final class RollClient implements AutoCloseable {

    private static final Duration REFRESH = Duration.ofMillis(100);
    private static final Duration ROUND = Duration.ofMillis(100);
    private static final int LOGGED_FAILURES = 20;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final String name;
    private final Supplier<List<Endpoint>> endpoints;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread refresher;
    private final Thread sender;
    private volatile Targets latest;
    private final List<Integer> latencyMillis = new ArrayList<>();
    private final Map<String, Integer> answeredByTask = new HashMap<>();
    private int failed;
    private int fewestServing = Integer.MAX_VALUE;

    /** One list of the service's tasks: by task id, with when the list was asked for and how long it took. */
    private record Targets(Map<String, Endpoint> byTask, long askedAtNanos, long tookMillis) {
        static Targets of(List<Endpoint> tasks, long askedAtNanos) {
            return new Targets(tasks.stream().collect(Collectors.toMap(Endpoint::task, Function.identity(),
                    (a, b) -> a)), askedAtNanos, (System.nanoTime() - askedAtNanos) / 1_000_000);
        }
    }

    /**
     * Starts the client once the first list is there.
     *
     * @param name the contender's name, for the failure log
     * @param endpoints the service's tasks as the contender's orchestrator lists them
     */
    RollClient(String name, Supplier<List<Endpoint>> endpoints) {
        this.name = name;
        this.endpoints = endpoints;
        this.latest = Targets.of(endpoints.get(), System.nanoTime());
        this.refresher = daemon(this::refresh, "roll-client-targets");
        this.sender = daemon(this::send, "roll-client");
    }

    private static Thread daemon(Runnable loop, String name) {
        Thread t = new Thread(loop, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void refresh() {
        while (running.get()) {
            long askedAt = System.nanoTime();
            latest = Targets.of(endpoints.get(), askedAt);
            if (!Pause.sleep(REFRESH)) {
                return;
            }
        }
    }

    private void send() {
        while (running.get()) {
            Set<String> visited = new HashSet<>();
            int ok = 0;
            boolean complete = false;
            while (!complete && running.get()) {
                // Each request goes to a task the latest list shows serving: a deregistered target gets no new
                // requests, and one registered during the round still gets its request in this round.
                Targets checked = latest;
                Optional<Endpoint> next = checked.byTask().values().stream()
                        .filter(e -> e.serving() && !visited.contains(e.task())).findFirst();
                if (next.isEmpty()) {
                    complete = true;
                    continue;
                }
                Endpoint e = next.get();
                visited.add(e.task());
                long sent = System.nanoTime();
                Optional<String> error = get(e.host(), e.port());
                int tookMillis = (int) ((System.nanoTime() - sent) / 1_000_000);
                ok += error.isEmpty() ? 1 : 0;
                synchronized (this) {
                    latencyMillis.add(tookMillis);
                    int answeredBefore = error.isEmpty()
                            ? answeredByTask.merge(e.task(), 1, Integer::sum) - 1
                            : answeredByTask.getOrDefault(e.task(), 0);
                    failed += error.isPresent() ? 1 : 0;
                    if (error.isPresent() && failed <= LOGGED_FAILURES) {
                        log(e, checked, sent, tookMillis, answeredBefore, error.get());
                    }
                }
            }
            if (complete) { // a round cut short by close() says nothing about capacity
                synchronized (this) {
                    fewestServing = Math.min(fewestServing, ok);
                }
            }
            if (!Pause.sleep(ROUND)) {
                return;
            }
        }
    }

    /**
     * Logs a failed request: when it was sent, relative to the list that showed its task serving just before, how
     * long it took to fail, how many requests the task had answered before, and its state in the latest list.
     */
    private void log(Endpoint e, Targets checked, long sentNanos, int tookMillis, int answeredBefore, String error) {
        Targets now = latest;
        Endpoint later = now.byTask().get(e.task());
        System.err.printf("%s roll client: GET to task %s (port %d) failed after %d ms: %s. The task had answered"
                        + " %d requests before. Sent %d ms after the list that showed it %s was asked for (that list"
                        + " took %d ms); the latest list, asked for %d ms ago, shows it %s%n", name, e.task(),
                e.port(), tookMillis, error, answeredBefore, (sentNanos - checked.askedAtNanos()) / 1_000_000,
                e.state(), checked.tookMillis(), (System.nanoTime() - now.askedAtNanos()) / 1_000_000,
                later == null ? "gone" : later.state());
    }

    /**
     * Waits until one round of requests to the endpoints listed serving is answered with 200 by each, so that a roll
     * starts from a service that answers. Swarm counts a task healthy from its container's health check, and in a
     * slow engine its routing mesh takes seconds more to carry traffic to it.
     *
     * @param name the contender's name, for the timeout's message
     * @param endpoints the service's endpoints as its contender lists them
     * @param timeout how long to wait at most
     * @throws IllegalStateException if no such round came in time
     */
    static void awaitAnswering(String name, Supplier<List<Endpoint>> endpoints, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Optional<String> lastError = Optional.of("no endpoint listed serving");
        while (System.nanoTime() < deadline) {
            List<Endpoint> serving = endpoints.get().stream().filter(Endpoint::serving).toList();
            lastError = serving.isEmpty() ? Optional.of("no endpoint listed serving")
                    : serving.stream().map(e -> get(e.host(), e.port())).flatMap(Optional::stream).findFirst();
            if (lastError.isEmpty()) {
                return;
            }
            if (!Pause.sleep(Duration.ofMillis(200))) {
                break;
            }
        }
        throw new IllegalStateException(name + ": the service did not answer within " + timeout.toSeconds()
                + " s before its roll: " + lastError.get());
    }

    /** @return empty on a 200, else what went wrong */
    private static Optional<String> get(String host, int port) {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + port
                    + "/")).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200 ? Optional.empty() : Optional.of("HTTP " + response.statusCode());
        } catch (IOException e) {
            return Optional.of(e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    /** @return what the client saw so far */
    synchronized ClientTotals totals() {
        return new ClientTotals(latencyMillis.size(), failed, fewestServing == Integer.MAX_VALUE ? 0 : fewestServing,
                latencyMillis);
    }

    /** Stops the client after its current round. */
    @Override
    public void close() {
        running.set(false);
        try {
            sender.join(Duration.ofSeconds(10).toMillis());
            refresher.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

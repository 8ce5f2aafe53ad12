package dev.berth.docker;

import dev.berth.network.Endpoint;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client that sends GET requests to one endpoint back to back (a new connection each: busybox httpd closes
 * after every answer) until it is closed, and counts those sent and those that failed (no 200).
 */
final class CallCounter implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Endpoint endpoint;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger sent = new AtomicInteger();
    private final List<String> failures = new ArrayList<>();
    private final Thread sender;

    CallCounter(Endpoint endpoint) {
        this.endpoint = endpoint;
        this.sender = new Thread(this::send, "call-counter");
        this.sender.setDaemon(true);
        this.sender.start();
    }

    private void send() {
        while (running.get()) {
            sent.incrementAndGet();
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(endpoint.uri("http"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    failed("HTTP " + response.statusCode());
                }
            } catch (IOException e) {
                failed(e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            EngineTestBase.sleep(Duration.ofMillis(20));
        }
    }

    private synchronized void failed(String why) {
        failures.add(why);
    }

    int sent() {
        return sent.get();
    }

    synchronized List<String> failures() {
        return List.copyOf(failures);
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        sender.join(Duration.ofSeconds(10).toMillis());
    }
}

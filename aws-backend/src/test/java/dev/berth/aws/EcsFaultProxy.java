package dev.berth.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fault-injecting HTTP proxy in front of moto's server, on loopback: it forwards every ECS call (JSON over HTTP,
 * the operation in the {@code X-Amz-Target} header) to moto and its answer back, except the calls it was told to
 * fault, by operation and occurrence:
 * <ul>
 *   <li>{@link Fault#THROTTLE}: ECS's {@code ThrottlingException} "Rate exceeded" (HTTP 400); moto never sees it;</li>
 *   <li>{@link Fault#SERVER_ERROR}: an HTTP 500 {@code ServerException}; moto never sees it;</li>
 *   <li>{@link Fault#DROP_ANSWER}: moto performs the call, and the client's connection is closed without an
 *       answer;</li>
 *   <li>{@link Fault#DESCRIBE_MISSING}: a DescribeTasks answer whose first task is reported as a {@code MISSING}
 *       failure instead, as ECS's eventually consistent reads may for a task just listed.</li>
 * </ul>
 */
final class EcsFaultProxy implements AutoCloseable {

    /** What happens to a faulted call. */
    enum Fault { THROTTLE, SERVER_ERROR, DROP_ANSWER, DESCRIBE_MISSING }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI target;
    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
    private final Map<String, Map<Integer, Fault>> faults = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> log = new ConcurrentLinkedQueue<>();
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "host", "expect",
            "transfer-encoding", "upgrade", "keep-alive");

    EcsFaultProxy(URI target) {
        this.target = target;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the ECS fault proxy", e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    /** @return the proxy's endpoint, for an ECS client's {@code endpointOverride} */
    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /**
     * Faults the {@code occurrence}-th call (1 = the next one) of an operation counted from now on.
     *
     * @param operation ECS's operation name, e.g. {@code RunTask}
     */
    void fault(String operation, int occurrence, Fault fault) {
        int base = seen.computeIfAbsent(operation, o -> new AtomicInteger()).get();
        faults.computeIfAbsent(operation, o -> new ConcurrentHashMap<>()).put(base + occurrence, fault);
    }

    /** @return how many calls of the operation reached the proxy so far */
    int calls(String operation) {
        return seen.getOrDefault(operation, new AtomicInteger()).get();
    }

    /** @return each call as {@code Operation -> what happened}, in order */
    List<String> log() {
        return new ArrayList<>(log);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String amzTarget = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        String operation = amzTarget == null ? "?" : amzTarget.substring(amzTarget.indexOf('.') + 1);
        int n = seen.computeIfAbsent(operation, o -> new AtomicInteger()).incrementAndGet();
        Fault fault = faults.getOrDefault(operation, Map.of()).get(n);
        log.add(operation + " -> " + (fault == null ? "forwarded" : fault));
        try {
            if (fault == Fault.THROTTLE) {
                answer(exchange, 400, "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}");
                return;
            }
            if (fault == Fault.SERVER_ERROR) {
                answer(exchange, 500, "{\"__type\":\"ServerException\",\"message\":\"Internal failure (injected)\"}");
                return;
            }
            HttpResponse<byte[]> response = forward(exchange, body);
            if (fault == Fault.DROP_ANSWER) {
                exchange.close();
                return;
            }
            byte[] answer = fault == Fault.DESCRIBE_MISSING ? firstTaskMissing(response.body()) : response.body();
            response.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
            exchange.getResponseBody().write(answer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
        }
    }

    private HttpResponse<byte[]> forward(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI()))
                .timeout(Duration.ofSeconds(30))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                values.forEach(v -> request.header(name, v));
            }
        });
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** @return the DescribeTasks answer with its first task moved to {@code failures} as MISSING */
    private static byte[] firstTaskMissing(byte[] describeTasks) throws IOException {
        ObjectNode answer = (ObjectNode) JSON.readTree(describeTasks);
        ArrayNode tasks = (ArrayNode) answer.get("tasks");
        if (tasks == null || tasks.isEmpty()) {
            return describeTasks;
        }
        String arn = tasks.get(0).get("taskArn").asText();
        tasks.remove(0);
        ArrayNode failures = answer.withArray("failures");
        failures.addObject().put("arn", arn).put("reason", "MISSING");
        return JSON.writeValueAsBytes(answer);
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        exchange.getResponseHeaders().add("x-amzn-RequestId", "req-injected-" + status);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

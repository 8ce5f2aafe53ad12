package dev.berth.examples;

import dev.berth.task.NetworkBinding;
import dev.berth.task.Task;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** Sends one HTTP GET to each task's published host port, as a client outside the engine would. */
final class HttpProbe {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final String host;
    private final int containerPort;

    /**
     * @param host where the engine publishes ports ({@code DockerBackendConfig#endpointHost()})
     * @param containerPort the port the tasks serve on inside their containers
     */
    HttpProbe(String host, int containerPort) {
        this.host = host;
        this.containerPort = containerPort;
    }

    /** @return one answer per task, in the tasks' order */
    List<Answer> getEach(List<Task> tasks) {
        return tasks.stream().map(this::get).toList();
    }

    private Answer get(Task task) {
        int port = task.containers().stream().flatMap(c -> c.networkBindings().stream())
                .filter(b -> b.containerPort() == containerPort).mapToInt(NetworkBinding::hostPort).findFirst()
                .orElseThrow(() -> new IllegalStateException("task " + task.taskId() + " publishes no port "
                        + containerPort));
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                    URI.create("http://" + host + ":" + port + "/")).timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(task.taskId(), port, response.statusCode(), response.body().strip());
        } catch (IOException e) {
            return new Answer(task.taskId(), port, 0, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling port " + port, e);
        }
    }

    /**
     * What one task answered.
     *
     * @param taskId the task
     * @param hostPort the published port that was called
     * @param status the HTTP status, 0 when the request failed
     * @param body the body, or the failure
     */
    record Answer(String taskId, int hostPort, int status, String body) {

        /** @return e.g. {@code 200 "hello from v1"} */
        String reply() {
            return status + " \"" + body + "\"";
        }
    }
}

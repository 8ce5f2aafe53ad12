package dev.berth.examples;

import dev.berth.api.Berth;
import dev.berth.api.Service;
import dev.berth.docker.DockerBackend;
import dev.berth.exception.WaitTimeoutException;
import dev.berth.model.HealthCheck;
import dev.berth.model.TaskDefinition;
import dev.berth.model.TaskDefinitionRef;
import dev.berth.service.ServiceSpec;
import dev.berth.spi.ComputeBackend;
import dev.berth.task.NetworkBinding;
import dev.berth.task.Task;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The README's quickstart ({@code bash scripts/example.sh hello}): a two-task web service on the local Docker
 * engine, each task called on its published port, then deleted.
 */
public final class HelloBerth {

    private HelloBerth() {
    }

    /** Runs the quickstart on the engine of the environment, in cluster {@code hello}; exits 1 on failure. */
    public static void main(String[] args) {
        Examples.runMain("hello", () -> run(DockerBackend.fromEnvironment(), "hello", System.out));
    }

    /**
     * Registers a busybox web server, runs it as a 2-task service, calls each task and deletes the service.
     *
     * @param backend where the tasks run; {@link Berth#close()} closes it
     * @param cluster the cluster to use (created if missing)
     * @param out where each task's answer is printed
     * @return what each task answered
     * @throws WaitTimeoutException if the service is not steady, or not deleted, within a minute
     * @throws UncheckedIOException if a task does not answer
     */
    public static HelloResult run(ComputeBackend backend, String cluster, PrintStream out) {
        List<String> answers = new ArrayList<>();
        try {
            // tag::quickstart[]
            TaskDefinition hello = TaskDefinition.builder("hello")
                    .container(c -> c.name("web").image("berth-test/busybox:1").memoryMiB(32)
                            .command("sh", "-c", "echo hello from Berth > index.html && exec httpd -f -p 8080")
                            .portMapping(8080)                                   // on a free host port
                            .stopTimeout(Duration.ofSeconds(2))                  // httpd ignores SIGTERM as PID 1
                            .healthCheck(HealthCheck.shell("wget -q -O /dev/null http://localhost:8080/")
                                    .withInterval(Duration.ofSeconds(5))))
                    .build();

            try (Berth berth = Berth.builder(backend).build()) {              // DockerBackend.fromEnvironment()
                berth.taskDefinitions().register(hello);                       // hello:1
                Service web = berth.clusters().getOrCreate(cluster).services()
                        .create(ServiceSpec.builder("web", TaskDefinitionRef.latest("hello")).desiredCount(2).build());
                web.awaitSteady(Duration.ofMinutes(1));                        // 2 tasks RUNNING
                HttpClient http = HttpClient.newHttpClient();
                for (Task task : web.tasks()) {
                    NetworkBinding port = task.containers().get(0).networkBindings().get(0);
                    URI url = URI.create("http://" + port.bindIp() + ":" + port.hostPort() + "/");
                    String body = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).build(),
                            BodyHandlers.ofString()).body().strip();
                    out.println("task " + task.taskId() + " at " + url + " says: " + body);
                    answers.add(body);
                }
                web.delete(true);                                              // stops its tasks
                web.awaitDeleted(Duration.ofMinutes(1));
            }
            // end::quickstart[]
        } catch (IOException e) {
            throw new UncheckedIOException("a task of the hello service did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling the hello service", e);
        }
        return new HelloResult(answers);
    }
}

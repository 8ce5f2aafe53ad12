package dev.berth.benchmarks.swarm;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerPort;
import com.github.dockerjava.api.model.Task;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URI;
import java.net.URLEncoder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The local Docker engine as every contender is measured on it: the same label-filtered container lists for all
 * of them, the Swarm's task list, the {@code docker} command line for Swarm and raw containers, and the engine
 * daemons' CPU time from {@code /proc}.
 *
 * <p>The lists the harness polls while it measures ({@link #running}, {@link #existing}) are counted from the
 * engine's answer without mapping it: they run every 50 ms in the measured JVM, and mapping every listed container
 * (all its labels, ports and mounts) cost more of that JVM's CPU than some contenders' own work.
 */
final class Engine implements AutoCloseable {

    private static final String DOCKER = "/usr/bin/docker";
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    private static final JsonFactory JSON = new JsonFactory();

    private final DockerClient client;
    private final DockerHttpClient http;

    private Engine(DockerClient client, DockerHttpClient http) {
        this.client = client;
        this.http = http;
    }

    /**
     * @return the address the engine's published ports are reached at: the host of a {@code tcp://} DOCKER_HOST
     *     (an engine on another machine, or in the guest of {@code scripts/mesh-uml.sh}), else {@code 127.0.0.1}
     */
    static String host() {
        String dockerHost = System.getenv("DOCKER_HOST");
        return dockerHost != null && dockerHost.startsWith("tcp://") ? URI.create(dockerHost).getHost() : "127.0.0.1";
    }

    /** @return the engine at {@code unix:///var/run/docker.sock} (or DOCKER_HOST) */
    static Engine local() {
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder().dockerHost(config.getDockerHost())
                .maxConnections(4).connectionTimeout(Duration.ofSeconds(5)).responseTimeout(Duration.ofSeconds(30))
                .build();
        return new Engine(DockerClientImpl.getInstance(config, http), http);
    }

    /**
     * @param labels labels every counted container carries
     * @param revision only containers of this {@link Workload#REVISION_LABEL}; empty for any
     * @param healthyOnly only containers whose health check passes
     * @return how many such containers run
     */
    int running(Map<String, String> labels, Optional<Integer> revision, boolean healthyOnly) {
        Map<String, List<String>> filters = new java.util.LinkedHashMap<>();
        Map<String, String> withRevision = new java.util.LinkedHashMap<>(labels);
        revision.ifPresent(r -> withRevision.put(Workload.REVISION_LABEL, Integer.toString(r)));
        filters.put("label", labelFilters(withRevision));
        filters.put("status", List.of("running"));
        if (healthyOnly) {
            filters.put("health", List.of("healthy", "none"));
        }
        return count(false, filters);
    }

    /**
     * @param service a Swarm service's name
     * @return its tasks as the Swarm lists them ({@code GET /tasks}), old and new
     */
    List<Task> swarmTasks(String service) {
        return client.listTasksCmd().withServiceFilter(service).exec();
    }

    /**
     * @param labels labels every container carries
     * @param containerPort a port inside the containers
     * @return the host port each running container with these labels publishes {@code containerPort} on, by
     *     container ID
     */
    Map<String, Integer> publishedPorts(Map<String, String> labels, int containerPort) {
        Map<String, Integer> ports = new HashMap<>();
        for (Container c : runningContainers(labels, Optional.empty(), false)) {
            int port = publishedPort(c, containerPort);
            if (port != 0) {
                ports.put(c.getId(), port);
            }
        }
        return ports;
    }

    private static int publishedPort(Container c, int containerPort) {
        for (ContainerPort p : Objects.requireNonNullElse(c.getPorts(), new ContainerPort[0])) {
            if (p.getPrivatePort() != null && p.getPrivatePort() == containerPort && p.getPublicPort() != null) {
                return p.getPublicPort();
            }
        }
        return 0;
    }

    /**
     * One running container of a web workload.
     *
     * @param id its container ID
     * @param healthy whether its health check passes
     * @param port the host port its web port is published on; 0 while none is
     */
    record WebContainer(String id, boolean healthy, int port) {
    }

    /**
     * @param labels labels every container carries
     * @param containerPort the web port inside the containers
     * @return the running containers with these labels, as the engine lists them
     */
    List<WebContainer> webContainers(Map<String, String> labels, int containerPort) {
        return runningContainers(labels, Optional.empty(), false).stream()
                .map(c -> new WebContainer(c.getId(), Objects.requireNonNullElse(c.getStatus(), "")
                        .contains("(healthy)"), publishedPort(c, containerPort)))
                .toList();
    }

    /** @return how many containers with these labels exist, running or not */
    int existing(Map<String, String> labels) {
        return count(true, Map.of("label", labelFilters(labels)));
    }

    /**
     * @param all whether stopped containers count too
     * @param filters the engine's list filters, e.g. {@code label} to {@code [k=v]}
     * @return how many containers the engine lists, counted from its answer without mapping it
     */
    private int count(boolean all, Map<String, List<String>> filters) {
        StringBuilder json = new StringBuilder("{");
        filters.forEach((name, values) -> {
            json.append(json.length() > 1 ? "," : "").append('"').append(name).append("\":[");
            for (int i = 0; i < values.size(); i++) {
                json.append(i > 0 ? "," : "").append('"').append(values.get(i).replace("\\", "\\\\")
                        .replace("\"", "\\\"")).append('"');
            }
            json.append(']');
        });
        json.append('}');
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET)
                .path("/containers/json?all=" + all + "&filters="
                        + URLEncoder.encode(json.toString(), StandardCharsets.UTF_8))
                .build();
        try (DockerHttpClient.Response response = http.execute(request); InputStream in = response.getBody()) {
            if (response.getStatusCode() != 200) {
                throw new IllegalStateException("listing containers failed: HTTP " + response.getStatusCode() + " "
                        + new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
            }
            try (JsonParser parser = JSON.createParser(in)) {
                if (parser.nextToken() != JsonToken.START_ARRAY) {
                    throw new IllegalStateException("listing containers: not a JSON array");
                }
                int n = 0;
                while (parser.nextToken() == JsonToken.START_OBJECT) {
                    parser.skipChildren();
                    n++;
                }
                return n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("listing containers failed", e);
        }
    }

    private static List<String> labelFilters(Map<String, String> labels) {
        return labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    }

    /** @return the IDs of the containers with these labels, running or not */
    List<String> ids(Map<String, String> labels) {
        return client.listContainersCmd().withShowAll(true).withLabelFilter(labels).exec().stream()
                .map(Container::getId).toList();
    }

    private List<Container> runningContainers(Map<String, String> labels, Optional<Integer> revision,
                                              boolean healthyOnly) {
        Map<String, String> filter = new java.util.LinkedHashMap<>(labels);
        revision.ifPresent(r -> filter.put(Workload.REVISION_LABEL, Integer.toString(r)));
        var cmd = client.listContainersCmd().withStatusFilter(List.of("running")).withLabelFilter(filter);
        if (healthyOnly) {
            cmd = cmd.withFilter("health", List.of("healthy", "none"));
        }
        return cmd.exec();
    }

    /**
     * Runs the docker command line and returns its output.
     *
     * @param timeout how long it may take
     * @param args its arguments
     * @return its standard output, trimmed
     * @throws IllegalStateException if it fails or times out; the message holds its error output
     */
    static String docker(Duration timeout, String... args) {
        List<String> command = new ArrayList<>();
        command.add(DOCKER);
        command.addAll(List.of(args));
        try {
            Path err = Files.createTempFile("berth-bench", ".err");
            try {
                Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
                byte[] out = p.getInputStream().readAllBytes();
                if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException("docker " + args[0] + " did not finish within " + timeout);
                }
                if (p.exitValue() != 0) {
                    String line = String.join(" ", args);
                    throw new IllegalStateException("docker " + line.substring(0, Math.min(120, line.length()))
                            + " failed: " + Files.readString(err).strip());
                }
                return new String(out, StandardCharsets.UTF_8).strip();
            } finally {
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("running " + DOCKER + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running docker " + args[0], e);
        }
    }

    /** @return CPU seconds (user + system) the process named {@code name} has used so far; 0 if none runs */
    static double cpuSeconds(String name) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/" + name) || c.equals(name)).orElse(false))
                .mapToDouble(p -> procCpuSeconds(p.pid())).sum();
    }

    private static double procCpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after the command: state(0) ... utime(11) stime(12), in clock ticks
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) CLOCK_TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

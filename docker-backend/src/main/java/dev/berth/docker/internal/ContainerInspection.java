package dev.berth.docker.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.exception.BadRequestException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.InternalServerErrorException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.transport.DockerHttpClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The part of a container's inspection ({@code GET /containers/{id}/json}) that Berth reads: its state and health,
 * labels, exposed and published ports and network mode, read from the engine's answer with every other field
 * skipped. docker-java maps the whole answer (host configuration, mounts, graph driver, networks) into its model on
 * every inspection, which was most of the CPU of Berth's starts and stops; this reads the same JSON over the same
 * transport and through the same {@link BackendCallPolicy}. Fields the engine leaves out are null, as in its JSON.
 *
 * @param id the container's ID
 * @param name its name, with the engine's leading {@code /}
 * @param state its state
 * @param config its configuration
 * @param hostConfig its host configuration
 * @param networkSettings its network settings
 */
record ContainerInspection(@JsonProperty("Id") String id, @JsonProperty("Name") String name,
                           @JsonProperty("State") State state, @JsonProperty("Config") Config config,
                           @JsonProperty("HostConfig") HostConfig hostConfig,
                           @JsonProperty("NetworkSettings") NetworkSettings networkSettings) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /**
     * A container's state.
     *
     * @param status {@code created}, {@code running}, {@code paused}, {@code restarting}, {@code exited} ...
     * @param running whether it runs
     * @param restarting whether it is being restarted
     * @param oomKilled whether the kernel killed it for its memory
     * @param exitCode its last exit code
     * @param error the engine's error starting it, if any
     * @param startedAt when it last started, {@code 0001-01-01T00:00:00Z} if never
     * @param finishedAt when it last exited
     * @param health its health, if it has a health check
     */
    record State(@JsonProperty("Status") String status, @JsonProperty("Running") Boolean running,
                 @JsonProperty("Restarting") Boolean restarting, @JsonProperty("OOMKilled") Boolean oomKilled,
                 @JsonProperty("ExitCode") Long exitCode, @JsonProperty("Error") String error,
                 @JsonProperty("StartedAt") String startedAt, @JsonProperty("FinishedAt") String finishedAt,
                 @JsonProperty("Health") Health health) {
    }

    /**
     * @param status {@code starting}, {@code healthy} or {@code unhealthy}
     * @param log the last runs of the check
     */
    record Health(@JsonProperty("Status") String status, @JsonProperty("Log") List<HealthRun> log) {
    }

    /**
     * @param start when the run started
     * @param exitCode its exit code
     * @param output its output
     */
    record HealthRun(@JsonProperty("Start") String start, @JsonProperty("ExitCode") Long exitCode,
                     @JsonProperty("Output") String output) {
    }

    /**
     * @param labels the container's labels
     * @param exposedPorts its exposed ports by {@code port/protocol}, e.g. {@code 8080/tcp}
     * @param stopSignal the signal it is stopped with, if not SIGTERM
     */
    record Config(@JsonProperty("Labels") Map<String, String> labels,
                  @JsonProperty("ExposedPorts") Map<String, Object> exposedPorts,
                  @JsonProperty("StopSignal") String stopSignal) {
    }

    /** @param networkMode e.g. {@code bridge}, {@code host}, a network's name */
    record HostConfig(@JsonProperty("NetworkMode") String networkMode) {
    }

    /** @param ports the published ports by {@code port/protocol}; null bindings for a port exposed only */
    record NetworkSettings(@JsonProperty("Ports") Map<String, List<PortBinding>> ports) {
    }

    /**
     * @param hostIp the host address it is published on
     * @param hostPort the host port, as text
     */
    record PortBinding(@JsonProperty("HostIp") String hostIp, @JsonProperty("HostPort") String hostPort) {
    }

    /** @return the container's labels; empty if it has none */
    Map<String, String> labels() {
        return config == null || config.labels() == null ? Map.of() : config.labels();
    }

    /** @return whether the container runs or is being restarted */
    boolean isRunning() {
        return state != null && (Boolean.TRUE.equals(state.running()) || Boolean.TRUE.equals(state.restarting()));
    }

    /** @return the engine's state, e.g. {@code running}; empty if it reported none */
    String status() {
        return state == null ? "" : Objects.requireNonNullElse(state.status(), "");
    }

    /**
     * @param json the engine's answer to an inspection
     * @return what Berth reads of it
     * @throws IOException if it cannot be read or is not an inspection's JSON
     */
    static ContainerInspection parse(InputStream json) throws IOException {
        return JSON.readValue(json, ContainerInspection.class);
    }

    /**
     * Inspects a container; call it through {@link DockerClients#call}, which retries and translates its failures.
     *
     * @param clients the engine's clients
     * @param idOrName the container's ID or name
     * @return what Berth reads of its inspection
     * @throws NotFoundException if there is no such container (as docker-java would throw it); other engine errors
     *     as docker-java's exceptions of their status, I/O failures as {@link UncheckedIOException}
     */
    static ContainerInspection fetch(DockerClients clients, String idOrName) {
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET)
                .path("/containers/" + URLEncoder.encode(idOrName, StandardCharsets.UTF_8) + "/json")
                .build();
        try (DockerHttpClient.Response response = clients.callsTransport().execute(request);
             InputStream body = response.getBody()) {
            int status = response.getStatusCode();
            if (status != 200) {
                String text = body == null ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8).strip();
                throw switch (status) {
                    case 400 -> new BadRequestException(text);
                    case 404 -> new NotFoundException(text);
                    case 500 -> new InternalServerErrorException(text);
                    default -> new DockerException(text, status);
                };
            }
            return parse(body);
        } catch (IOException e) {
            throw new UncheckedIOException("the engine's inspection of container " + idOrName
                    + " could not be read", e);
        }
    }
}

package dev.berth.swarm.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.exception.BadRequestException;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.berth.docker.DockerBackendConfig;
import dev.berth.docker.internal.DockerClients;
import dev.berth.exception.ResourceNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Swarm part of a manager's engine API (version 1.41, Docker 20.10 and later), spoken as JSON over the same
 * docker-java transport and through the same call policy as the Docker backend's calls (retry of transient errors,
 * circuit breaker, translation into Berth's exceptions). docker-java's own Swarm model lacks what Berth needs (a
 * service's previous spec and placement preferences, node labels, the ports a task published, per-node replica
 * limits), so services, tasks and nodes are read and written here as JSON trees.
 */
public final class SwarmApi implements AutoCloseable {

    /** Jobs, per-node replica limits and everything else used here exist from this version on. */
    static final String API_VERSION = "v1.41";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DockerClients clients;

    private SwarmApi(DockerClients clients) {
        this.clients = clients;
    }

    /**
     * @param manager how to reach a manager node's engine
     * @return the API of that manager; no connection is opened yet
     */
    public static SwarmApi connect(DockerBackendConfig manager) {
        return new SwarmApi(DockerClients.open(manager));
    }

    /** @return the manager's docker-java clients, for what docker-java models well (logs, ping, info) */
    public DockerClients clients() {
        return clients;
    }

    /** @return a new empty JSON object, for building specs */
    public static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** @return the JSON mapper specs are built and read with */
    public static ObjectMapper json() {
        return JSON;
    }

    /** @return the manager's view of the swarm: {@code GET /info}'s {@code Swarm} object */
    public JsonNode swarmInfo() {
        return get("report its swarm state", "/info").path("Swarm");
    }

    /** @return every node of the swarm */
    public List<SwarmNode> nodes() {
        List<SwarmNode> nodes = new ArrayList<>();
        for (JsonNode node : get("list the swarm's nodes", "/nodes")) {
            nodes.add(SwarmNode.of(node));
        }
        return nodes;
    }

    /**
     * @param id a node's id
     * @param version its version index, for optimistic locking
     * @param spec its whole new spec
     */
    public void updateNode(String id, long version, JsonNode spec) {
        send("update swarm node " + id, "POST", "/nodes/" + id + "/update?version=" + version, spec);
    }

    /**
     * @param labels label filters, {@code key=value}, all of which a service must carry
     * @return the matching services
     */
    public List<SwarmService> services(Map<String, String> labels) {
        List<SwarmService> services = new ArrayList<>();
        for (JsonNode service : get("list services", "/services?filters=" + labelFilters(labels))) {
            services.add(SwarmService.of(service));
        }
        return services;
    }

    /**
     * @param nameOrId a service's name or id
     * @return the service, or empty if there is none
     */
    public Optional<SwarmService> service(String nameOrId) {
        try {
            return Optional.of(SwarmService.of(get("inspect service " + nameOrId, "/services/" + encode(nameOrId))));
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    /** @return every task the swarm keeps (running, and the recent history of each service) */
    public List<SwarmTask> tasks() {
        return parseTasks(get("list tasks", "/tasks"));
    }

    /**
     * @param serviceIds services' ids
     * @return the tasks of those services; none of a service that is gone
     */
    public List<SwarmTask> tasksOf(List<String> serviceIds) {
        if (serviceIds.isEmpty()) {
            return List.of();
        }
        ObjectNode filters = object();
        ArrayNode services = filters.putArray("service");
        serviceIds.forEach(services::add);
        try {
            return parseTasks(get("list the tasks of " + serviceIds.size() + " services", "/tasks?filters="
                    + encode(filters.toString())));
        } catch (ResourceNotFoundException serviceGone) {
            // the filter refuses a service removed since it was listed: filter here instead
            Set<String> wanted = Set.copyOf(serviceIds);
            return tasks().stream().filter(t -> wanted.contains(t.serviceId())).toList();
        }
    }

    /**
     * @param spec the service's spec
     * @param registryAuth the engine's base64 login for pulling its image, if any
     * @return the new service's id
     * @throws dev.berth.exception.ConflictException if a service of that name exists
     */
    public String createService(JsonNode spec, Optional<String> registryAuth) {
        return send("create service " + spec.path("Name").asText(), "POST", "/services/create", spec,
                registryAuth).path("ID").asText();
    }

    /**
     * @param id the service's id
     * @param version its version index, for optimistic locking: a stale one fails with a conflict
     * @param spec its whole new spec
     * @param registryAuth the engine's base64 login for pulling its image, if any
     */
    public void updateService(String id, long version, JsonNode spec, Optional<String> registryAuth) {
        send("update service " + spec.path("Name").asText(), "POST", "/services/" + id + "/update?version="
                + version, spec, registryAuth);
    }

    /** @param id a service's id; a service that is gone already is not an error */
    public void removeService(String id) {
        try {
            send("remove service " + id, "DELETE", "/services/" + id, null);
        } catch (ResourceNotFoundException gone) {
            // already removed
        }
    }

    /**
     * @param name the network's name
     * @param labels its labels
     * @return the new overlay network's id
     */
    public String createOverlayNetwork(String name, Map<String, String> labels) {
        ObjectNode spec = object().put("Name", name).put("Driver", "overlay").put("CheckDuplicate", true);
        ObjectNode labelNode = spec.putObject("Labels");
        labels.forEach(labelNode::put);
        return send("create network " + name, "POST", "/networks/create", spec).path("Id").asText();
    }

    /**
     * @param labels label filters the networks must carry
     * @return the ids of the matching networks
     */
    public List<String> networks(Map<String, String> labels) {
        List<String> ids = new ArrayList<>();
        for (JsonNode network : get("list networks", "/networks?filters=" + labelFilters(labels))) {
            ids.add(network.path("Id").asText());
        }
        return ids;
    }

    /** @param id a network's id; one that is gone already is not an error */
    public void removeNetwork(String id) {
        try {
            send("remove network " + id, "DELETE", "/networks/" + id, null);
        } catch (ResourceNotFoundException gone) {
            // already removed
        }
    }

    /** Releases the manager's clients. */
    @Override
    public void close() {
        clients.close();
    }

    private static List<SwarmTask> parseTasks(JsonNode array) {
        List<SwarmTask> tasks = new ArrayList<>();
        for (JsonNode task : array) {
            tasks.add(SwarmTask.of(task));
        }
        return tasks;
    }

    private JsonNode get(String what, String path) {
        return send(what, "GET", path, null);
    }

    private JsonNode send(String what, String method, String path, JsonNode body) {
        return send(what, method, path, body, Optional.empty());
    }

    private JsonNode send(String what, String method, String path, JsonNode body, Optional<String> registryAuth) {
        return clients.call(what, () -> exchange(what, method, path, body, registryAuth));
    }

    /** One request; a status of 400 or more becomes the docker-java exception docker-java would have thrown. */
    private JsonNode exchange(String what, String method, String path, JsonNode body, Optional<String> registryAuth) {
        DockerHttpClient.Request.Builder request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.valueOf(method))
                .path("/" + API_VERSION + path);
        if (body != null) {
            request.putHeader("Content-Type", "application/json").bodyBytes(bytes(body));
        }
        registryAuth.ifPresent(auth -> request.putHeader("X-Registry-Auth", auth));
        try (DockerHttpClient.Response response = clients.callsTransport().execute(request.build());
             InputStream in = response.getBody()) {
            byte[] answer = in == null ? new byte[0] : in.readAllBytes();
            int status = response.getStatusCode();
            if (status >= 400) {
                throw failure(status, new String(answer, StandardCharsets.UTF_8).strip());
            }
            return answer.length == 0 ? object() : JSON.readTree(answer);
        } catch (IOException e) {
            throw new UncheckedIOException("the engine's answer to '" + what + "' could not be read", e);
        }
    }

    private static DockerException failure(int status, String body) {
        return switch (status) {
            case 400 -> new BadRequestException(body);
            case 404 -> new NotFoundException(body);
            case 409 -> new ConflictException(body);
            default -> new DockerException(body, status);
        };
    }

    private static byte[] bytes(JsonNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String labelFilters(Map<String, String> labels) {
        ObjectNode filters = object();
        ArrayNode label = filters.putArray("label");
        labels.forEach((k, v) -> label.add(k + "=" + v));
        return encode(filters.toString());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

package dev.berth.swarm.internal;

import dev.berth.exception.InvalidSpecException;
import dev.berth.exception.SpecProblem;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Names of the Swarm objects Berth creates. Swarm has no clusters, so a Berth service is named like a stack's
 * service, {@code <cluster>_<service>}. A task's container services and network are named from a hash of cluster
 * and task id, so that a second create of the same task clashes on the name instead of starting it twice; labels
 * carry the readable identity.
 */
public final class SwarmNames {

    /** Swarm's limit on a service name. */
    static final int MAX_NAME = 63;

    private SwarmNames() {
    }

    /**
     * @return {@code <cluster>_<service>}
     * @throws InvalidSpecException if that is longer than Swarm allows
     */
    public static String service(String cluster, String service) {
        String name = cluster + "_" + service;
        if (name.length() > MAX_NAME) {
            throw new InvalidSpecException("service " + service + " on Docker Swarm", List.of(new SpecProblem(
                    "serviceName", "swarm.service.name", name, "The Swarm service is named <cluster>_<service>, at"
                    + " most " + MAX_NAME + " characters; this one has " + name.length() + ": use shorter names")));
        }
        return name;
    }

    /** @return the name of the Swarm service that runs container number {@code index} of a task */
    public static String taskContainer(String cluster, String taskId, int index) {
        return "berth-" + hash(cluster, taskId) + "-" + index;
    }

    /** @return the name of a task's own overlay network */
    public static String taskNetwork(String cluster, String taskId) {
        return "berth-" + hash(cluster, taskId) + "-net";
    }

    private static String hash(String cluster, String taskId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((cluster + "\u0000" + taskId).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}

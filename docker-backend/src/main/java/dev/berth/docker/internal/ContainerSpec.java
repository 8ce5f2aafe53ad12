package dev.berth.docker.internal;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything needed to create one container on the engine, mapped from a container definition.
 *
 * @param containerName the container's name in the task definition
 * @param dockerName the engine-wide container name
 * @param image the image reference
 * @param entrypoint Docker {@code Entrypoint}; empty = the image's
 * @param cmd Docker {@code Cmd}; empty = the image's
 * @param env {@code NAME=value} entries, secrets included: never print them
 * @param labels the container's labels
 * @param workingDir working directory; empty = the image's
 * @param user user; empty = the image's
 * @param healthCheck Docker health check; empty = the image's
 * @param exposedPorts ports the container exposes
 * @param hostConfig resources, port bindings, network mode, restart policy, ulimits, log driver, mounts, Linux
 *     parameters and the other Docker options
 * @param networkAliases names on the task's network (only with a per-task network)
 * @param hostname the container's hostname; empty = Docker's
 * @param networkDisabled whether the container has no network ({@code disableNetworking})
 * @param stdinOpen whether stdin stays open ({@code interactive})
 * @param tty whether a TTY is allocated ({@code pseudoTerminal})
 */
public record ContainerSpec(String containerName, String dockerName, String image, List<String> entrypoint,
                            List<String> cmd, List<String> env, Map<String, String> labels,
                            Optional<String> workingDir, Optional<String> user, Optional<HealthCheck> healthCheck,
                            List<ExposedPort> exposedPorts, HostConfig hostConfig, List<String> networkAliases,
                            Optional<String> hostname, boolean networkDisabled, boolean stdinOpen, boolean tty) {

    /**
     * @throws NullPointerException if a component is null
     */
    public ContainerSpec {
        Objects.requireNonNull(containerName, "containerName");
        Objects.requireNonNull(dockerName, "dockerName");
        Objects.requireNonNull(image, "image");
        entrypoint = List.copyOf(entrypoint);
        cmd = List.copyOf(cmd);
        env = List.copyOf(env);
        labels = Map.copyOf(labels);
        Objects.requireNonNull(workingDir, "workingDir");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(healthCheck, "healthCheck");
        exposedPorts = List.copyOf(exposedPorts);
        Objects.requireNonNull(hostConfig, "hostConfig");
        networkAliases = List.copyOf(networkAliases);
        Objects.requireNonNull(hostname, "hostname");
    }

    /**
     * @param imageToRun the image to create the container from, e.g. an image ID its deployment pinned
     * @return a copy that runs that image
     */
    public ContainerSpec withImage(String imageToRun) {
        return new ContainerSpec(containerName, dockerName, imageToRun, entrypoint, cmd, env, labels, workingDir, user,
                healthCheck, exposedPorts, hostConfig, networkAliases, hostname, networkDisabled, stdinOpen, tty);
    }

    /** Names the environment variables but never shows their values, which may be secrets. */
    @Override
    public String toString() {
        return "ContainerSpec[" + dockerName + ", image=" + image + ", env names="
                + env.stream().map(e -> e.substring(0, Math.max(0, e.indexOf('=')))).toList() + "]";
    }
}

package dev.berth.docker.internal;

import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.LogConfig;
import dev.berth.model.ContainerDefinition;
import dev.berth.model.FirelensConfiguration;
import dev.berth.model.LogConfiguration;
import dev.berth.model.NetworkMode;
import dev.berth.model.Secret;
import dev.berth.model.TaskDefinition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * FireLens on Docker, as the ECS agent sets it up (amazon-ecs-agent: {@code agent/engine/docker_task_engine.go}
 * {@code getFirelensLogConfig}, {@code agent/api/task/task.go}, {@code agent/taskresource/firelens}):
 * <ul>
 *   <li>the router gets a socket directory (a volume of the task) at {@code /var/run}, where its generated
 *       configuration ({@link FirelensConfigFile}) makes it listen on {@code /var/run/fluent.sock} and on TCP port
 *       24224; a Fluentd router also gets {@code FLUENT_UID=0} to reach the socket;</li>
 *   <li>each container that logs with {@code awsfirelens} logs through Docker's {@code fluentd} driver to that
 *       socket, with the agent's options: {@code tag} {@code <container>-firelens-<task>},
 *       {@code fluentd-address unix://<socket>}, {@code fluentd-sub-second-precision true},
 *       {@code fluentd-async true} (engines from 20.10) and, when the container's options set
 *       {@code log-driver-buffer-limit}, {@code fluentd-buffer-limit}; it also gets {@code FLUENT_HOST} and
 *       {@code FLUENT_PORT} to send records itself: the router's name on the task's network and 24224;</li>
 *   <li>the router starts first: each such container gets an implicit START dependency on it, unless the router
 *       itself depends on other containers ({@link #routerFirst}).</li>
 * </ul>
 */
final class FirelensRouting {

    /** The router's socket directory in the router, as the agent mounts it. */
    static final String SOCKET_DIRECTORY = "/var/run/";
    /** The TCP port the generated configuration listens on. */
    static final String FORWARD_PORT = "24224";
    /** A container's log option that sets the driver's buffer, kept out of the router's configuration. */
    static final String BUFFER_LIMIT_OPTION = "log-driver-buffer-limit";

    private final String taskId;
    private final ContainerDefinition router;
    private final String socketVolume;
    private final String socketHostPath;
    private final NetworkMode networkMode;

    /**
     * @param taskId the task
     * @param router its FireLens router
     * @param socketVolume the engine volume holding the socket directory
     * @param socketHostPath that volume's directory on the engine's host
     * @param networkMode the task's network mode
     */
    FirelensRouting(String taskId, ContainerDefinition router, String socketVolume, String socketHostPath,
                    NetworkMode networkMode) {
        this.taskId = taskId;
        this.router = router;
        this.socketVolume = socketVolume;
        this.socketHostPath = socketHostPath;
        this.networkMode = networkMode;
    }

    /**
     * A container's logging set up by FireLens.
     *
     * @param logConfig the log driver that replaces the container's own, if any
     * @param environment variables added to the container's environment
     * @param binds mounts added to the container
     */
    record ContainerLogging(Optional<LogConfig> logConfig, Map<String, String> environment, List<Bind> binds) {
    }

    /**
     * @param definition a task definition
     * @return the same definition where every container that logs with {@code awsfirelens} also depends on the
     *     router's start, as the agent orders them; unchanged when there is no router or it has dependencies
     */
    static TaskDefinition routerFirst(TaskDefinition definition) {
        Optional<ContainerDefinition> router = definition.firelensContainer();
        if (router.isEmpty() || !router.get().dependsOn().isEmpty()) {
            return definition;
        }
        String name = router.get().name();
        List<ContainerDefinition> containers = definition.containerDefinitions().stream().map(c ->
                usesFirelens(c) && !c.name().equals(name)
                        && c.dependsOn().stream().noneMatch(d -> d.containerName().equals(name))
                        ? c.toBuilder().dependsOn(name, dev.berth.model.DependencyCondition.START).build() : c)
                .toList();
        return containers.equals(definition.containerDefinitions()) ? definition
                : definition.toBuilder().containers(containers).build();
    }

    /** @return whether the container logs through the task's router */
    static boolean usesFirelens(ContainerDefinition container) {
        return container.logConfiguration().filter(l -> l.logDriver().equals("awsfirelens")).isPresent();
    }

    /** @return the engine volume that holds a task's router socket, {@code berth-<task>-firelens} */
    static String socketVolumeName(String taskId) {
        return TaskVolumes.taskVolumeName(taskId, "firelens");
    }

    /** @return the router container */
    ContainerDefinition router() {
        return router;
    }

    /**
     * @param container a container of the task
     * @param secretOptionValues the values of the awsfirelens containers' secret log options, by the router's
     *     variable name ({@link #secretVariable})
     * @return what FireLens changes for it: the router's socket mount and environment, or a user's log driver
     */
    ContainerLogging forContainer(ContainerDefinition container, Map<String, String> secretOptionValues) {
        if (container.name().equals(router.name())) {
            Map<String, String> environment = new LinkedHashMap<>(secretOptionValues);
            if (router.firelensConfiguration().orElseThrow().type() == FirelensConfiguration.Type.FLUENTD) {
                environment.put("FLUENT_UID", "0");
            }
            return new ContainerLogging(Optional.empty(), environment, List.of(new Bind(socketVolume,
                    new com.github.dockerjava.api.model.Volume(SOCKET_DIRECTORY), AccessMode.rw)));
        }
        if (!usesFirelens(container)) {
            return new ContainerLogging(Optional.empty(), Map.of(), List.of());
        }
        Map<String, String> options = new LinkedHashMap<>();
        options.put("tag", container.name() + "-firelens-" + taskId);
        options.put("fluentd-address", "unix://" + socketHostPath.replaceAll("/+$", "") + "/fluent.sock");
        options.put("fluentd-sub-second-precision", "true");
        options.put("fluentd-async", "true");
        container.logConfiguration().map(LogConfiguration::options).map(o -> o.get(BUFFER_LIMIT_OPTION))
                .ifPresent(limit -> options.put("fluentd-buffer-limit", limit));
        Map<String, String> environment = networkMode == NetworkMode.HOST ? Map.of()
                : Map.of("FLUENT_HOST", router.name(), "FLUENT_PORT", FORWARD_PORT);
        return new ContainerLogging(Optional.of(new LogConfig(LogConfig.LoggingType.FLUENTD, options)), environment,
                List.of());
    }

    /**
     * @param option a secret log option of an awsfirelens container
     * @param container that container
     * @return the router's variable holding its value, as the agent names it: {@code <option>_<container>}
     */
    static String secretVariable(Secret option, ContainerDefinition container) {
        return option.name() + "_" + container.name();
    }
}

package dev.berth.docker.internal;

import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.api.model.Ulimit;
import com.github.dockerjava.api.model.VolumesFrom;
import dev.berth.docker.DockerBackendConfig;
import dev.berth.model.ContainerDefinition;
import dev.berth.model.ContainerOverride;
import dev.berth.model.LogConfiguration;
import dev.berth.model.NetworkMode;
import dev.berth.model.PortMapping;
import dev.berth.model.Protocol;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps a container definition to a {@link ContainerSpec} the way ECS's agent maps it to Docker (pure):
 * <ul>
 *   <li>RunTask's overrides: a command override replaces the command, override variables replace those of the
 *       same name;</li>
 *   <li>cpu → CPU shares, with 0 and 1 sent as 2 and values above 262,144 capped (ECS on Linux);</li>
 *   <li>memory → hard limit, memoryReservation → soft limit;</li>
 *   <li>port mappings → bindings on the configured host address: {@code hostPort} 0 = a port the engine picks;
 *       awsvpc publishes every port on a picked host port (each task has its own address in AWS, not here);
 *       host and none publish nothing;</li>
 *   <li>healthCheck → a Docker health check with durations in nanoseconds;</li>
 *   <li>restartPolicy → Docker's {@code no}, and the policy on the container's labels ({@link RestartRule}):
 *       Berth restarts the container itself ({@link RestartDecision}), since no Docker policy has ECS's ignored
 *       exit codes and minimum run time;</li>
 *   <li>awslogs → the engine's default driver, so logs stay readable; awsfirelens → the fluentd driver to the
 *       task's FireLens router ({@link FirelensRouting});</li>
 *   <li>environment files, environment, override variables and secrets → the environment, later ones winning;</li>
 *   <li>mount points → binds of the task's volumes ({@link TaskVolumes}), volumesFrom → Docker's volumes-from of
 *       the other container; pidMode/ipcMode → {@link TaskNamespaces}; containerPortRange → each port of the range
 *       on a port the engine picks;</li>
 *   <li>linuxParameters and the other Docker options → {@link HostOptions};</li>
 *   <li>the task's host entries (its Service Connect names) → {@code /etc/hosts} entries of every container.</li>
 * </ul>
 */
public final class ContainerSpecMapper {

    private static final Logger LOG = LoggerFactory.getLogger(ContainerSpecMapper.class);
    private static final int MIN_CPU_SHARES = 2;
    private static final int MAX_CPU_SHARES = 262_144;
    private static final long MIB = 1024L * 1024L;
    private static final Set<String> AWS_ONLY_LOG_DRIVERS = Set.of("awslogs", "awsfirelens");

    private final DockerBackendConfig config;

    /** @param config where ports are bound and the default stop timeout */
    public ContainerSpecMapper(DockerBackendConfig config) {
        this.config = config;
    }

    /**
     * What a container needs from its task besides its own definition.
     *
     * @param secrets the container's secret values by variable name
     * @param fileVariables the variables of its environment files
     * @param network the per-task network; empty for host and none network modes and for a bridge-mode task of
     *     one container, which runs on the engine's default bridge as ECS runs it on {@code docker0}
     * @param aliases the container's names on that network
     * @param dependencyLevel the container's depth in the dependency graph
     * @param volumes the task's volume sources by volume name
     * @param namespaces the task's PID and IPC namespaces
     * @param logging FireLens's log driver, environment and mounts for the container, if the task has a router
     */
    public record TaskInputs(Map<String, String> secrets, Map<String, String> fileVariables, Optional<String> network,
                             List<String> aliases, int dependencyLevel, Map<String, TaskVolumes.Source> volumes,
                             TaskNamespaces namespaces, Optional<FirelensRouting.ContainerLogging> logging) {

        /**
         * Copies the collections.
         *
         * @throws NullPointerException if a component is null
         */
        public TaskInputs {
            secrets = Map.copyOf(secrets);
            fileVariables = Map.copyOf(fileVariables);
            Objects.requireNonNull(network, "network");
            aliases = List.copyOf(aliases);
            volumes = Map.copyOf(volumes);
            Objects.requireNonNull(namespaces, "namespaces");
            Objects.requireNonNull(logging, "logging");
        }
    }

    /**
     * @param request the task
     * @param container one of its containers
     * @param inputs what the container needs from its task
     * @return the spec to create the container from
     */
    public ContainerSpec map(EngineTask request, ContainerDefinition container, TaskInputs inputs) {
        NetworkMode mode = request.definition().networkMode();
        Duration stopTimeout = stopTimeout(container);
        Optional<ContainerOverride> override = request.override(container.name());
        // Precedence as on ECS: environment files lose to the container's environment, which RunTask's override
        // variables replace; secrets are variables too and win over all of them.
        Map<String, String> variables = new LinkedHashMap<>(inputs.fileVariables());
        inputs.logging().ifPresent(l -> variables.putAll(l.environment()));
        container.environment().forEach(v -> variables.put(v.name(), v.value()));
        override.ifPresent(o -> o.environment().forEach(v -> variables.put(v.name(), v.value())));
        inputs.secrets().keySet().forEach(variables::remove);
        List<String> env = new ArrayList<>();
        variables.forEach((name, value) -> env.add(name + "=" + value));
        inputs.secrets().forEach((name, value) -> env.add(name + "=" + value));

        List<ExposedPort> exposed = new ArrayList<>();
        Ports bindings = new Ports();
        for (PortMapping p : container.portMappings()) {
            for (int port : containerPorts(p)) {
                ExposedPort exposedPort = p.protocol() == Protocol.UDP ? ExposedPort.udp(port) : ExposedPort.tcp(port);
                exposed.add(exposedPort);
                if (mode == NetworkMode.BRIDGE && !p.isDynamic()) {
                    bindings.bind(exposedPort, Ports.Binding.bindIpAndPort(config.hostPortBindAddress(),
                            p.hostPort()));
                } else if (mode == NetworkMode.BRIDGE || mode == NetworkMode.AWSVPC) {
                    bindings.bind(exposedPort, Ports.Binding.bindIp(config.hostPortBindAddress()));
                }
            }
        }

        HostConfig host = HostConfig.newHostConfig()
                .withCpuShares(cpuShares(container.cpu()))
                .withPortBindings(bindings)
                .withNetworkMode(inputs.network().orElse(engineNetworkMode(mode)))
                .withRestartPolicy(RestartPolicy.noRestart())
                .withUlimits(container.ulimits().stream()
                        .map(u -> new Ulimit(u.name(), (long) u.softLimit(), (long) u.hardLimit())).toList());
        container.memoryMiB().ifPresent(m -> host.withMemory(m * MIB));
        container.memoryReservationMiB().ifPresent(m -> host.withMemoryReservation(m * MIB));
        Optional<LogConfig> firelens = inputs.logging().flatMap(FirelensRouting.ContainerLogging::logConfig);
        if (firelens.isPresent()) {
            host.withLogConfig(firelens.get());
        } else {
            container.logConfiguration().flatMap(this::logConfig).ifPresent(host::withLogConfig);
        }
        List<Bind> binds = new ArrayList<>(TaskVolumes.binds(container, inputs.volumes()));
        inputs.logging().ifPresent(l -> binds.addAll(l.binds()));
        if (!binds.isEmpty()) {
            host.withBinds(binds);
        }
        if (!container.volumesFrom().isEmpty()) {
            host.withVolumesFrom(container.volumesFrom().stream().map(v -> new VolumesFrom(
                    dockerName(request.taskId(), v.sourceContainer()), v.readOnly() ? AccessMode.ro : AccessMode.rw))
                    .toList());
        }
        inputs.namespaces().pidModeOf(request.taskId(), container.name()).ifPresent(host::withPidMode);
        inputs.namespaces().ipcModeOf(request.taskId(), container.name()).ifPresent(host::withIpcMode);
        HostOptions.apply(container, host);
        addHostEntries(request.hostEntries(), host);

        return new ContainerSpec(container.name(), dockerName(request.taskId(), container.name()),
                container.image().toString(), container.entryPoint(),
                override.flatMap(ContainerOverride::command).orElse(container.command()), env,
                Labels.forContainer(request, container, inputs.dependencyLevel(), stopTimeout),
                container.workingDirectory(), container.user(), container.healthCheck().map(this::healthCheck),
                exposed, host, inputs.network().isPresent() ? inputs.aliases() : List.of(), container.hostname(),
                container.disableNetworking(), container.interactive(), container.pseudoTerminal());
    }

    /** @return the container ports of a mapping: its containerPort, or each port of its containerPortRange */
    static List<Integer> containerPorts(PortMapping mapping) {
        return mapping.containerPortRange().map(range -> {
            String[] ends = range.split("-");
            int first = Integer.parseInt(ends[0].strip());
            int last = Integer.parseInt(ends[1].strip());
            return IntStream.rangeClosed(first, last).boxed().toList();
        }).orElse(List.of(mapping.containerPort()));
    }

    /** @return Docker's network mode for a container without a per-task network */
    private static String engineNetworkMode(NetworkMode mode) {
        return switch (mode) {
            case HOST -> "host";
            case BRIDGE -> "bridge";
            default -> "none";
        };
    }

    /**
     * @param taskId the task's ID
     * @param containerName the container's name in the task definition
     * @return the engine-wide container name, {@code berth-<task>-<container>}
     */
    public static String dockerName(String taskId, String containerName) {
        return "berth-" + taskId + "-" + containerName;
    }

    /** @return the container's stop grace: its stopTimeout, else the backend's default */
    Duration stopTimeout(ContainerDefinition container) {
        return container.stopTimeout().orElse(config.defaultStopTimeout());
    }

    /** @return ECS's CPU shares for the container's CPU units on Linux */
    static int cpuShares(int cpuUnits) {
        return Math.min(MAX_CPU_SHARES, Math.max(MIN_CPU_SHARES, cpuUnits));
    }

    private HealthCheck healthCheck(dev.berth.model.HealthCheck check) {
        HealthCheck docker = new HealthCheck()
                .withTest(check.command())
                .withInterval(check.interval().toNanos())
                .withTimeout(check.timeout().toNanos())
                .withRetries(check.retries());
        check.startPeriod().ifPresent(p -> docker.withStartPeriod(p.toNanos()));
        return docker;
    }

    private Optional<LogConfig> logConfig(LogConfiguration configuration) {
        if (AWS_ONLY_LOG_DRIVERS.contains(configuration.logDriver())) {
            LOG.debug("log driver {} needs AWS; using the engine's default driver", configuration.logDriver());
            return Optional.empty();
        }
        Optional<LogConfig.LoggingType> type = Arrays.stream(LogConfig.LoggingType.values())
                .filter(t -> t.getType().equals(configuration.logDriver())).findFirst();
        if (type.isEmpty()) {
            LOG.debug("log driver {} is unknown to the client library; using the engine's default driver",
                    configuration.logDriver());
        }
        return type.map(t -> new LogConfig(t, configuration.options()));
    }

    /**
     * Adds the task's host entries (its namespace's Service Connect names) after the container's own
     * {@code extraHosts}: a name resolves to its first line in {@code /etc/hosts}, so the user's entry wins.
     */
    private static void addHostEntries(Map<String, String> entries, HostConfig host) {
        if (entries.isEmpty()) {
            return;
        }
        List<String> hosts = new ArrayList<>(host.getExtraHosts() == null ? List.of()
                : List.of(host.getExtraHosts()));
        entries.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> hosts.add(e.getKey() + ":" + e.getValue()));
        host.withExtraHosts(hosts.toArray(String[]::new));
    }
}

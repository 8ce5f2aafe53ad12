package dev.berth.runtime.network;

import dev.berth.cluster.ClusterRecord;
import dev.berth.exception.ConflictException;
import dev.berth.exception.InvalidSpecException;
import dev.berth.exception.ResourceNotFoundException;
import dev.berth.exception.SpecProblem;
import dev.berth.internal.state.StateStore;
import dev.berth.model.ContainerDefinition;
import dev.berth.model.PortMapping;
import dev.berth.model.TaskDefinition;
import dev.berth.network.Endpoint;
import dev.berth.network.LoadBalancerHealth;
import dev.berth.network.TargetGroup;
import dev.berth.network.TargetHealth;
import dev.berth.network.TargetHealthState;
import dev.berth.reconciler.ServiceState;
import dev.berth.service.Deployment;
import dev.berth.service.LoadBalancer;
import dev.berth.service.ServiceConnectService;
import dev.berth.service.ServiceRegistry;
import dev.berth.service.ServiceSpec;
import dev.berth.spi.LoadBalancing;
import dev.berth.spi.ServiceConnectEndpoint;
import dev.berth.spi.TargetGroupBalancer;
import dev.berth.task.DesiredStatus;
import dev.berth.task.HealthStatus;
import dev.berth.task.StopCode;
import dev.berth.task.Task;
import dev.berth.task.TaskStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Service networking on a backend whose {@link LoadBalancing} plane Berth drives: it opens target groups and
 * Service Connect endpoints, registers each service task where its service says once its containers run
 * (ACTIVATING), joins it to its service's names once it counts as healthy there (its essential health check, if
 * any, and its target groups, if any), and, before a task is signalled to stop, takes it out of everything and lets
 * its connections drain (DEACTIVATING) for the target groups' deregistration delay, or until they close.
 *
 * <p>A task becomes RUNNING once it is registered, its target groups find it healthy and it serves its names; ELB's
 * own ACTIVATING ends at registration, its health being a separate matter ("initial"), but on Berth's balancer the
 * first health check is part of activation, so RUNNING means that new connections reach the task.
 *
 * <p>Service Connect endpoints ({@code dnsName:port}) and registry names are unique in their namespace, as ECS
 * requires; a task of a namespace resolves the names that existed when it started (as on ECS, where tasks started
 * before a service's first deployment do not see its endpoint). What this process learnt (registrations, drains)
 * is rebuilt after a restart by the next pass: tasks register again, and a stop the old process began is decided
 * anew. Thread-safe.
 */
public final class ServiceNetworks implements AutoCloseable {

    /** How long a task's connections through Service Connect endpoints may drain when no target group says. */
    public static final Duration ENDPOINT_DRAIN = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(ServiceNetworks.class);

    private final Optional<LoadBalancing> plane;
    private final StateStore store;
    private final Clock clock;
    private final Map<String, TargetGroupBalancer> groups = new ConcurrentHashMap<>();
    /** Open endpoints by namespace, then {@code dnsName:port}. */
    private final Map<String, Map<String, OpenEndpoint>> endpoints = new HashMap<>();
    private final Map<TaskKey, Deactivation> deactivating = new ConcurrentHashMap<>();
    private final Set<TaskKey> activated = ConcurrentHashMap.newKeySet();

    /**
     * @param plane the backend's plane; empty on a backend that cannot run Berth's load balancers
     * @param store where target groups, clusters and services are kept
     * @param clock the time of drains
     */
    public ServiceNetworks(Optional<LoadBalancing> plane, StateStore store, Clock clock) {
        this.plane = Objects.requireNonNull(plane, "plane");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @return whether the backend runs Berth's target groups and endpoints */
    public boolean available() {
        return plane.isPresent();
    }

    // ---------------------------------------------------------------------------------------------- target groups

    /**
     * Opens a stored target group's balancer, unless it is open.
     *
     * @param group the group
     * @throws dev.berth.exception.BerthException if its listener cannot open
     */
    public void openTargetGroup(TargetGroup group) {
        plane.ifPresent(p -> groups.computeIfAbsent(group.arn(), arn -> p.openTargetGroup(group)));
    }

    /** @param arn a target group's ARN: its balancer closes */
    public void closeTargetGroup(String arn) {
        TargetGroupBalancer balancer = groups.remove(arn);
        if (balancer != null) {
            balancer.close();
        }
    }

    /**
     * @param arn a target group's ARN
     * @return where its listener accepts connections, if it runs one
     */
    public Optional<Endpoint> listener(String arn) {
        return Optional.ofNullable(groups.get(arn)).flatMap(TargetGroupBalancer::listener);
    }

    /**
     * @param arn a target group's ARN
     * @return its registered and draining targets with their health
     */
    public List<TargetHealth> targetHealth(String arn) {
        TargetGroupBalancer balancer = groups.get(arn);
        return balancer == null ? List.of() : balancer.health();
    }

    // ------------------------------------------------------------------------------------------------- services

    /**
     * Checks that a service's networking can run here, and opens its Service Connect and registry endpoints, so
     * that tasks started from now on resolve them.
     *
     * @param cluster the service's cluster
     * @param spec the service
     * @param definition the task definition its PRIMARY deployment runs
     * @throws InvalidSpecException if the backend runs no plane, a target group does not exist, or another
     *     service uses it
     * @throws ConflictException if a name or port of its endpoints is another service's in the namespace
     */
    public synchronized void serviceChanged(String cluster, ServiceSpec spec, TaskDefinition definition) {
        if (!spec.hasServiceNetworking()) {
            closeEndpointsOf(cluster, spec.name(), Set.of());
            return;
        }
        List<SpecProblem> problems = new ArrayList<>();
        if (plane.isEmpty()) {
            problems.add(new SpecProblem("", "serviceNetworking.unsupported", "", "this backend runs no load balancer"
                    + " or Service Connect endpoint of Berth's; remove loadBalancers, serviceRegistries and"
                    + " serviceConnectConfiguration, or use a backend that runs them (Docker, in-memory, ECS-managed)"));
        }
        for (int i = 0; i < spec.loadBalancers().size(); i++) {
            String arn = spec.loadBalancers().get(i).targetGroupArn();
            String path = "loadBalancers[" + i + "].targetGroupArn";
            Optional<TargetGroup> group = store.targetGroups().stream().filter(g -> g.arn().equals(arn)).findFirst();
            if (group.isEmpty()) {
                problems.add(new SpecProblem(path, "loadBalancers.targetGroupArn.exists", arn, "target group " + arn
                        + " does not exist; create it with berth.targetGroups().create(...)"));
                continue;
            }
            serviceUsing(arn).filter(other -> !other.equals(new ServiceOf(cluster, spec.name()))).ifPresent(other ->
                    problems.add(new SpecProblem(path, "loadBalancers.targetGroupArn.inUse", arn, "target group "
                            + group.get().name() + " is used by service " + other + "; a target group serves one"
                            + " service here, create another one")));
        }
        if (!problems.isEmpty()) {
            throw new InvalidSpecException("the networking of service '" + spec.name() + "'", problems);
        }
        spec.loadBalancers().forEach(lb -> store.targetGroups().stream()
                .filter(g -> g.arn().equals(lb.targetGroupArn())).findFirst().ifPresent(this::openTargetGroup));
        Set<String> wanted = new HashSet<>();
        for (Name name : names(cluster, spec, definition)) {
            wanted.add(name.namespace() + " " + name.key());
            open(cluster, spec.name(), name);
        }
        closeEndpointsOf(cluster, spec.name(), wanted);
    }

    /**
     * Closes a deleted service's endpoints.
     *
     * @param cluster its cluster
     * @param service its name
     */
    public synchronized void serviceRemoved(String cluster, String service) {
        closeEndpointsOf(cluster, service, Set.of());
    }

    /**
     * @param cluster a cluster
     * @param spec a service about to start tasks
     * @return the names its tasks resolve, each to the address of its endpoint: every endpoint of its Service
     *     Connect namespace; none for a service outside any namespace
     */
    public synchronized Map<String, String> hostEntries(String cluster, ServiceSpec spec) {
        if (!spec.serviceConnectConfiguration().enabled()) {
            return Map.of();
        }
        String namespace = spec.serviceConnectConfiguration().effectiveNamespace(defaultNamespace(cluster));
        Map<String, String> entries = new LinkedHashMap<>();
        for (OpenEndpoint e : endpoints.getOrDefault(namespace, Map.of()).values()) {
            e.name.dnsNames().forEach(n -> entries.put(n, e.endpoint.address()));
        }
        return entries;
    }

    // ---------------------------------------------------------------------------------------------------- passes

    /**
     * One pass's view of a service's tasks: registers those whose containers run, joins those that count as
     * healthy to the service's names, folds the target groups' health, reports the drains that are over, and forgets
     * tasks that are gone.
     *
     * @param state the service
     * @param serviceTasks its tasks as the backend reports them
     * @return the tasks with their networking statuses, their target health and the stops that may go ahead
     */
    public synchronized NetworkObservation observe(ServiceState state, List<Task> serviceTasks) {
        String cluster = state.cluster();
        ServiceSpec spec = state.spec();
        Instant now = clock.instant();
        List<Task> out = new ArrayList<>(serviceTasks.size());
        Map<String, LoadBalancerHealth> health = new HashMap<>();
        List<StopRequest> ready = new ArrayList<>();
        Map<OpenEndpoint, Map<String, Endpoint>> routes = new HashMap<>();
        List<OpenEndpoint> mine = endpointsOf(cluster, spec.name());
        mine.forEach(e -> routes.put(e, new LinkedHashMap<>()));
        Set<String> present = new HashSet<>();
        boolean draining = false;
        for (Task task : serviceTasks) {
            TaskKey key = new TaskKey(cluster, task.taskId());
            present.add(task.taskId());
            Deactivation deactivation = deactivating.get(key);
            if (task.lastStatus() == TaskStatus.STOPPED) {
                forget(key, spec);
                out.add(task);
                continue;
            }
            if (deactivation != null) {
                if (!deactivation.stopIssued && drained(task.taskId(), spec, mine, deactivation, now)) {
                    deactivation.stopIssued = true;
                    ready.add(new StopRequest(task.taskId(), deactivation.stopCode, deactivation.reason));
                    LOG.debug("task={} drained; it may stop now", task.taskId());
                }
                draining |= !deactivation.stopIssued;
                out.add(deactivation.stopIssued ? task : deactivation.overlay(task));
                continue;
            }
            if (!task.isLive() || task.lastStatus() != TaskStatus.RUNNING) {
                out.add(task);
                continue;
            }
            Optional<LoadBalancerHealth> targets = register(task, spec);
            targets.ifPresent(t -> health.put(task.taskId(), t));
            boolean targetsHealthy = targets.map(t -> t.state() == LoadBalancerHealth.State.HEALTHY).orElse(true);
            boolean serves = targetsHealthy && containersHealthy(task, state);
            if (serves) {
                TaskDefinition definition = definitionOf(task, state);
                for (OpenEndpoint e : mine) {
                    target(task, definition, e.name).ifPresent(address -> routes.get(e).put(task.taskId(), address));
                }
            }
            if (serves || activated.contains(key)) {
                activated.add(key);
                out.add(task);
            } else {
                out.add(withStatus(task, TaskStatus.ACTIVATING));
            }
        }
        routes.forEach((e, targets) -> e.endpoint.route(targets));
        deregisterGone(spec, present);
        return new NetworkObservation(out, health, ready, draining);
    }

    /**
     * Takes a task out of its service's target groups and names before it is signalled to stop: from now on it gets
     * no new connections, and {@link #observe} reports it ready to stop once its connections closed or the
     * deregistration delay ended.
     *
     * @param state the task's service
     * @param task the task
     * @param stopCode why it stops
     * @param reason why, in words
     * @return whether it drains first; {@code false} when nothing of the service's networking holds it, and it may
     *     be signalled at once
     */
    public synchronized boolean deactivate(ServiceState state, Task task, StopCode stopCode, String reason) {
        ServiceSpec spec = state.spec();
        TaskKey key = new TaskKey(state.cluster(), task.taskId());
        if (!spec.hasServiceNetworking() || task.lastStatus() != TaskStatus.RUNNING
                && task.lastStatus() != TaskStatus.ACTIVATING) {
            return false;
        }
        if (deactivating.containsKey(key)) {
            return true;
        }
        Duration delay = Duration.ZERO;
        for (LoadBalancer lb : spec.loadBalancers()) {
            TargetGroupBalancer balancer = groups.get(lb.targetGroupArn());
            if (balancer != null) {
                balancer.deregister(task.taskId());
            }
            delay = max(delay, store.targetGroups().stream().filter(g -> g.arn().equals(lb.targetGroupArn()))
                    .findFirst().map(g -> g.spec().deregistrationDelay()).orElse(Duration.ZERO));
        }
        List<OpenEndpoint> mine = endpointsOf(state.cluster(), spec.name());
        for (OpenEndpoint e : mine) {
            e.endpoint.route(without(e, task.taskId()));
        }
        if (spec.loadBalancers().isEmpty() && !mine.isEmpty()) {
            delay = ENDPOINT_DRAIN;
        }
        deactivating.put(key, new Deactivation(stopCode, reason, clock.instant().plus(delay)));
        activated.remove(key);
        LOG.debug("task={} deregistered from its targets and names; draining up to {}", task.taskId(), delay);
        return true;
    }

    /**
     * The statuses of a cluster's tasks as service networking sees them, for views outside a pass.
     *
     * @param cluster the cluster
     * @param tasks its tasks as the backend reports them
     * @return the tasks, ACTIVATING or DEACTIVATING where service networking holds them
     */
    public List<Task> overlay(String cluster, List<Task> tasks) {
        if (plane.isEmpty()) {
            return tasks;
        }
        Map<String, Boolean> networked = new HashMap<>();
        List<Task> out = new ArrayList<>(tasks.size());
        for (Task task : tasks) {
            TaskKey key = new TaskKey(cluster, task.taskId());
            Deactivation deactivation = deactivating.get(key);
            if (deactivation != null && !deactivation.stopIssued && task.lastStatus() != TaskStatus.STOPPED) {
                out.add(deactivation.overlay(task));
            } else if (task.isLive() && task.lastStatus() == TaskStatus.RUNNING && !activated.contains(key)
                    && networked.computeIfAbsent(task.group(), group -> isNetworked(cluster, group))) {
                out.add(withStatus(task, TaskStatus.ACTIVATING));
            } else {
                out.add(task);
            }
        }
        return out;
    }

    /** Closes every target group balancer and endpoint it opened; tasks keep running, the backend owns its plane. */
    @Override
    public synchronized void close() {
        groups.values().forEach(TargetGroupBalancer::close);
        groups.clear();
        endpoints.values().forEach(m -> m.values().forEach(e -> e.endpoint.close()));
        endpoints.clear();
    }

    // ------------------------------------------------------------------------------------------------ internal

    private boolean isNetworked(String cluster, String group) {
        if (!group.startsWith("service:")) {
            return false;
        }
        return store.service(cluster, group.substring("service:".length()))
                .map(s -> s.spec().hasServiceNetworking()).orElse(false);
    }

    /** Registers a running task with each target group of its service; returns their folded verdict. */
    private Optional<LoadBalancerHealth> register(Task task, ServiceSpec spec) {
        if (spec.loadBalancers().isEmpty()) {
            return Optional.empty();
        }
        LoadBalancerHealth folded = null;
        for (LoadBalancer lb : spec.loadBalancers()) {
            TargetGroupBalancer balancer = groups.get(lb.targetGroupArn());
            Optional<Endpoint> address = plane.flatMap(p -> p.targetAddress(task, lb.containerName(),
                    lb.containerPort()));
            if (balancer == null || address.isEmpty()) {
                folded = worse(folded, new LoadBalancerHealth(LoadBalancerHealth.State.INITIAL, lb.targetGroupArn()));
                continue;
            }
            balancer.register(task.taskId(), address.get());
            TargetHealthState state = balancer.health().stream().filter(h -> h.taskId().equals(task.taskId()))
                    .map(TargetHealth::state).findFirst().orElse(TargetHealthState.INITIAL);
            folded = worse(folded, new LoadBalancerHealth(switch (state) {
                case HEALTHY -> LoadBalancerHealth.State.HEALTHY;
                case UNHEALTHY -> LoadBalancerHealth.State.UNHEALTHY;
                default -> LoadBalancerHealth.State.INITIAL;
            }, lb.targetGroupArn()));
        }
        return Optional.ofNullable(folded);
    }

    /** Unhealthy beats initial beats healthy; among equals the first group stays. */
    private static LoadBalancerHealth worse(LoadBalancerHealth current, LoadBalancerHealth next) {
        if (current == null) {
            return next;
        }
        return rank(next.state()) > rank(current.state()) ? next : current;
    }

    private static int rank(LoadBalancerHealth.State state) {
        return switch (state) {
            case HEALTHY -> 0;
            case INITIAL -> 1;
            case UNHEALTHY -> 2;
        };
    }

    /** Tasks no longer reported (forgotten, or their containers removed) leave the target groups at once. */
    private void deregisterGone(ServiceSpec spec, Set<String> present) {
        for (LoadBalancer lb : spec.loadBalancers()) {
            TargetGroupBalancer balancer = groups.get(lb.targetGroupArn());
            if (balancer == null) {
                continue;
            }
            for (TargetHealth h : balancer.health()) {
                if (!present.contains(h.taskId()) && h.state() != TargetHealthState.DRAINING) {
                    balancer.deregister(h.taskId());
                }
            }
        }
    }

    private void forget(TaskKey key, ServiceSpec spec) {
        deactivating.remove(key);
        activated.remove(key);
        for (LoadBalancer lb : spec.loadBalancers()) {
            TargetGroupBalancer balancer = groups.get(lb.targetGroupArn());
            if (balancer != null && balancer.health().stream().anyMatch(h -> h.taskId().equals(key.taskId())
                    && h.state() != TargetHealthState.DRAINING)) {
                balancer.deregister(key.taskId());
            }
        }
    }

    private boolean drained(String taskId, ServiceSpec spec, List<OpenEndpoint> mine, Deactivation deactivation,
                            Instant now) {
        if (!now.isBefore(deactivation.deadline)) {
            mine.forEach(e -> e.endpoint.closeConnections(taskId));
            return true;
        }
        for (LoadBalancer lb : spec.loadBalancers()) {
            TargetGroupBalancer balancer = groups.get(lb.targetGroupArn());
            if (balancer != null && !balancer.isDrained(taskId)) {
                return false;
            }
        }
        return mine.stream().allMatch(e -> e.endpoint.activeConnections(taskId) == 0);
    }

    /** Whether its essential health check, if it has one, says HEALTHY. */
    private static boolean containersHealthy(Task task, ServiceState state) {
        if (task.healthStatus() == HealthStatus.HEALTHY) {
            return true;
        }
        return task.healthStatus() == HealthStatus.UNKNOWN && definitionOf(task, state).containerDefinitions().stream()
                .filter(ContainerDefinition::essential).noneMatch(c -> c.healthCheck().isPresent());
    }

    private static TaskDefinition definitionOf(Task task, ServiceState state) {
        return state.deployment(task.startedBy()).map(Deployment::taskDefinition).orElse(state.primary()
                .taskDefinition()).definition();
    }

    /** Where a task serves a name: the container port its port mapping or registry names. */
    private Optional<Endpoint> target(Task task, TaskDefinition definition, Name name) {
        Optional<ContainerPort> port = name.portName().isPresent()
                ? containerPortNamed(definition, name.portName().get()) : name.containerPort();
        return port.flatMap(p -> plane.flatMap(pl -> pl.targetAddress(task, p.containerName(), p.port())));
    }

    private static Optional<ContainerPort> containerPortNamed(TaskDefinition definition, String portName) {
        for (ContainerDefinition c : definition.containerDefinitions()) {
            for (PortMapping m : c.portMappings()) {
                if (m.name().filter(portName::equals).isPresent()) {
                    return Optional.of(new ContainerPort(c.name(), m.containerPort()));
                }
            }
        }
        return Optional.empty();
    }

    /** The names a service serves: each Service Connect service's client alias, and its registry's name. */
    private List<Name> names(String cluster, ServiceSpec spec, TaskDefinition definition) {
        List<Name> names = new ArrayList<>();
        if (spec.serviceConnectConfiguration().enabled()) {
            String namespace = spec.serviceConnectConfiguration().effectiveNamespace(defaultNamespace(cluster));
            for (ServiceConnectService s : spec.serviceConnectConfiguration().services()) {
                names.add(new Name(namespace, List.of(s.dnsName(namespace)), s.clientAlias().port(),
                        Optional.of(s.portName()), Optional.empty()));
            }
        }
        for (ServiceRegistry registry : spec.serviceRegistries()) {
            String namespace = defaultNamespace(cluster);
            Optional<ContainerPort> port = registry.containerName().map(c -> new ContainerPort(c,
                    registry.containerPort().getAsInt()));
            if (port.isEmpty()) {
                port = definition.containerDefinitions().stream().flatMap(c -> c.portMappings().stream()
                        .filter(m -> m.containerPort() == registry.port().orElse(-1))
                        .map(m -> new ContainerPort(c.name(), m.containerPort()))).findFirst();
            }
            port.ifPresent(p -> names.add(new Name(namespace, List.of(registry.serviceName(),
                    registry.serviceName() + "." + namespace), registry.port().orElse(p.port()), Optional.empty(),
                    Optional.of(p))));
        }
        return names;
    }

    private void open(String cluster, String service, Name name) {
        Map<String, OpenEndpoint> inNamespace = endpoints.computeIfAbsent(name.namespace(), n -> new HashMap<>());
        OpenEndpoint existing = inNamespace.get(name.key());
        ServiceOf owner = new ServiceOf(cluster, service);
        if (existing != null && existing.owner.equals(owner)) {
            existing.name = name;
            return;
        }
        for (OpenEndpoint e : inNamespace.values()) {
            if (!e.owner.equals(owner) && (e.name.port() == name.port()
                    || e.name.dnsNames().stream().anyMatch(name.dnsNames()::contains))) {
                throw new ConflictException("The Service Connect endpoint " + name.key() + " of namespace "
                        + name.namespace() + " clashes with " + e.name.key() + " of service " + e.owner + ": each"
                        + " name and each port is used once in a namespace here; choose another dnsName or port");
            }
        }
        ServiceConnectEndpoint endpoint = plane.orElseThrow().openEndpoint(cluster, name.namespace(),
                name.dnsNames().get(0), name.port());
        inNamespace.put(name.key(), new OpenEndpoint(owner, name, endpoint));
        LOG.debug("opened endpoint {} of namespace {} at {} for service {}", name.key(), name.namespace(),
                endpoint.address(), owner);
    }

    private void closeEndpointsOf(String cluster, String service, Set<String> keep) {
        ServiceOf owner = new ServiceOf(cluster, service);
        for (Map<String, OpenEndpoint> inNamespace : endpoints.values()) {
            inNamespace.values().removeIf(e -> {
                boolean close = e.owner.equals(owner) && !keep.contains(e.name.namespace() + " " + e.name.key());
                if (close) {
                    e.endpoint.close();
                }
                return close;
            });
        }
    }

    private List<OpenEndpoint> endpointsOf(String cluster, String service) {
        ServiceOf owner = new ServiceOf(cluster, service);
        List<OpenEndpoint> mine = new ArrayList<>();
        endpoints.values().forEach(m -> m.values().stream().filter(e -> e.owner.equals(owner)).forEach(mine::add));
        return mine;
    }

    private static Map<String, Endpoint> without(OpenEndpoint e, String taskId) {
        Map<String, Endpoint> routed = new LinkedHashMap<>(e.routed);
        routed.remove(taskId);
        return routed;
    }

    private Optional<ServiceOf> serviceUsing(String targetGroupArn) {
        for (ClusterRecord cluster : store.clusters()) {
            for (ServiceState s : store.services(cluster.name())) {
                if (s.spec().loadBalancers().stream().anyMatch(lb -> lb.targetGroupArn().equals(targetGroupArn))) {
                    return Optional.of(new ServiceOf(cluster.name(), s.spec().name()));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * @param targetGroupArn a target group
     * @return the service that uses it, if any
     */
    public Optional<String> serviceUsingTargetGroup(String targetGroupArn) {
        return serviceUsing(targetGroupArn).map(ServiceOf::toString);
    }

    private String defaultNamespace(String cluster) {
        return store.cluster(cluster).map(ClusterRecord::defaultNamespace).orElse(cluster);
    }

    private static Task withStatus(Task t, TaskStatus status) {
        return new Task(t.taskId(), t.cluster(), t.taskDefinitionArn(), t.containerInstanceId(), t.group(),
                t.startedBy(), status, t.desiredStatus(), t.healthStatus(), t.containers(), t.createdAt(),
                t.startedAt(), t.stoppedAt(), t.stopCode(), t.stoppedReason());
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** A task of a cluster. */
    private record TaskKey(String cluster, String taskId) {
    }

    /** A service of a cluster. */
    private record ServiceOf(String cluster, String service) {
        @Override
        public String toString() {
            return cluster + "/" + service;
        }
    }

    /** A container port of a task definition. */
    private record ContainerPort(String containerName, int port) {
    }

    /**
     * A name a service serves in a namespace, and where its tasks serve it.
     *
     * @param dnsNames the names clients resolve (the first is the endpoint's)
     * @param port the port clients connect to
     * @param portName the port mapping name that gives the container port (Service Connect)
     * @param containerPort the container port (a registry's)
     */
    private record Name(String namespace, List<String> dnsNames, int port, Optional<String> portName,
                        Optional<ContainerPort> containerPort) {
        String key() {
            return dnsNames.get(0) + ":" + port;
        }
    }

    /** An open endpoint, the service that serves it, and the tasks it routes to now. */
    private static final class OpenEndpoint {
        final ServiceOf owner;
        final ServiceConnectEndpoint endpoint;
        Name name;
        Map<String, Endpoint> routed = Map.of();

        OpenEndpoint(ServiceOf owner, Name name, ServiceConnectEndpoint endpoint) {
            this.owner = owner;
            this.name = name;
            this.endpoint = new ServiceConnectEndpoint() {
                @Override
                public String address() {
                    return endpoint.address();
                }

                @Override
                public void route(Map<String, Endpoint> targets) {
                    routed = Map.copyOf(targets);
                    endpoint.route(targets);
                }

                @Override
                public int activeConnections(String taskId) {
                    return endpoint.activeConnections(taskId);
                }

                @Override
                public void closeConnections(String taskId) {
                    endpoint.closeConnections(taskId);
                }

                @Override
                public void close() {
                    endpoint.close();
                }
            };
        }
    }

    /** A stop that waits for the task's drain. */
    private static final class Deactivation {
        final StopCode stopCode;
        final String reason;
        final Instant deadline;
        volatile boolean stopIssued;

        Deactivation(StopCode stopCode, String reason, Instant deadline) {
            this.stopCode = stopCode;
            this.reason = reason;
            this.deadline = deadline;
        }

        Task overlay(Task t) {
            TaskStatus status = t.lastStatus() == TaskStatus.RUNNING || t.lastStatus() == TaskStatus.ACTIVATING
                    ? TaskStatus.DEACTIVATING : t.lastStatus();
            return new Task(t.taskId(), t.cluster(), t.taskDefinitionArn(), t.containerInstanceId(), t.group(),
                    t.startedBy(), status, DesiredStatus.STOPPED, t.healthStatus(), t.containers(), t.createdAt(),
                    t.startedAt(), t.stoppedAt(), Optional.of(stopCode), Optional.of(reason));
        }
    }
}

package dev.berth.inmemory;

import dev.berth.network.Endpoint;
import dev.berth.network.TargetGroup;
import dev.berth.network.TargetHealth;
import dev.berth.spi.LoadBalancing;
import dev.berth.spi.ServiceConnectEndpoint;
import dev.berth.spi.Subscription;
import dev.berth.spi.TargetGroupBalancer;
import dev.berth.task.Task;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The in-memory backend's {@link LoadBalancing} plane: target groups and Service Connect endpoints simulated on
 * the backend's clock, without sockets. Every method takes the backend's lock, as the backend's own do.
 */
final class SimulatedLoadBalancing implements LoadBalancing {

    private final Object lock;
    private final Clock clock;
    private final Predicate<String> serves;
    private final Map<String, SimulatedTargetGroup> groups = new LinkedHashMap<>();
    private final List<SimulatedEndpoint> endpoints = new ArrayList<>();
    private final Map<String, String> namespaceAddresses = new HashMap<>();

    /**
     * @param lock the backend
     * @param clock the backend's clock
     * @param serves whether a task's target passes a health check now
     */
    SimulatedLoadBalancing(Object lock, Clock clock, Predicate<String> serves) {
        this.lock = lock;
        this.clock = clock;
        this.serves = serves;
    }

    @Override
    public TargetGroupBalancer openTargetGroup(TargetGroup group) {
        synchronized (lock) {
            SimulatedTargetGroup simulated = new SimulatedTargetGroup(group);
            groups.put(group.arn(), simulated);
            return new TargetGroupBalancer() {
                @Override
                public Optional<Endpoint> listener() {
                    return Optional.empty();
                }

                @Override
                public void register(String taskId, Endpoint target) {
                    synchronized (lock) {
                        simulated.register(taskId, target, clock.instant());
                    }
                }

                @Override
                public void deregister(String taskId) {
                    synchronized (lock) {
                        simulated.deregister(taskId, clock.instant());
                    }
                }

                @Override
                public boolean isDrained(String taskId) {
                    synchronized (lock) {
                        simulated.advance(clock.instant(), serves);
                        return simulated.isDrained(taskId, clock.instant());
                    }
                }

                @Override
                public List<TargetHealth> health() {
                    synchronized (lock) {
                        simulated.advance(clock.instant(), serves);
                        return simulated.health();
                    }
                }

                @Override
                public void close() {
                    synchronized (lock) {
                        groups.remove(group.arn(), simulated);
                    }
                }
            };
        }
    }

    @Override
    public ServiceConnectEndpoint openEndpoint(String cluster, String namespace, String dnsName, int port) {
        synchronized (lock) {
            String address = namespaceAddresses.computeIfAbsent(namespace,
                    n -> "10.19." + (namespaceAddresses.size() % 250) + ".1");
            SimulatedEndpoint simulated = new SimulatedEndpoint(namespace, dnsName, port, address);
            endpoints.add(simulated);
            return new ServiceConnectEndpoint() {
                @Override
                public String address() {
                    return address;
                }

                @Override
                public void route(Map<String, Endpoint> targets) {
                    synchronized (lock) {
                        simulated.route(targets);
                    }
                }

                @Override
                public int activeConnections(String taskId) {
                    synchronized (lock) {
                        return simulated.activeConnections(taskId);
                    }
                }

                @Override
                public void closeConnections(String taskId) {
                    synchronized (lock) {
                        simulated.closeConnections(taskId);
                    }
                }

                @Override
                public void close() {
                    synchronized (lock) {
                        simulated.close();
                        endpoints.remove(simulated);
                    }
                }
            };
        }
    }

    /** {@inheritDoc} Here: the binding's host port at {@code 127.0.0.1}, as {@link Task#endpoint} gives it. */
    @Override
    public Optional<Endpoint> targetAddress(Task task, String containerName, int containerPort) {
        return task.endpoint(containerName, containerPort);
    }

    /** {@inheritDoc} Here nothing changes by itself: the simulation moves when someone looks. */
    @Override
    public Subscription onChange(Runnable listener) {
        Objects.requireNonNull(listener, "listener");
        return () -> { };
    }

    @Override
    public void close() {
        synchronized (lock) {
            groups.clear();
            endpoints.forEach(SimulatedEndpoint::close);
            endpoints.clear();
        }
    }

    // ------------------------------------------------------------------------------- for the backend's knobs

    /** @return the group, if open; guarded by the caller */
    Optional<SimulatedTargetGroup> group(String arn) {
        return Optional.ofNullable(groups.get(arn));
    }

    /** @return the open endpoint listening at that address and port; guarded by the caller */
    Optional<SimulatedEndpoint> endpointAt(String address, int port) {
        return endpoints.stream().filter(e -> e.address().equals(address) && e.port() == port).findFirst();
    }

    /**
     * @return what keeps the task from being stopped now: a target group that has not drained it, or an endpoint
     *     that still routes to it or holds a connection to it; empty when nothing does. Guarded by the caller.
     */
    Optional<String> holding(String taskId) {
        for (SimulatedTargetGroup g : groups.values()) {
            g.advance(clock.instant(), serves);
            if (g.holds(taskId, clock.instant())) {
                return Optional.of("target group " + g.group().name() + " has not drained it");
            }
        }
        for (SimulatedEndpoint e : endpoints) {
            if (e.routes(taskId) || e.activeConnections(taskId) > 0) {
                return Optional.of("endpoint " + e.dnsName() + ":" + e.port() + " still "
                        + (e.routes(taskId) ? "routes to it" : "holds a connection to it"));
            }
        }
        return Optional.empty();
    }
}

package dev.berth.spi.balancer;

import dev.berth.exception.BerthException;
import dev.berth.model.Protocol;
import dev.berth.network.Endpoint;
import dev.berth.network.TargetGroup;
import dev.berth.network.TargetHealth;
import dev.berth.spi.LoadBalancing;
import dev.berth.spi.ServiceConnectEndpoint;
import dev.berth.spi.Subscription;
import dev.berth.spi.TargetGroupBalancer;
import dev.berth.task.NetworkBinding;
import dev.berth.task.Task;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The {@link LoadBalancing} plane on real sockets of the machine that runs Berth, for backends whose tasks publish
 * their ports on hosts this machine reaches (the Docker backend): each target group is a {@link SocketTargetGroup}
 * listening on the configured address, each Service Connect endpoint a {@link ConnectionBalancer} on the
 * namespace's address, which the backend provides. It owns one timer thread and the threads of running checks.
 */
public final class SocketLoadBalancing implements LoadBalancing {

    /** Where a namespace's endpoints listen: an address of this machine that the namespace's tasks reach. */
    @FunctionalInterface
    public interface NamespaceAddresses {
        /**
         * @param cluster the cluster
         * @param namespace the namespace
         * @return the address to listen on, created first if it must be
         * @throws BerthException if there is none for the namespace
         */
        InetAddress addressOf(String cluster, String namespace);
    }

    private final InetAddress listenerAddress;
    private final NamespaceAddresses namespaces;
    private final Function<NetworkBinding, String> hostOf;
    private final Clock clock;
    private final ScheduledExecutorService timerThread;
    private final ExecutorService probeThreads;
    private final Timers timers;
    private final HealthProbe probe = new HealthProbe();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> opened = new ArrayList<>();

    private SocketLoadBalancing(InetAddress listenerAddress, NamespaceAddresses namespaces,
                                Function<NetworkBinding, String> hostOf, Clock clock) {
        this.listenerAddress = Objects.requireNonNull(listenerAddress, "listenerAddress");
        this.namespaces = Objects.requireNonNull(namespaces, "namespaces");
        this.hostOf = Objects.requireNonNull(hostOf, "hostOf");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timerThread = Executors.newSingleThreadScheduledExecutor(daemons("berth-lb-timer"));
        this.probeThreads = Executors.newCachedThreadPool(daemons("berth-lb-check"));
        this.timers = Timers.on(timerThread);
    }

    /**
     * @param listenerAddress where target groups' listeners bind, e.g. {@code 127.0.0.1}
     * @param namespaces where each namespace's Service Connect endpoints listen
     * @param hostOf the host this machine reaches a published port at, from its binding
     * @param clock times of registrations and drains
     * @return the plane; close it to stop every listener and thread
     */
    public static SocketLoadBalancing create(InetAddress listenerAddress, NamespaceAddresses namespaces,
                                             Function<NetworkBinding, String> hostOf, Clock clock) {
        return new SocketLoadBalancing(listenerAddress, namespaces, hostOf, clock);
    }

    @Override
    public Subscription onChange(Runnable listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return () -> listeners.remove(listener);
    }

    private void changed() {
        listeners.forEach(Runnable::run);
    }

    @Override
    public TargetGroupBalancer openTargetGroup(TargetGroup group) {
        SocketTargetGroup socketGroup;
        try {
            socketGroup = SocketTargetGroup.open(group, new InetSocketAddress(listenerAddress, 0), clock, timers,
                    probeThreads, probe, this::changed);
        } catch (UncheckedIOException e) {
            throw new BerthException("The listener of target group " + group.name() + " cannot open: "
                    + e.getMessage() + (group.spec().listenerPort() == 0 ? ""
                    : "; choose another listenerPort, or 0 for a free one"), e);
        }
        synchronized (opened) {
            opened.add(socketGroup);
        }
        return new TargetGroupBalancer() {
            @Override
            public Optional<Endpoint> listener() {
                return Optional.of(socketGroup.listener());
            }

            @Override
            public void register(String taskId, Endpoint target) {
                socketGroup.register(taskId, target);
            }

            @Override
            public void deregister(String taskId) {
                socketGroup.deregister(taskId);
            }

            @Override
            public boolean isDrained(String taskId) {
                return socketGroup.isDrained(taskId);
            }

            @Override
            public List<TargetHealth> health() {
                return socketGroup.health();
            }

            @Override
            public void close() {
                forget(socketGroup);
                socketGroup.close();
            }
        };
    }

    @Override
    public ServiceConnectEndpoint openEndpoint(String cluster, String namespace, String dnsName, int port) {
        InetAddress address = namespaces.addressOf(cluster, namespace);
        ConnectionBalancer balancer;
        try {
            balancer = ConnectionBalancer.open(namespace + "/" + dnsName, new InetSocketAddress(address, port),
                    ConnectionBalancer.NoTargetAnswer.CLOSE);
        } catch (UncheckedIOException e) {
            throw new BerthException("The Service Connect endpoint " + dnsName + ":" + port + " of namespace "
                    + namespace + " cannot listen on " + address.getHostAddress() + ":" + port + " ("
                    + e.getMessage() + "); every client alias of a namespace needs a port of its own here", e);
        }
        synchronized (opened) {
            opened.add(balancer);
        }
        return new ServiceConnectEndpoint() {
            @Override
            public String address() {
                return address.getHostAddress();
            }

            @Override
            public void route(Map<String, Endpoint> targets) {
                balancer.route(targets.entrySet().stream().map(e -> new RoutedTarget(e.getKey(), e.getValue()))
                        .toList());
            }

            @Override
            public int activeConnections(String taskId) {
                return balancer.activeConnections(taskId);
            }

            @Override
            public void closeConnections(String taskId) {
                balancer.closeConnections(taskId);
            }

            @Override
            public void close() {
                forget(balancer);
                balancer.close();
            }
        };
    }

    /** {@inheritDoc} Here: the container's TCP binding of the port, at the host {@code hostOf} gives. */
    @Override
    public Optional<Endpoint> targetAddress(Task task, String containerName, int containerPort) {
        return task.containers().stream().filter(c -> c.name().equals(containerName))
                .flatMap(c -> c.networkBindings().stream())
                .filter(b -> b.containerPort() == containerPort && b.protocol() == Protocol.TCP && b.hostPort() > 0)
                .findFirst()
                .map(b -> new Endpoint(hostOf.apply(b), b.hostPort()));
    }

    private void forget(AutoCloseable closed) {
        synchronized (opened) {
            opened.remove(closed);
        }
    }

    /** Closes every listener and endpoint it opened and stops its threads. */
    @Override
    public void close() {
        List<AutoCloseable> all;
        synchronized (opened) {
            all = List.copyOf(opened);
            opened.clear();
        }
        for (AutoCloseable c : all) {
            try {
                c.close();
            } catch (Exception e) {
                // closing: the rest still closes
            }
        }
        timerThread.shutdownNow();
        probeThreads.shutdownNow();
    }

    private static ThreadFactory daemons(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}

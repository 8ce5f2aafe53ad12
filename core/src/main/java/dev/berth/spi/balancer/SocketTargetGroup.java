package dev.berth.spi.balancer;

import dev.berth.network.CheckResult;
import dev.berth.network.Endpoint;
import dev.berth.network.HealthCheckSettings;
import dev.berth.network.TargetGroup;
import dev.berth.network.TargetGroupProtocol;
import dev.berth.network.TargetHealth;
import dev.berth.network.TargetHealthMachine;
import dev.berth.network.TargetHealthState;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One target group run by Berth on real sockets, with Elastic Load Balancing's semantics: a listener that sends
 * each new connection to a healthy registered target (to the unhealthy ones when none is healthy: ELB fails open),
 * health checks of every registered target each interval, and deregistration that drains: the target gets no new
 * connections, keeps its open ones until they close or the deregistration delay ends (then they are closed), and
 * stays listed as draining until the delay ends. Thread-safe.
 */
public final class SocketTargetGroup implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SocketTargetGroup.class);
    /** ELB's reason while a deregistered target drains. */
    public static final String DEREGISTRATION_IN_PROGRESS = "Target.DeregistrationInProgress";

    private final TargetGroup group;
    private final ConnectionBalancer balancer;
    private final Clock clock;
    private final Timers timers;
    private final Executor probes;
    private final HealthProbe probe;
    private final Runnable onChange;
    private final Map<String, Registration> targets = new LinkedHashMap<>();
    private boolean closed;

    private SocketTargetGroup(TargetGroup group, ConnectionBalancer balancer, Clock clock,
                              Timers timers, Executor probes, HealthProbe probe,
                              Runnable onChange) {
        this.group = group;
        this.balancer = balancer;
        this.clock = clock;
        this.timers = timers;
        this.probes = probes;
        this.probe = probe;
        this.onChange = onChange;
    }

    /**
     * Opens the group's listener on {@code bind}'s address and the group's listener port (a free one for 0).
     *
     * @param group the target group
     * @param bind the address to listen on; its port is ignored
     * @param clock times of registrations and drains
     * @param timers schedule health checks and drain deadlines
     * @param probes runs the (blocking) health checks, each up to its timeout; owned by the caller
     * @param probe makes one check
     * @param onChange called (on a timer or probe thread) after a target's health or registration changed
     * @return the running group
     * @throws java.io.UncheckedIOException if the listener cannot be bound
     */
    public static SocketTargetGroup open(TargetGroup group, InetSocketAddress bind, Clock clock, Timers timers,
                                         Executor probes, HealthProbe probe, Runnable onChange) {
        ConnectionBalancer balancer = ConnectionBalancer.open(group.name(),
                new InetSocketAddress(bind.getAddress(), group.spec().listenerPort()),
                group.spec().protocol() == TargetGroupProtocol.HTTP ? ConnectionBalancer.NoTargetAnswer.HTTP_503
                        : ConnectionBalancer.NoTargetAnswer.CLOSE);
        return new SocketTargetGroup(group, balancer, Objects.requireNonNull(clock, "clock"),
                Objects.requireNonNull(timers, "timers"), Objects.requireNonNull(probes, "probes"),
                Objects.requireNonNull(probe, "probe"), Objects.requireNonNull(onChange, "onChange"));
    }

    /** @return the group */
    public TargetGroup group() {
        return group;
    }

    /** @return where the listener accepts connections */
    public Endpoint listener() {
        return balancer.listener();
    }

    /**
     * Registers a target: its health checks start now, and it gets connections once one passes. Registering a
     * registered target does nothing; registering a draining one starts it anew.
     *
     * @param taskId the task the target belongs to
     * @param address where the balancer reaches it
     */
    public void register(String taskId, Endpoint address) {
        synchronized (this) {
            Registration existing = targets.get(taskId);
            if (closed || existing != null && existing.drainUntil.isEmpty() && existing.address.equals(address)) {
                return;
            }
            if (existing != null) {
                existing.stop();
            }
            Registration fresh = new Registration(taskId, address);
            targets.put(taskId, fresh);
            fresh.checks = schedule(fresh);
        }
        LOG.debug("target group={} registered task={} at {}", group.name(), taskId, address);
        reroute();
    }

    /**
     * Deregisters a target: no new connections from now on; its open connections may finish until the
     * deregistration delay ends, when the balancer closes them and forgets the target. Unknown targets and targets
     * already draining are left as they are.
     *
     * @param taskId the task the target belongs to
     */
    public void deregister(String taskId) {
        Instant until;
        synchronized (this) {
            Registration r = targets.get(taskId);
            if (r == null || r.drainUntil.isPresent()) {
                return;
            }
            r.stop();
            until = clock.instant().plus(group.spec().deregistrationDelay());
            r.drainUntil = Optional.of(until);
            r.drainEnd = timers.after(group.spec().deregistrationDelay(), () -> endDrain(r));
        }
        LOG.debug("target group={} deregistered task={}; draining until {}", group.name(), taskId, until);
        reroute();
    }

    /**
     * @param taskId a task
     * @return whether the task holds no registration that its stop would cut: it was never registered, its drain
     *     ended, or it is draining and has no open connection left
     */
    public boolean isDrained(String taskId) {
        Registration r;
        synchronized (this) {
            r = targets.get(taskId);
        }
        if (r == null) {
            return true;
        }
        return r.drainUntil.isPresent() && balancer.activeConnections(taskId) == 0;
    }

    /**
     * @param taskId a task
     * @return whether it is registered and not draining
     */
    public synchronized boolean isRegistered(String taskId) {
        Registration r = targets.get(taskId);
        return r != null && r.drainUntil.isEmpty();
    }

    /** @return every registered or draining target with its health, in registration order */
    public List<TargetHealth> health() {
        List<Registration> all;
        synchronized (this) {
            all = List.copyOf(targets.values());
        }
        List<TargetHealth> out = new ArrayList<>(all.size());
        for (Registration r : all) {
            out.add(r.describe(balancer.activeConnections(r.taskId)));
        }
        return out;
    }

    /** Stops the checks and the listener; open connections are closed. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            targets.values().forEach(Registration::stop);
            targets.clear();
        }
        balancer.close();
    }

    @Override
    public String toString() {
        return "SocketTargetGroup[" + group.name() + " on " + balancer.listener() + "]";
    }

    private Timers.Scheduled schedule(Registration r) {
        HealthCheckSettings settings = group.spec().healthCheck();
        return timers.every(settings.interval(), () -> submitCheck(r, settings));
    }

    /** Checks run apart from the timer thread: a check may take up to its timeout. */
    private void submitCheck(Registration r, HealthCheckSettings settings) {
        if (!r.checking.compareAndSet(false, true)) {
            return; // the previous check is still waiting for its answer
        }
        try {
            probes.execute(() -> {
                try {
                    checked(r, probe.check(r.address, settings), settings);
                } finally {
                    r.checking.set(false);
                }
            });
        } catch (RejectedExecutionException shutDown) {
            r.checking.set(false);
        }
    }

    private void checked(Registration r, CheckResult result, HealthCheckSettings settings) {
        TargetHealthState before;
        TargetHealthState after;
        synchronized (this) {
            if (targets.get(r.taskId) != r || r.drainUntil.isPresent()) {
                return; // deregistered meanwhile: its checks no longer count
            }
            before = r.health.state();
            r.health = r.health.after(result, settings.healthyThreshold(), settings.unhealthyThreshold());
            after = r.health.state();
        }
        if (before != after) {
            LOG.debug("target group={} task={} {} -> {}: {}", group.name(), r.taskId, before, after,
                    result.description());
            reroute();
            onChange.run();
        }
    }

    private void endDrain(Registration r) {
        synchronized (this) {
            if (targets.get(r.taskId) != r) {
                return;
            }
            targets.remove(r.taskId);
        }
        balancer.closeConnections(r.taskId);
        LOG.debug("target group={} task={} drained", group.name(), r.taskId);
        onChange.run();
    }

    /** New connections go to healthy targets; with none healthy, to the unhealthy ones (ELB fails open). */
    private void reroute() {
        List<RoutedTarget> healthy = new ArrayList<>();
        List<RoutedTarget> unhealthy = new ArrayList<>();
        synchronized (this) {
            for (Registration r : targets.values()) {
                if (r.drainUntil.isPresent()) {
                    continue;
                }
                if (r.health.state() == TargetHealthState.HEALTHY) {
                    healthy.add(new RoutedTarget(r.taskId, r.address));
                } else if (r.health.state() == TargetHealthState.UNHEALTHY) {
                    unhealthy.add(new RoutedTarget(r.taskId, r.address));
                }
            }
        }
        balancer.route(healthy.isEmpty() ? unhealthy : healthy);
    }

    /** One registered target; guarded by the group's lock, except {@link #checking}. */
    private static final class Registration {
        final String taskId;
        final Endpoint address;
        final AtomicBoolean checking = new AtomicBoolean();
        TargetHealthMachine health = TargetHealthMachine.registered();
        Optional<Instant> drainUntil = Optional.empty();
        Timers.Scheduled checks;
        Timers.Scheduled drainEnd;

        Registration(String taskId, Endpoint address) {
            this.taskId = taskId;
            this.address = address;
        }

        void stop() {
            if (checks != null) {
                checks.cancel();
            }
            if (drainEnd != null) {
                drainEnd.cancel();
            }
        }

        TargetHealth describe(int connections) {
            if (drainUntil.isPresent()) {
                return new TargetHealth(taskId, address, TargetHealthState.DRAINING,
                        Optional.of(DEREGISTRATION_IN_PROGRESS),
                        Optional.of("Target deregistration is in progress until " + drainUntil.get()), connections);
            }
            return new TargetHealth(taskId, address, health.state(), health.reason(),
                    Optional.of(health.description()), connections);
        }
    }
}

package dev.berth.inmemory;

import dev.berth.network.CheckResult;
import dev.berth.network.Endpoint;
import dev.berth.network.HealthCheckSettings;
import dev.berth.network.TargetGroup;
import dev.berth.network.TargetHealth;
import dev.berth.network.TargetHealthMachine;
import dev.berth.network.TargetHealthState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One target group as the in-memory backend simulates it, with ELB's semantics and the backend's clock: a
 * registered target is checked at registration and every interval after, each check passing while its task
 * serves; routed are the healthy targets (the unhealthy ones when none is: ELB fails open); a deregistered target
 * drains until its simulated connections close or the deregistration delay ends. Checks that fell due are applied
 * when someone next looks, at the times they were due, against the task as it is then. Guarded by the backend's
 * lock.
 */
final class SimulatedTargetGroup {

    private final TargetGroup group;
    private final Map<String, Target> targets = new LinkedHashMap<>();
    private int nextRoute;

    SimulatedTargetGroup(TargetGroup group) {
        this.group = group;
    }

    TargetGroup group() {
        return group;
    }

    /** One registered target. */
    private static final class Target {
        final Endpoint address;
        TargetHealthMachine health = TargetHealthMachine.registered();
        Instant nextCheck;
        Optional<Instant> drainUntil = Optional.empty();
        int connections;

        Target(Endpoint address, Instant registeredAt) {
            this.address = address;
            this.nextCheck = registeredAt;
        }
    }

    void register(String taskId, Endpoint address, Instant now) {
        Target existing = targets.get(taskId);
        if (existing != null && existing.drainUntil.isEmpty()) {
            return;
        }
        Target fresh = new Target(address, now);
        if (existing != null) {
            fresh.connections = existing.connections;
        }
        targets.put(taskId, fresh);
    }

    void deregister(String taskId, Instant now) {
        Target t = targets.get(taskId);
        if (t != null && t.drainUntil.isEmpty()) {
            t.drainUntil = Optional.of(now.plus(group.spec().deregistrationDelay()));
        }
    }

    /** Applies the checks due by {@code now} and ends the drains that are over. */
    void advance(Instant now, Predicate<String> serves) {
        HealthCheckSettings settings = group.spec().healthCheck();
        targets.entrySet().removeIf(e -> e.getValue().drainUntil.filter(until -> !until.isAfter(now)).isPresent());
        for (Map.Entry<String, Target> e : targets.entrySet()) {
            Target t = e.getValue();
            while (t.drainUntil.isEmpty() && !t.nextCheck.isAfter(now)) {
                CheckResult result = serves.test(e.getKey()) ? CheckResult.pass()
                        : CheckResult.fail(CheckResult.FAILED_HEALTH_CHECKS, "Health checks failed");
                t.health = t.health.after(result, settings.healthyThreshold(), settings.unhealthyThreshold());
                t.nextCheck = t.nextCheck.plus(settings.interval());
            }
        }
    }

    boolean isDrained(String taskId, Instant now) {
        Target t = targets.get(taskId);
        return t == null || t.drainUntil.isPresent() && (t.connections == 0 || !t.drainUntil.get().isAfter(now));
    }

    /** @return whether stopping the task now would cut its registration or a connection */
    boolean holds(String taskId, Instant now) {
        return !isDrained(taskId, now);
    }

    /** @return the state of a target that is registered and not draining */
    Optional<TargetHealthState> stateOf(String taskId) {
        Target t = targets.get(taskId);
        return t == null || t.drainUntil.isPresent() ? Optional.empty() : Optional.of(t.health.state());
    }

    List<TargetHealth> health() {
        List<TargetHealth> out = new ArrayList<>();
        targets.forEach((taskId, t) -> out.add(t.drainUntil.isPresent()
                ? new TargetHealth(taskId, t.address, TargetHealthState.DRAINING,
                        Optional.of("Target.DeregistrationInProgress"),
                        Optional.of("Target deregistration is in progress until " + t.drainUntil.get()), t.connections)
                : new TargetHealth(taskId, t.address, t.health.state(), t.health.reason(),
                        Optional.of(t.health.description()), t.connections)));
        return out;
    }

    /**
     * @param accepts whether a task's port accepts a connection now (a target that died since its last check
     *     refuses, and the connection goes to the next, as on Berth's real balancer)
     * @return the task a new connection goes to, its connection counted; empty when no routed target accepts
     */
    Optional<String> connect(Predicate<String> accepts) {
        List<String> routed = new ArrayList<>();
        List<String> failOpen = new ArrayList<>();
        targets.forEach((taskId, t) -> {
            if (t.drainUntil.isEmpty() && t.health.state() == TargetHealthState.HEALTHY) {
                routed.add(taskId);
            } else if (t.drainUntil.isEmpty() && t.health.state() == TargetHealthState.UNHEALTHY) {
                failOpen.add(taskId);
            }
        });
        List<String> candidates = routed.isEmpty() ? failOpen : routed;
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        int first = Math.floorMod(nextRoute++, candidates.size());
        for (int i = 0; i < candidates.size(); i++) {
            String taskId = candidates.get((first + i) % candidates.size());
            if (accepts.test(taskId)) {
                targets.get(taskId).connections++;
                return Optional.of(taskId);
            }
        }
        return Optional.empty();
    }

    void disconnect(String taskId) {
        Target t = targets.get(taskId);
        if (t != null && t.connections > 0) {
            t.connections--;
        }
    }
}

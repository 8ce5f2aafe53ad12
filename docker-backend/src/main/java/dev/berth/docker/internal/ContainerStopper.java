package dev.berth.docker.internal;

import dev.berth.exception.BackendUnavailableException;
import dev.berth.exception.ConflictException;
import dev.berth.exception.ResourceNotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Stops containers as {@code docker stop} does, but with short calls only: it sends each container its stop
 * signal (the image's {@code STOPSIGNAL}, else SIGTERM), polls until it exits, and sends SIGKILL once its grace
 * has passed. The containers given together are stopped concurrently.
 */
final class ContainerStopper {

    /**
     * A container to stop.
     *
     * @param id the engine's container ID
     * @param name its name, for messages
     * @param grace time between the stop signal and SIGKILL
     */
    record Target(String id, String name, Duration grace) {
        Target {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(grace, "grace");
        }
    }

    private final DockerClients clients;
    private final Clock clock;
    private final Duration pollInterval;
    private final Duration killWait;

    ContainerStopper(DockerClients clients, Clock clock, Duration pollInterval, Duration killWait) {
        this.clients = clients;
        this.clock = clock;
        this.pollInterval = pollInterval;
        this.killWait = killWait;
    }

    /**
     * @param targets containers to stop together
     * @throws BackendUnavailableException if a container is still running after SIGKILL and the call timeout
     */
    void stop(List<Target> targets) {
        Instant start = clock.instant();
        List<Target> running = new ArrayList<>();
        for (Target t : targets) {
            Optional<ContainerInspection> r = inspect(t);
            if (r.isPresent() && r.get().isRunning()) {
                signal(t, stopSignal(r.get()));
                running.add(t);
            }
        }
        Set<String> killed = new HashSet<>();
        Instant lastKill = start;
        while (!running.isEmpty()) {
            Instant now = clock.instant();
            running.removeIf(t -> inspect(t).filter(ContainerInspection::isRunning).isEmpty());
            for (Target t : running) {
                if (!killed.contains(t.id()) && !now.isBefore(start.plus(t.grace()))) {
                    signal(t, "SIGKILL");
                    killed.add(t.id());
                    lastKill = now;
                }
            }
            if (!running.isEmpty() && killed.size() == running.size() && now.isAfter(lastKill.plus(killWait))) {
                throw new BackendUnavailableException("Containers " + running.stream().map(Target::name).toList()
                        + " still run " + killWait + " after SIGKILL", true);
            }
            if (!running.isEmpty()) {
                Pause.sleep(pollInterval, "containers to stop");
            }
        }
    }

    private Optional<ContainerInspection> inspect(Target t) {
        try {
            return Optional.of(clients.call("inspect container " + t.name(),
                    () -> ContainerInspection.fetch(clients, t.id())));
        } catch (ResourceNotFoundException gone) {
            return Optional.empty();
        }
    }

    private void signal(Target t, String signal) {
        try {
            clients.run("send " + signal + " to container " + t.name(),
                    () -> clients.calls().killContainerCmd(t.id()).withSignal(signal).exec());
        } catch (ConflictException | ResourceNotFoundException alreadyStopped) {
            // exited or removed between the inspect and the signal: the goal is reached
        }
    }

    private static String stopSignal(ContainerInspection r) {
        String configured = r.config() == null ? null : r.config().stopSignal();
        return configured != null && !configured.isBlank() ? configured : "SIGTERM";
    }
}

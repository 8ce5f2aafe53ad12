package dev.berth.junit;

import dev.berth.api.Berth;
import dev.berth.api.Cluster;
import dev.berth.api.Service;
import dev.berth.exception.WaitTimeoutException;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.progress.ProgressListener;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The services of one scope (a test class or a test method): started together in a cluster of their own, waited for
 * until steady and healthy, and removed together, also at JVM shutdown.
 */
final class ServiceGroup implements AutoCloseable {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final String description;
    private final Platform.Scope scope;
    private final Berth berth;
    private final Cluster cluster;
    private final int logTailLines;
    private final Map<String, BerthServiceHandle> handles = new LinkedHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private ServiceGroup(String description, Platform.Scope scope, String clusterName, int logTailLines,
                         Optional<ProgressListener> progress) {
        this.description = description;
        this.scope = scope;
        this.logTailLines = logTailLines;
        Berth.Builder builder = Berth.builder(scope.backend()).closeBackend(false);
        progress.ifPresent(builder::progressListener);
        this.berth = builder.build();
        this.cluster = berth.clusters().create(clusterName);
    }

    /**
     * Starts the services and waits until each is steady (its desired count RUNNING, one deployment) or, where the
     * task definition has essential health checks, until its deployment completed with every task healthy
     * ({@link Service#awaitHealthy}). On failure the services' state and logs are attached to the exception as a
     * {@link ServiceLogDump}, and everything is removed.
     *
     * @param description the scope, for messages, e.g. the test class
     * @param platform where to run
     * @param declarations the services, with unique names
     * @param logTailLines log lines per container in dumps
     * @param progress receives the services' progress while they start, if given
     * @return the running group
     * @throws IllegalArgumentException if two services share a name
     * @throws WaitTimeoutException if a service is not steady and healthy in its time
     * @throws dev.berth.exception.WaitFailedException as soon as a service cannot get there: its image cannot be
     *     pulled, its tasks keep failing, its deployment failed; the message starts with the cause
     * @throws dev.berth.exception.BerthException if the platform or a definition fails
     */
    static ServiceGroup start(String description, Platform platform, List<ServiceDeclaration> declarations,
                              int logTailLines, Optional<ProgressListener> progress) {
        Set<String> names = new HashSet<>();
        for (ServiceDeclaration d : declarations) {
            if (!names.add(d.name())) {
                throw new IllegalArgumentException(description + " declares service '" + d.name() + "' twice");
            }
        }
        String clusterName = "junit-" + RunIdentity.CURRENT.runId() + "-" + SEQUENCE.incrementAndGet();
        Platform.Scope scope = platform.open(clusterName);
        ServiceGroup group;
        try {
            group = new ServiceGroup(description, scope, clusterName, logTailLines, progress);
        } catch (RuntimeException e) {
            scope.removeAllAndClose();
            throw e;
        }
        ShutdownReaper.register(group);
        try {
            group.launch(declarations);
            return group;
        } catch (RuntimeException e) {
            String dump = group.dump();
            if (!dump.isEmpty()) {
                e.addSuppressed(new ServiceLogDump(dump));
            }
            try {
                group.close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    private void launch(List<ServiceDeclaration> declarations) {
        Instant started = Instant.now();
        for (ServiceDeclaration d : declarations) {
            RegisteredTaskDefinition revision = berth.taskDefinitions().register(d.taskDefinition());
            Service service = cluster.services().create(d.spec().withTaskDefinition(revision.ref()));
            handles.put(d.name(), new BerthServiceHandle(service, cluster, scope.backend()));
        }
        // Created first, waited for after: the services start side by side, each within its own deadline. A
        // service whose tasks cannot start or stay up fails at once, with the cause first (WaitFailedException).
        for (ServiceDeclaration d : declarations) {
            Instant deadline = started.plus(d.steadyTimeout());
            Service service = handles.get(d.name()).service();
            if (hasEssentialHealthCheck(d)) {
                service.awaitHealthy(remaining(deadline));
            } else {
                service.awaitSteady(remaining(deadline));
            }
        }
    }

    private static boolean hasEssentialHealthCheck(ServiceDeclaration d) {
        return d.taskDefinition().containerDefinitions().stream()
                .anyMatch(c -> c.essential() && c.healthCheck().isPresent());
    }

    private static Duration remaining(Instant deadline) {
        Duration left = Duration.between(Instant.now(), deadline);
        return left.isNegative() || left.isZero() ? Duration.ofMillis(1) : left;
    }

    /** @return the handle of the named service, if this group runs it */
    Optional<BerthServiceHandle> handle(String name) {
        return Optional.ofNullable(handles.get(name));
    }

    /** @return the handles, in declaration order */
    List<BerthServiceHandle> handles() {
        return new ArrayList<>(handles.values());
    }

    /** @return the state, events and logs of every service, or empty when the group runs none */
    String dump() {
        if (closed.get()) {
            return "";
        }
        return handles.values().stream().map(h -> LogDump.of(cluster, h.service(), logTailLines))
                .collect(Collectors.joining());
    }

    /** Removes every service, task, container and network of the group; idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            berth.close();
        } finally {
            try {
                scope.removeAllAndClose();
            } finally {
                ShutdownReaper.unregister(this);
            }
        }
    }

    @Override
    public String toString() {
        return description + " (cluster " + cluster.name() + ")";
    }
}

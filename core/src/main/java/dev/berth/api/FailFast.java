package dev.berth.api;

import dev.berth.exception.BerthException;
import dev.berth.exception.WaitFailedException;
import dev.berth.service.CircuitBreakerThreshold;
import dev.berth.service.Deployment;
import dev.berth.service.RolloutState;
import dev.berth.spi.ComputeBackend;
import dev.berth.task.ContainerState;
import dev.berth.task.HealthCheckRun;
import dev.berth.task.StopCode;
import dev.berth.task.Task;
import dev.berth.task.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * When a wait gives up before its deadline, and what it says then: the cause first. A service's wait gives up once
 * the deployment it waits for cannot complete without a change:
 * <ul>
 *   <li>it was rolled back, or its rollout FAILED (the circuit breaker tripped);</li>
 *   <li>a task of it failed to start because its image cannot be pulled (the engine has retried by then, and the
 *       next task would pull the same image);</li>
 *   <li>without a circuit breaker, while it rolls out (as a breaker counts only then), as many of its tasks failed
 *       (failed to start, an essential container exited, or health checks failed) as a breaker with ECS's default
 *       threshold allows: 50 % of the desired count, at least 3 and at most 200. A COMPLETED deployment whose tasks
 *       crash later is replacing them, as ECS does: its wait runs to the deadline.</li>
 * </ul>
 * A standalone task's wait for RUNNING gives up when the task stops. The message then starts with the failed task's
 * cause ({@code CannotPullContainerError: ...}, {@code EssentialContainerExited: ... (app exited with code 1)}, a
 * health check's exit code and output) and shows the last log lines of the latest failed task's containers.
 */
final class FailFast {

    /** Log lines shown per container of the latest failed task. */
    static final int LOG_LINES = 10;
    /** Failed tasks a message describes, newest first. */
    private static final int TASKS_SHOWN = 3;
    /** The stopped reason of a task that failed to start because its image could not be pulled. */
    private static final String PULL_FAILURE = "CannotPullContainerError";
    /** The stopped reason of a service task replaced because its health checks failed. */
    private static final String HEALTH_CHECKS_FAILED = "Task failed container health checks";
    /** A stopped reason that is an ECS error already, e.g. {@code CannotStartContainerError: ...}. */
    private static final Pattern ECS_ERROR = Pattern.compile("^[A-Za-z]+Error: .*", Pattern.DOTALL);

    private FailFast() {
    }

    /**
     * Why a deployment cannot complete.
     *
     * @param reason e.g. {@code deployment ecs-svc/2 (web:3) FAILED: ECS deployment circuit breaker: 3 of 3 ...}
     * @param failedTasks its failed tasks, newest first
     */
    record Verdict(String reason, List<Task> failedTasks) {
    }

    /**
     * One wait for a service: which deployment it is for (a deployment the user starts meanwhile replaces it; a
     * rollback of it does not) and when it began.
     */
    static final class ServiceWait {

        private final String awaited;
        private final long startedAt = System.nanoTime();
        private String deploymentId;

        /**
         * @param awaited what the wait is for, for messages
         * @param deploymentId the PRIMARY deployment when the wait began
         */
        ServiceWait(String awaited, String deploymentId) {
            this.awaited = awaited;
            this.deploymentId = deploymentId;
        }

        /**
         * @param service as described now
         * @param tasks the service's tasks, stopped ones included
         * @param backend where logs are read for the message
         * @param observed the state, for the message
         * @throws WaitFailedException if the awaited deployment cannot complete
         */
        void throwIfCertain(ServiceDescription service, List<Task> tasks, ComputeBackend backend,
                            Supplier<String> observed) {
            Optional<Verdict> verdict = ofDeployment(service, tasks, deploymentId);
            if (verdict.isPresent()) {
                Verdict v = verdict.get();
                String cause = v.failedTasks().stream().findFirst().map(FailFast::cause).orElse(v.reason());
                throw new WaitFailedException(cause, awaited, gaveUp(startedAt, awaited) + ": " + v.reason() + ".",
                        details(v.failedTasks(), backend, service.cluster()), observed.get());
            }
            primaryOf(service).filter(p -> !p.id().equals(deploymentId)
                            && !p.rollbackOf().equals(Optional.of(deploymentId)))
                    .ifPresent(newer -> deploymentId = newer.id());
        }
    }

    /**
     * @param service as described now
     * @param tasks the service's tasks, stopped ones included
     * @param deploymentId the deployment waited for
     * @return why it cannot complete, if that is certain
     */
    static Optional<Verdict> ofDeployment(ServiceDescription service, List<Task> tasks, String deploymentId) {
        List<Task> failed = tasks.stream().filter(t -> t.startedBy().equals(deploymentId) && isFailure(t))
                .sorted(Comparator.comparing((Task t) -> t.stoppedAt().orElse(Instant.MIN)).reversed()).toList();
        Optional<Deployment> awaited = service.deployments().stream().map(DeploymentView::deployment)
                .filter(d -> d.id().equals(deploymentId)).findFirst();
        String name = awaited.map(FailFast::name).orElse("deployment " + deploymentId);
        Optional<Deployment> primary = primaryOf(service);
        if (primary.isPresent() && primary.get().rollbackOf().equals(Optional.of(deploymentId))) {
            return Optional.of(new Verdict(name + " was rolled back to " + primary.get().taskDefinition().ref()
                    + awaited.map(d -> " (" + d.rolloutStateReason() + ")").orElse(""), failed));
        }
        if (awaited.isPresent() && awaited.get().rolloutState() == RolloutState.FAILED) {
            return Optional.of(new Verdict(name + " FAILED (" + awaited.get().rolloutStateReason() + ")", failed));
        }
        if (failed.stream().anyMatch(t -> t.stoppedReason().orElse("").startsWith(PULL_FAILURE))) {
            return Optional.of(new Verdict("the image of " + name + " cannot be pulled", failed));
        }
        boolean rollingOut = awaited.map(d -> d.rolloutState() == RolloutState.IN_PROGRESS).orElse(false);
        if (rollingOut && !service.spec().deploymentConfiguration().circuitBreaker().enabled()) {
            int bound = CircuitBreakerThreshold.ecsDefault().failuresToTrip(service.desiredCount());
            if (failed.size() >= bound) {
                return Optional.of(new Verdict(failed.size() + " tasks of " + name + " failed, as many as a"
                        + " deployment circuit breaker with ECS's default threshold allows (" + bound + " for "
                        + service.desiredCount() + " desired); the service has no breaker and would go on"
                        + " replacing them", failed));
            }
        }
        return Optional.empty();
    }

    /**
     * @param task a standalone task that stopped while a wait wanted it RUNNING
     * @param awaited what the wait is for
     * @param startedAt {@link System#nanoTime()} when the wait began
     * @param backend where logs are read for the message
     * @param observed the state, for the message
     * @return the failure to throw
     */
    static WaitFailedException taskStopped(Task task, String awaited, long startedAt, ComputeBackend backend,
                                           String observed) {
        return new WaitFailedException(cause(task), awaited, gaveUp(startedAt, awaited) + ": task " + task.taskId()
                + " stopped.", details(List.of(task), backend, task.cluster()), observed);
    }

    /** @return whether the task counts as a failure of its deployment, as the circuit breaker counts them */
    static boolean isFailure(Task task) {
        return task.lastStatus() == TaskStatus.STOPPED && (task.failedToStart()
                || task.stopCode().orElse(null) == StopCode.ESSENTIAL_CONTAINER_EXITED
                || task.stoppedReason().orElse("").startsWith(HEALTH_CHECKS_FAILED));
    }

    /**
     * @return the task's cause on one line: its stopped reason where that is an ECS error already, else its stop
     *     code and reason; then what its containers say, e.g. {@code EssentialContainerExited: Essential container in
     *     task exited (app exited with code 1)}
     */
    static String cause(Task task) {
        String reason = task.stoppedReason().orElse("stopped").strip();
        String head = ECS_ERROR.matcher(reason).matches() ? reason
                : task.stopCode().map(code -> code.ecsName() + ": ").orElse("") + reason;
        String containers = task.containers().stream().map(FailFast::containerCause).flatMap(Optional::stream)
                .collect(Collectors.joining("; "));
        return (containers.isEmpty() ? head : head + " (" + containers + ")").replaceAll("\\s*\\R\\s*", " ");
    }

    private static Optional<String> containerCause(ContainerState c) {
        Optional<HealthCheckRun> failedCheck = c.lastHealthCheck().filter(run -> !run.passed());
        if (failedCheck.isPresent()) {
            return Optional.of(c.name() + " last health check " + failedCheck.get().summary());
        }
        if (c.exitCode().isPresent() && c.exitCode().getAsInt() != 0) {
            return Optional.of(c.name() + " exited with code " + c.exitCode().getAsInt()
                    + c.reason().map(r -> ", " + r).orElse(""));
        }
        return Optional.empty();
    }

    /**
     * @return a line per failed task (at most three, newest first), then the newest one's containers: state, exit
     *     code, last health check and last {@link #LOG_LINES} log lines
     */
    static String details(List<Task> failed, ComputeBackend backend, String cluster) {
        StringBuilder text = new StringBuilder();
        failed.stream().limit(TASKS_SHOWN).forEach(t -> text.append("task ").append(t.taskId()).append(": ")
                .append(cause(t)).append('\n'));
        if (failed.size() > TASKS_SHOWN) {
            text.append("(and ").append(failed.size() - TASKS_SHOWN).append(" more failed tasks)\n");
        }
        failed.stream().findFirst().ifPresent(latest -> {
            for (ContainerState c : latest.containers()) {
                text.append("container ").append(c.name()).append(" of task ").append(latest.taskId()).append(": ")
                        .append(c.lastStatus());
                c.exitCode().ifPresent(code -> text.append(", exit code ").append(code));
                text.append(", health ").append(c.healthSummary()).append('\n');
                if (c.exitCode().isPresent() || c.lastStatus() == TaskStatus.RUNNING) {
                    appendLogs(text, backend, cluster, latest.taskId(), c.name());
                }
            }
        });
        return text.toString();
    }

    private static void appendLogs(StringBuilder text, ComputeBackend backend, String cluster, String taskId,
                                   String container) {
        try {
            List<String> lines = backend.logs(cluster, taskId, container, LOG_LINES);
            if (lines.isEmpty()) {
                text.append("  (no log lines)\n");
            }
            lines.forEach(line -> text.append("  | ").append(line).append('\n'));
        } catch (BerthException e) {
            text.append("  (logs unavailable: ").append(e.getMessage()).append(")\n");
        }
    }

    private static Optional<Deployment> primaryOf(ServiceDescription service) {
        return service.deployments().stream().findFirst().map(DeploymentView::deployment);
    }

    private static String name(Deployment d) {
        return "deployment " + d.id() + " (" + d.taskDefinition().ref() + ")";
    }

    private static String gaveUp(long startedAt, String awaited) {
        Duration waited = Duration.ofNanos(System.nanoTime() - startedAt);
        return String.format(Locale.ROOT, "Gave up after %.1f s waiting for %s", waited.toMillis() / 1000.0, awaited);
    }
}

package dev.berth.junit;

import dev.berth.api.Cluster;
import dev.berth.api.Service;
import dev.berth.exception.BerthException;
import dev.berth.service.ServiceEvent;
import dev.berth.task.ContainerState;
import dev.berth.task.HealthCheckRun;
import dev.berth.task.HealthStatus;
import dev.berth.task.Task;
import dev.berth.task.TaskStatus;
import java.util.Comparator;
import java.util.List;

/**
 * What a failed test shows of a service: its state, its latest events, and for each task (stopped and unhealthy ones
 * first) each container's state, the last runs of its health check (exit code and output) and its last log lines.
 */
final class LogDump {

    /** Events shown per service, newest first. */
    static final int EVENTS = 10;

    private LogDump() {
    }

    /**
     * @param cluster the scope's cluster
     * @param service one of its services
     * @param tailLines log lines shown per container
     * @return the dump; parts the backend cannot tell any more say so instead of failing
     */
    static String of(Cluster cluster, Service service, int tailLines) {
        StringBuilder out = new StringBuilder();
        out.append("=== Berth service ").append(service.name()).append(" (cluster ").append(cluster.name())
                .append(")");
        try {
            out.append(": ").append(service.describe().summary()).append('\n');
            List<ServiceEvent> events = service.events();
            events.stream().limit(EVENTS).forEach(e -> out.append("  event ").append(e.createdAt()).append(' ')
                    .append(e.message()).append('\n'));
            String group = "service:" + service.name();
            List<Task> tasks = cluster.tasks().list().stream().filter(t -> t.group().equals(group))
                    .sorted(Comparator.comparing((Task t) -> !failed(t)).thenComparing(Task::createdAt)).toList();
            if (tasks.isEmpty()) {
                out.append("  (no tasks)\n");
            }
            for (Task task : tasks) {
                appendTask(out, cluster, task, tailLines);
            }
        } catch (BerthException e) {
            out.append("\n  (state unavailable: ").append(e.getMessage()).append(")\n");
        }
        return out.toString();
    }

    private static void appendTask(StringBuilder out, Cluster cluster, Task task, int tailLines) {
        out.append("--- task ").append(task.taskId()).append(": ").append(task.lastStatus())
                .append(", health ").append(task.healthStatus());
        task.stoppedReason().ifPresent(r -> out.append(", stopped: ").append(r));
        out.append('\n');
        for (ContainerState c : task.containers()) {
            out.append("  container ").append(c.name()).append(": ").append(c.lastStatus());
            c.exitCode().ifPresent(code -> out.append(", exit code ").append(code));
            out.append(", health ").append(c.health());
            c.reason().ifPresent(r -> out.append(", ").append(r));
            out.append('\n');
            for (HealthCheckRun run : c.healthChecks()) {
                out.append("  health check ").append(run.startedAt()).append(' ').append(run.summary()).append('\n');
            }
            try {
                for (String line : cluster.tasks().logs(task.taskId(), c.name(), tailLines)) {
                    out.append("  | ").append(line).append('\n');
                }
            } catch (BerthException e) {
                out.append("  (logs unavailable: ").append(e.getMessage()).append(")\n");
            }
        }
    }

    private static boolean failed(Task task) {
        return task.lastStatus() == TaskStatus.STOPPED || task.healthStatus() == HealthStatus.UNHEALTHY
                || task.containers().stream().anyMatch(c -> c.lastStatus() == TaskStatus.STOPPED
                        || c.health() == HealthStatus.UNHEALTHY);
    }
}

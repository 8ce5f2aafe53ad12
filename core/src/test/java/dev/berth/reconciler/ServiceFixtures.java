package dev.berth.reconciler;

import dev.berth.model.ArnScope;
import dev.berth.model.HealthCheck;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.TaskDefinition;
import dev.berth.model.TaskDefinitionStatus;
import dev.berth.service.DeploymentConfiguration;
import dev.berth.service.ServiceSpec;
import dev.berth.task.DesiredStatus;
import dev.berth.task.HealthStatus;
import dev.berth.task.StopCode;
import dev.berth.task.Task;
import dev.berth.task.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Builders of services and observed tasks for reconciler tests. */
final class ServiceFixtures {

    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    private ServiceFixtures() {
    }

    static RegisteredTaskDefinition revision(int revision, boolean healthCheck) {
        TaskDefinition td = TaskDefinition.builder("web")
                .container(c -> {
                    c.name("app").image("busybox:stable").memoryMiB(64);
                    if (healthCheck) {
                        c.healthCheck(HealthCheck.shell("true"));
                    }
                })
                .build();
        return new RegisteredTaskDefinition(ArnScope.local().taskDefinitionArn("web", revision), revision,
                TaskDefinitionStatus.ACTIVE, td, T0, Optional.empty());
    }

    static ServiceSpec spec(int desired, int minPercent, int maxPercent) {
        return ServiceSpec.builder("web", revision(1, false).ref())
                .desiredCount(desired)
                .deploymentConfiguration(new DeploymentConfiguration(minPercent, maxPercent,
                        dev.berth.service.DeploymentCircuitBreaker.disabled()))
                .build();
    }

    static ServiceState service(ServiceSpec spec) {
        return ServiceState.create("dev", spec, revision(1, false), T0);
    }

    /** A task RUNNING since long enough to count as healthy without a health check. */
    static Task healthy(String id, String deployment) {
        return running(id, deployment, T0.minus(Duration.ofMinutes(5)), HealthStatus.UNKNOWN);
    }

    static Task running(String id, String deployment, Instant startedAt, HealthStatus health) {
        return new Task(id, "dev", "arn", "i-1", "service:web", deployment, TaskStatus.RUNNING, DesiredStatus.RUNNING,
                health, List.of(), startedAt, Optional.of(startedAt), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** A task whose containers run while Berth registers it with its target groups. */
    static Task activating(String id, String deployment, Instant startedAt) {
        return new Task(id, "dev", "arn", "i-1", "service:web", deployment, TaskStatus.ACTIVATING,
                DesiredStatus.RUNNING, HealthStatus.UNKNOWN, List.of(), startedAt, Optional.of(startedAt),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    static Task pending(String id, String deployment) {
        return new Task(id, "dev", "arn", "i-1", "service:web", deployment, TaskStatus.PENDING, DesiredStatus.RUNNING,
                HealthStatus.UNKNOWN, List.of(), T0, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    static Task failedToStart(String id, String deployment) {
        return new Task(id, "dev", "arn", "i-1", "service:web", deployment, TaskStatus.STOPPED, DesiredStatus.STOPPED,
                HealthStatus.UNKNOWN, List.of(), T0, Optional.empty(), Optional.of(T0),
                Optional.of(StopCode.TASK_FAILED_TO_START), Optional.of("CannotPullContainerError"));
    }
}

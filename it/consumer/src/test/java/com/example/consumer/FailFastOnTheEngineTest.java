package com.example.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.berth.api.Service;
import dev.berth.api.Tasks;
import dev.berth.docker.DockerCleanup;
import dev.berth.exception.WaitFailedException;
import dev.berth.model.DependencyCondition;
import dev.berth.model.HealthCheck;
import dev.berth.model.TaskDefinition;
import dev.berth.model.TaskDefinitionRef;
import dev.berth.service.ServiceSpec;
import dev.berth.task.RunTaskRequest;
import dev.berth.task.Task;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a team checks first when it evaluates an integration-test library: a broken service fails the test soon, with
 * the cause on the first line and the container's own words, and what a failed task wrote stays readable.
 */
class FailFastOnTheEngineTest extends OnTheEngine {

    private static final Duration PATIENT = Duration.ofMinutes(2);

    private Service service(String name, TaskDefinition definition) {
        berth.taskDefinitions().register(definition);
        return cluster.services().create(ServiceSpec.builder(name, TaskDefinitionRef.latest(definition.family()))
                .desiredCount(1).build());
    }

    @Test
    void missingImage_failsInUnderTenSeconds_withCannotPullContainerErrorFirst() {
        // Nothing listens on port 1: the engine's pull is refused at once, as a registry that is down would be.
        Service web = service("web", TaskDefinition.builder("unpullable")
                .container(c -> c.name("app").image("127.0.0.1:1/example/missing:1").memoryMiB(32)).build());
        Instant start = Instant.now();

        WaitFailedException e = catchThrowableOfType(WaitFailedException.class, () -> web.awaitSteady(PATIENT));
        System.out.println("A missing image, after " + Duration.between(start, Instant.now()).toMillis() + " ms:\n"
                + e.getMessage());

        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(10));
        assertThat(e.getMessage().lines().findFirst().orElseThrow()).startsWith("CannotPullContainerError")
                .contains("127.0.0.1:1/example/missing:1");
    }

    @Test
    void crashLoop_failsWithinTheBreakersThreshold_showingTheContainersLastLines() {
        Service web = service("crasher", TaskDefinition.builder("crasher")
                .container(c -> c.name("app").image(BUSYBOX).memoryMiB(32)
                        .command("sh", "-c", "echo reading /etc/app.conf; echo fatal: /etc/app.conf is missing;"
                                + " exit 1"))
                .build());

        // awaitHealthy, not awaitSteady: a task that exits a few milliseconds after its start is RUNNING for that
        // moment, and ECS's steady state (the desired count RUNNING) may be seen then.
        WaitFailedException e = catchThrowableOfType(WaitFailedException.class, () -> web.awaitHealthy(PATIENT));
        System.out.println("A crash loop:\n" + e.getMessage());

        assertThat(e.failure()).isEqualTo("EssentialContainerExited: Essential container in task exited"
                + " (app exited with code 1)");
        assertThat(e.getMessage()).contains("3 tasks of deployment ecs-svc/1 (crasher:1) failed")
                .contains("  | fatal: /etc/app.conf is missing");
        // ECS's default breaker threshold for one task is 3: the wait gave up there, not after dozens of tasks.
        assertThat(cluster.tasks().list()).hasSizeLessThanOrEqualTo(4);
    }

    @Test
    void healthCheckWhoseCommandIsMissing_failsQuotingTheEnginesHealthOutput() {
        Service web = service("no-curl", TaskDefinition.builder("no-curl")
                .container(c -> c.name("app").image(BUSYBOX).memoryMiB(32).command("sleep", "300")
                        .stopTimeout(Duration.ofSeconds(2))
                        // busybox has wget, not curl: the check cannot run at all
                        .healthCheck(HealthCheck.shell("curl -f http://localhost:8080/")
                                .withInterval(Duration.ofSeconds(5)).withTimeout(Duration.ofSeconds(2))
                                .withRetries(1)))
                .build());

        WaitFailedException e = catchThrowableOfType(WaitFailedException.class, () -> web.awaitHealthy(PATIENT));
        System.out.println("A health check whose command is missing:\n" + e.getMessage());

        assertThat(e.failure()).contains("Task failed container health checks")
                .contains("app last health check exit 127: \"/bin/sh: curl: not found\"");
    }

    @Test
    void failedStart_failsTheRunTaskWaiter_andItsInitContainersLogsStayReadable() throws InterruptedException {
        berth.taskDefinitions().register(TaskDefinition.builder("with-content")
                .container(c -> c.name("content").image(BUSYBOX).memoryMiB(16).essential(false)
                        .command("sh", "-c", "echo fetching content from https://content.example; exit 3"))
                .container(c -> c.name("app").image(BUSYBOX).memoryMiB(16).command("sleep", "300")
                        .dependsOn("content", DependencyCondition.SUCCESS))
                .build());
        Tasks tasks = cluster.tasks();
        String id = tasks.run(RunTaskRequest.builder(TaskDefinitionRef.latest("with-content")).build()).tasks().get(0)
                .taskId();

        WaitFailedException e = catchThrowableOfType(WaitFailedException.class,
                () -> tasks.awaitRunning(List.of(id), PATIENT));
        Thread.sleep(3_000);

        assertThat(e.failure()).startsWith("TaskFailedToStart: Container 'app' was not started")
                .contains("content exited with code 3");
        assertThat(tasks.logs(id, "content", 20)).containsExactly("fetching content from https://content.example");
        Task stopped = tasks.describe(id);
        assertThat(stopped.failedToStart()).isTrue();
        assertThat(DockerCleanup.find(engine, SESSION_LABEL, session)).isNotEmpty();
    }
}

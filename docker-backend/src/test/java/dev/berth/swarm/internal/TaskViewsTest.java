package dev.berth.swarm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.task.DesiredStatus;
import dev.berth.task.HealthStatus;
import dev.berth.task.StopCode;
import dev.berth.task.Task;
import dev.berth.task.TaskStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TaskViewsTest {

    private static final String LABELS = "'dev.berth.cluster':'c','dev.berth.task':'t1',"
            + "'dev.berth.task-definition':'web:1','dev.berth.group':'family:web','dev.berth.started-by':'me',"
            + "'dev.berth.created-at':'2026-01-02T03:00:00Z','dev.berth.swarm.kind':'task',"
            + "'dev.berth.swarm.containers':'app,side','dev.berth.swarm.node':'n1'";

    private final TaskViews views = new TaskViews(Map.of("n1", Fixtures.node("n1", "ready", "active", "")),
            id -> Optional.empty());

    private static ContainerRun run(String name, boolean essential, int level, String extraServiceLabels,
                                    SwarmTask... tasks) {
        SwarmService service = SwarmService.of(Fixtures.json("{'ID':'s-" + name + "','Version':{'Index':1},"
                + "'Spec':{'Name':'x','Labels':{" + LABELS + ",'dev.berth.container':'" + name + "',"
                + "'dev.berth.essential':'" + essential + "','dev.berth.dependency-level':'" + level + "'"
                + extraServiceLabels + "}}}"));
        return new ContainerRun(service, List.of(tasks));
    }

    private static SwarmTask running(String id) {
        return Fixtures.task(id, "s", "n1", "running", "running", "", ",'PortStatus':{'Ports':["
                + "{'Protocol':'tcp','TargetPort':8080,'PublishedPort':32768,'PublishMode':'host'},"
                + "{'Protocol':'tcp','TargetPort':8080,'PublishedPort':32768,'PublishMode':'host'}]}",
                "2026-01-02T03:00:05Z");
    }

    private static SwarmTask exited(String id, int code) {
        return Fixtures.task(id, "s", "n1", "shutdown", code == 0 ? "complete" : "failed", "",
                ",'Err':'task: non-zero exit (" + code + ")','ContainerStatus':{'ContainerID':'c" + id
                        + "','ExitCode':" + code + "}", "2026-01-02T03:00:09Z");
    }

    @Test
    void task_whenEveryContainerRuns_isRunningWithTheNodesAddressAndPort() {
        Task t = views.task("c", List.of(run("app", true, 0, "", running("a")), run("side", false, 0, "",
                running("b"))));

        assertThat(t.lastStatus()).isEqualTo(TaskStatus.RUNNING);
        assertThat(t.desiredStatus()).isEqualTo(DesiredStatus.RUNNING);
        assertThat(t.containerInstanceId()).isEqualTo("n1");
        assertThat(t.taskDefinitionArn()).isEqualTo("web:1");
        assertThat(t.startedAt()).contains(Instant.parse("2026-01-02T03:00:05Z"));
        assertThat(t.containers().get(0).networkBindings()).singleElement().satisfies(b -> {
            assertThat(b.hostPort()).isEqualTo(32768);
            assertThat(b.bindIp()).isEqualTo("10.0.0.2");
        });
    }

    @Test
    void task_whenAContainerIsNotCreatedYet_isPending() {
        Task t = views.task("c", List.of(run("app", true, 0, "", running("a"))));

        assertThat(t.lastStatus()).isEqualTo(TaskStatus.PENDING);
        assertThat(t.containers()).extracting(c -> c.name() + ":" + c.lastStatus())
                .containsExactly("app:RUNNING", "side:PENDING");
    }

    @Test
    void task_whenTheEssentialContainerExited_mustStopWithItsExitCode() {
        Task t = views.task("c", List.of(run("app", true, 0, "", exited("a", 3)), run("side", false, 0, "",
                running("b"))));

        assertThat(t.desiredStatus()).isEqualTo(DesiredStatus.STOPPED);
        assertThat(t.lastStatus()).isEqualTo(TaskStatus.STOPPING);
        assertThat(t.stopCode()).contains(StopCode.ESSENTIAL_CONTAINER_EXITED);
        assertThat(t.containers().get(0).exitCode()).hasValue(3);
    }

    @Test
    void task_whenStoppedByBerth_reportsTheRecordedStop() {
        String stop = ",'dev.berth.stop-code':'UserInitiated','dev.berth.stop-reason':'bye'";
        Task t = views.task("c", List.of(run("app", true, 0, stop, exited("a", 137)), run("side", false, 0,
                stop, exited("b", 137))));

        assertThat(t.lastStatus()).isEqualTo(TaskStatus.STOPPED);
        assertThat(t.stopCode()).contains(StopCode.USER_INITIATED);
        assertThat(t.stoppedReason()).contains("bye");
        assertThat(t.stoppedAt()).contains(Instant.parse("2026-01-02T03:00:09Z"));
        assertThat(t.startedAt()).as("it ran: its creation bounds its start").isPresent();
    }

    @Test
    void task_whenTheImageCannotBeFound_failedToStart() {
        SwarmTask rejected = Fixtures.task("a", "s", "n1", "shutdown", "rejected", "",
                ",'Err':'No such image: x','ContainerStatus':{'ContainerID':'','ExitCode':0}",
                "2026-01-02T03:00:01Z");

        Task t = views.task("c", List.of(run("app", true, 0, "", rejected)));

        assertThat(t.stopCode()).contains(StopCode.TASK_FAILED_TO_START);
        assertThat(t.stoppedReason()).hasValueSatisfying(r -> assertThat(r).contains("No such image"));
        assertThat(t.containers().get(0).exitCode()).isEmpty();
    }

    @Test
    void task_whenSwarmShutsItDownOnALostNode_isStopping() {
        TaskViews down = new TaskViews(Map.of("n1", Fixtures.node("n1", "down", "active", "")),
                id -> Optional.empty());
        SwarmTask lost = Fixtures.task("a", "s", "n1", "shutdown", "running", "", "", "2026-01-02T03:00:05Z");

        Task t = down.task("c", List.of(run("app", true, 0, "", lost), run("side", false, 0, "", running("b"))));

        assertThat(t.lastStatus()).isEqualTo(TaskStatus.STOPPING);
        assertThat(t.stopCode()).contains(StopCode.SERVICE_SCHEDULER_INITIATED);
        assertThat(t.stoppedReason()).hasValueSatisfying(r -> assertThat(r).contains("is down"));
    }

    @Test
    void serviceTask_ofARunningCheckedContainer_isHealthyUnderItsDeployment() {
        SwarmService service = SwarmService.of(Fixtures.json("{'ID':'s','Spec':{'Name':'c_web','Labels':{}}}"));
        SwarmTask run = SwarmTask.of(Fixtures.json("{'ID':'t9','ServiceID':'s','NodeID':'n1',"
                + "'CreatedAt':'2026-01-02T03:00:00Z','DesiredState':'running','Spec':{'ContainerSpec':{"
                + "'Labels':{'dev.berth.container':'web','dev.berth.group':'service:web',"
                + "'dev.berth.task-definition':'web:2','dev.berth.started-by':'swarm-svc/1'},"
                + "'Healthcheck':{'Test':['CMD-SHELL','true']}}},"
                + "'Status':{'Timestamp':'2026-01-02T03:00:05Z','State':'running'}}"));

        Task t = views.serviceTask("c", service, run);

        assertThat(t.taskId()).isEqualTo("t9");
        assertThat(t.group()).isEqualTo("service:web");
        assertThat(t.startedBy()).isEqualTo("swarm-svc/1");
        assertThat(t.healthStatus()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(t.lastStatus()).isEqualTo(TaskStatus.RUNNING);
    }
}

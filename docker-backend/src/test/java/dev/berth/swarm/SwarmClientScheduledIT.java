package dev.berth.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.Berth;
import dev.berth.api.Cluster;
import dev.berth.task.RunTaskRequest;
import dev.berth.task.RunTaskResult;
import dev.berth.api.Service;
import dev.berth.docker.TestImages;
import dev.berth.model.DependencyCondition;
import dev.berth.model.HealthCheck;
import dev.berth.model.PlacementConstraint;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.RestartPolicy;
import dev.berth.model.TaskDefinition;
import dev.berth.model.PlacementStrategy;
import dev.berth.model.Resource;
import dev.berth.service.ServiceEvent;
import dev.berth.service.ServiceSpec;
import dev.berth.task.ContainerState;
import dev.berth.task.StopCode;
import dev.berth.task.Task;
import dev.berth.task.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Client-scheduled mode on the real three-node swarm: Berth's scheduler places every task and pins it to its node,
 * so the strategies and constraints Swarm's own scheduler lacks work.
 */
class SwarmClientScheduledIT extends SwarmTestBase {

    private TaskDefinition sleeper() {
        return TaskDefinition.builder("swarm-sleep")
                .container(c -> c.name("app").image(TestImages.BUSYBOX).memoryMiB(64).stopTimeout(Duration.ofSeconds(2))
                        .command("sleep", "300"))
                .build();
    }

    @Test
    void binpack_putsEveryTaskOnOneNode() {
        Berth berth = berth(SwarmBackendConfig.Mode.CLIENT_SCHEDULED);
        Cluster c = berth.clusters().getOrCreate(cluster);
        RegisteredTaskDefinition rev = berth.taskDefinitions().register(sleeper());

        Service service = c.services().create(ServiceSpec.builder("packed", rev.ref()).desiredCount(3)
                .placementStrategy(PlacementStrategy.binpack(Resource.MEMORY)).build());
        service.awaitSteady(STEADY);

        assertThat(service.tasks()).hasSize(3);
        assertThat(nodesOf(service.tasks())).hasSize(1);
    }

    @Test
    void distinctInstance_keepsOneTaskPerNodeAndReportsTheOneThatDoesNotFit() {
        Berth berth = berth(SwarmBackendConfig.Mode.CLIENT_SCHEDULED);
        Cluster c = berth.clusters().getOrCreate(cluster);
        RegisteredTaskDefinition rev = berth.taskDefinitions().register(sleeper());

        Service service = c.services().create(ServiceSpec.builder("spread", rev.ref()).desiredCount(4)
                .placementConstraint(PlacementConstraint.distinctInstance()).build());

        awaitTrue("3 tasks running on 3 nodes and a placement failure event", () ->
                nodesOf(service.tasks()).size() == 3
                        && service.events().stream().anyMatch(e -> e.kind()
                        == ServiceEvent.Kind.SERVICE_TASK_PLACEMENT_FAILURE));
        assertThat(service.tasks()).filteredOn(t -> t.lastStatus() == TaskStatus.RUNNING).hasSize(3);
        assertThat(service.describe().runningCount()).isEqualTo(3);
    }

    @Test
    void memberOf_withAnOrOfZones_placesOnlyOnThoseNodes() {
        Berth berth = berth(SwarmBackendConfig.Mode.CLIENT_SCHEDULED);
        Cluster c = berth.clusters().getOrCreate(cluster);
        RegisteredTaskDefinition rev = berth.taskDefinitions().register(sleeper());

        // 'in' with two values is an 'or', which Swarm's own constraints cannot say
        Service service = c.services().create(ServiceSpec.builder("zoned", rev.ref()).desiredCount(4)
                .placementConstraint(PlacementConstraint.memberOf("attribute:ecs.availability-zone in [zone-b, zone-c]"))
                .build());
        service.awaitSteady(STEADY);

        assertThat(nodesOf(service.tasks())).containsExactlyInAnyOrder(bed.nodeId(1), bed.nodeId(2));
    }

    @Test
    void customAttribute_isANodeLabel_thatPlacementFollows() {
        Berth berth = berth(SwarmBackendConfig.Mode.CLIENT_SCHEDULED);
        Cluster c = berth.clusters().getOrCreate(cluster);
        RegisteredTaskDefinition rev = berth.taskDefinitions().register(sleeper());
        String labelled = bed.nodeId(2);
        String rack = "rack-" + session.substring(session.length() - 6);
        c.instances().putAttributes(labelled, java.util.Map.of("rack", rack));
        try {
            Service service = c.services().create(ServiceSpec.builder("racked", rev.ref()).desiredCount(2)
                    .placementConstraint(PlacementConstraint.memberOf("attribute:rack == " + rack)).build());
            service.awaitSteady(STEADY);

            assertThat(nodesOf(service.tasks())).containsExactly(labelled);
            assertThat(SwarmBackend.create(config(SwarmBackendConfig.Mode.CLIENT_SCHEDULED))
                    .containerInstances(cluster)).filteredOn(i -> i.id().equals(labelled)).singleElement()
                    .satisfies(i -> assertThat(i.attributes()).as("the node label, as Swarm sees it")
                            .containsEntry("rack", rack));
        } finally {
            c.instances().deleteAttributes(labelled, List.of("rack"));
        }
    }

    @Test
    void restartPolicy_whichSwarmCannotHonour_failsTheTaskWithTheReason() {
        Berth berth = berth(SwarmBackendConfig.Mode.CLIENT_SCHEDULED);
        Cluster c = berth.clusters().getOrCreate(cluster);
        RegisteredTaskDefinition rev = berth.taskDefinitions().register(TaskDefinition.builder("swarm-restarting")
                .container(d -> d.name("app").image(TestImages.BUSYBOX).memoryMiB(16).command("sleep", "300")
                        .restartPolicy(new RestartPolicy(true, List.of(), Optional.empty())))
                .build());

        Task task = c.tasks().run(RunTaskRequest.builder(rev.ref()).build()).tasks().get(0);

        assertThat(task.lastStatus()).isEqualTo(TaskStatus.STOPPED);
        assertThat(task.stopCode()).contains(StopCode.TASK_FAILED_TO_START);
        assertThat(task.stoppedReason()).hasValueSatisfying(r -> assertThat(r).contains("restartPolicy")
                .contains("Swarm restarts a container as a new one"));
        assertThat(task.failedToStart()).isTrue();
    }

    @Test
    void taskOfTwoContainers_startsInDependsOnOrderOnOneNodeAndTheyReachEachOtherByName() {
        Berth berth = berth(SwarmBackendConfig.Mode.CLIENT_SCHEDULED);
        Cluster c = berth.clusters().getOrCreate(cluster);
        RegisteredTaskDefinition rev = berth.taskDefinitions().register(TaskDefinition.builder("swarm-pair")
                .container(d -> d.name("db").image(TestImages.BUSYBOX).memoryMiB(32).stopTimeout(Duration.ofSeconds(2))
                        .command("sh", "-c", "mkdir -p /www && echo from-db > /www/index.html"
                                + " && exec httpd -f -p 8080 -h /www")
                        .healthCheck(HealthCheck.shell("wget -q -O /dev/null http://127.0.0.1:8080/")
                                .withInterval(Duration.ofSeconds(5))))
                .container(a -> a.name("app").image(TestImages.BUSYBOX).memoryMiB(32).stopTimeout(Duration.ofSeconds(2))
                        .dependsOn("db", DependencyCondition.HEALTHY)
                        .command("sh", "-c", "wget -q -O - http://db:8080/ && sleep 300"))
                .build());

        RunTaskResult run = c.tasks().run(RunTaskRequest.builder(rev.ref()).build());
        String taskId = run.tasks().get(0).taskId();
        List<Task> running = c.tasks().awaitRunning(List.of(taskId), STEADY);

        Task task = running.get(0);
        assertThat(task.containers()).extracting(ContainerState::lastStatus).containsOnly(TaskStatus.RUNNING);
        awaitTrue("app's log shows the page db served", () -> c.tasks().logs(taskId, "app", 10).contains("from-db"));
        c.tasks().stop(taskId, "done");
        c.tasks().awaitStopped(List.of(taskId), STEADY);
        Task stopped = c.tasks().describe(taskId);
        assertThat(stopped.containers()).allSatisfy(s -> assertThat(s.exitCode()).isPresent());
    }

    private static void awaitTrue(String what, java.util.function.BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(STEADY);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Timed out after " + STEADY + " waiting for " + what);
            }
            SwarmTestBed.pause(Duration.ofMillis(250));
        }
    }
}

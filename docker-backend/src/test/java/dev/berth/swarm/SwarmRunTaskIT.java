package dev.berth.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.Berth;
import dev.berth.api.Cluster;
import dev.berth.task.RunTaskRequest;
import dev.berth.task.RunTaskResult;
import dev.berth.api.Service;
import dev.berth.docker.TestImages;
import dev.berth.exception.ResourceNotFoundException;
import dev.berth.model.EnvironmentVariable;
import dev.berth.model.PlacementConstraint;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.TaskDefinition;
import dev.berth.service.ServiceSpec;
import dev.berth.model.ContainerOverride;
import dev.berth.task.NetworkBinding;
import dev.berth.task.StopCode;
import dev.berth.task.Task;
import dev.berth.task.TaskStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Standalone tasks and published ports on the real three-node swarm, in Swarm-managed mode: Swarm places RunTask's
 * tasks; environment, RunTask overrides and resolved secrets reach the container; a stop keeps the exit code; a
 * task no node fits is a failure with Swarm's reason; ports published through the routing mesh.
 */
class SwarmRunTaskIT extends SwarmTestBase {

    private static final String SECRET = "s3cret-value";

    @Test
    void runTask_swarmPlacesTheTasks_theContainerSeesItsEnvironment_andAStopKeepsTheExitCode() {
        SwarmBackendConfig config = config(SwarmBackendConfig.Mode.SWARM_MANAGED);
        Berth berth = berth(config.toBuilder().manager(config.manager().toBuilder()
                .secretResolver(name -> {
                    if (name.equals("db-password")) {
                        return SECRET;
                    }
                    throw new ResourceNotFoundException("no secret " + name);
                }).build()).build());
        Cluster c = berth.clusters().getOrCreate(cluster);
        RegisteredTaskDefinition rev = berth.taskDefinitions().register(TaskDefinition.builder("swarm-job")
                .container(d -> d.name("app").image(TestImages.BUSYBOX).memoryMiB(32)
                        .stopTimeout(Duration.ofSeconds(2)).environment("GREETING", "hello")
                        .secret("DB_PASSWORD", "db-password")
                        .command("sh", "-c", "echo \"$GREETING $DB_PASSWORD $EXTRA\"; sleep 300"))
                .build());

        RunTaskResult run = c.tasks().run(RunTaskRequest.builder(rev.ref()).count(2)
                .override(new ContainerOverride("app", Optional.empty(),
                        List.of(new EnvironmentVariable("EXTRA", "overridden"))))
                .build());

        assertThat(run.failure()).isEmpty();
        List<String> ids = run.tasks().stream().map(Task::taskId).toList();
        List<Task> running = c.tasks().awaitRunning(ids, STEADY);
        assertThat(running).allSatisfy(t -> {
            assertThat(t.containerInstanceId()).as("the node Swarm chose").isNotEmpty();
            assertThat(t.taskDefinitionArn()).isEqualTo(rev.arn());
        });
        awaitTrue("the container's line in its log", () -> c.tasks().logs(ids.get(0), "app", 5)
                .contains("hello " + SECRET + " overridden"));

        c.tasks().stop(ids.get(0), "enough");
        c.tasks().awaitStopped(List.of(ids.get(0)), STEADY);

        Task stopped = c.tasks().describe(ids.get(0));
        assertThat(stopped.stopCode()).contains(StopCode.USER_INITIATED);
        assertThat(stopped.stoppedReason()).contains("enough");
        assertThat(stopped.containers().get(0).exitCode()).as("SIGKILL after the 2 s grace: sh ignores SIGTERM")
                .hasValue(137);
        assertThat(c.tasks().describe(ids.get(1)).lastStatus()).isEqualTo(TaskStatus.RUNNING);
    }

    @Test
    void runTask_whenNoNodeFits_reportsSwarmsReasonAndStartsNothing() {
        Berth berth = berth(SwarmBackendConfig.Mode.SWARM_MANAGED);
        Cluster c = berth.clusters().getOrCreate(cluster);
        RegisteredTaskDefinition rev = berth.taskDefinitions().register(TaskDefinition.builder("swarm-nowhere")
                .container(d -> d.name("app").image(TestImages.BUSYBOX).memoryMiB(32).command("sleep", "300"))
                .build());

        RunTaskResult run = c.tasks().run(RunTaskRequest.builder(rev.ref())
                .placementConstraint(PlacementConstraint.memberOf("attribute:ecs.availability-zone == zone-x"))
                .build());

        assertThat(run.tasks()).isEmpty();
        assertThat(run.failure()).hasValueSatisfying(f -> {
            assertThat(f.unplacedCount()).isEqualTo(1);
            assertThat(f.otherReasons()).anySatisfy(r -> assertThat(r).contains("no suitable node"));
        });
        awaitTrue("nothing of it left on the swarm", () -> c.tasks().list().isEmpty());
    }

    @Test
    void ingressPort_isPublishedBySwarmForTheService_andReportedOnEveryTask() {
        Berth berth = berth(config(SwarmBackendConfig.Mode.SWARM_MANAGED).toBuilder()
                .publishMode(PublishMode.INGRESS).build());
        Cluster c = berth.clusters().getOrCreate(cluster);
        RegisteredTaskDefinition rev = berth.taskDefinitions().register(TaskDefinition.builder("swarm-mesh")
                .container(d -> d.name("web").image(TestImages.BUSYBOX).memoryMiB(32)
                        .stopTimeout(Duration.ofSeconds(2))
                        .command("sh", "-c", "mkdir -p /www && echo mesh > /www/index.html"
                                + " && exec httpd -f -p 8080 -h /www")
                        .portMapping(8080))
                .build());
        Service service = c.services().create(ServiceSpec.builder("mesh", rev.ref()).desiredCount(2).build());
        service.awaitSteady(STEADY);

        List<NetworkBinding> bindings = service.tasks().stream()
                .flatMap(t -> t.containers().get(0).networkBindings().stream()).toList();
        assertThat(bindings).hasSize(2).extracting(NetworkBinding::hostPort).containsOnly(bindings.get(0).hostPort());
        assertThat(bindings.get(0).hostPort()).as("Swarm's range for published ports").isBetween(30000, 32767);

        // Traffic through the routing mesh needs IPVS in the kernel (CONFIG_IP_VS). Where it is missing, as on
        // the CI machines, SwarmTestBedIT asserts that the bed reports it so; this test then ends here.
        if (Files.exists(Path.of("/proc/net/ip_vs"))) {
            int idle = 0;
            while (nodesOf(service.tasks()).contains(bed.nodeId(idle))) {
                idle++; // 2 tasks on 3 nodes: one node runs none, and answers through the mesh
            }
            assertThat(WebProbe.get("http://" + bed.address(idle) + ":" + bindings.get(0).hostPort() + "/"))
                    .isEqualTo("mesh");
        }
    }

    private static void awaitTrue(String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(STEADY);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Timed out after " + STEADY + " waiting for " + what);
            }
            SwarmTestBed.pause(Duration.ofMillis(250));
        }
    }
}

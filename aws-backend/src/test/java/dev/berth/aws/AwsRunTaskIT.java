package dev.berth.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.Berth;
import dev.berth.api.Cluster;
import dev.berth.model.Compatibility;
import dev.berth.model.NetworkMode;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.TaskDefinition;
import dev.berth.model.TaskDefinitionRef;
import dev.berth.task.RunTaskRequest;
import dev.berth.task.RunTaskResult;
import dev.berth.task.Task;
import dev.berth.task.TaskStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Standalone tasks through Berth's API on ECS in ECS_MANAGED mode (the default), over HTTP against moto: ECS's RunTask
 * places them, on EC2 container instances and on Fargate, and Berth lists and stops them by ECS's task ids. moto places
 * first-fit on its instances (4,096 CPU units, 7,482 MiB each) and drops what does not fit without a failure
 * (moto/ecs/models.py run_task), which Berth reports as unstarted tasks.
 */
@RequiresMoto
class AwsRunTaskIT {

    private final MotoEcs moto = new MotoEcs();

    @AfterEach
    void close() {
        moto.close();
    }

    private static TaskDefinition job(String family, int memoryMiB) {
        return TaskDefinition.builder(family)
                .container(c -> c.name("app").image("busybox:1").cpu(256).memoryMiB(memoryMiB)
                        .command("sh", "-c", "sleep 3600"))
                .build();
    }

    @Test
    void run_isEcsRunTask_andItsTasksAreListedAndStoppedByTheirEcsIds() {
        moto.addContainerInstance();
        try (Berth berth = Berth.builder(AwsBackend.create(AwsBackendConfig.builder().ecsClient(moto::configure)
                .build())).waiterPollInterval(Duration.ofMillis(200)).build()) {
            Cluster cluster = berth.clusters().getOrCreate(moto.cluster);
            RegisteredTaskDefinition revision = berth.taskDefinitions().register(job(moto.unique("job"), 256));

            RunTaskResult result = cluster.tasks().run(RunTaskRequest.builder(TaskDefinitionRef.parse(revision.arn()))
                    .count(2).startedBy("nightly").build());

            List<String> ecsIds = moto.ecs.listTasks(b -> b.cluster(moto.cluster)).taskArns().stream()
                    .map(arn -> arn.substring(arn.lastIndexOf('/') + 1)).toList();
            assertThat(result.failure()).isEmpty();
            assertThat(result.tasks()).extracting(Task::taskId).containsExactlyInAnyOrderElementsOf(ecsIds);
            assertThat(result.tasks()).allSatisfy(t -> {
                assertThat(t.taskDefinitionArn()).isEqualTo(revision.arn());
                assertThat(t.group()).isEqualTo("family:" + revision.family());
                assertThat(t.startedBy()).isEqualTo("nightly");
            });
            List<String> ids = result.tasks().stream().map(Task::taskId).toList();
            cluster.tasks().awaitRunning(ids, Duration.ofSeconds(30));

            cluster.tasks().stop(ids.get(0), "done by the IT");
            cluster.tasks().awaitStopped(List.of(ids.get(0)), Duration.ofSeconds(30));

            assertThat(cluster.tasks().describe(ids.get(0)).stoppedReason()).contains("done by the IT");
            assertThat(cluster.tasks().describe(ids.get(1)).lastStatus()).isEqualTo(TaskStatus.RUNNING);
        }
    }

    @Test
    void run_ofMoreThanTheInstancesHold_startsWhatFitsAndSaysHowManyDidNot() {
        moto.addContainerInstance();
        try (Berth berth = Berth.builder(AwsBackend.create(AwsBackendConfig.builder().ecsClient(moto::configure)
                .build())).build()) {
            Cluster cluster = berth.clusters().getOrCreate(moto.cluster);
            berth.taskDefinitions().register(job(moto.unique("big"), 2048));

            RunTaskResult result = cluster.tasks().run(RunTaskRequest.builder(
                    TaskDefinitionRef.latest(moto.unique("big"))).count(5).build());

            // 3 x 2,048 MiB fit in 7,482.
            assertThat(result.tasks()).hasSize(3);
            assertThat(result.failure()).get().satisfies(f -> {
                assertThat(f.unplacedCount()).isEqualTo(2);
                assertThat(f.explanation()).contains("ECS did not start 2 tasks");
            });
        }
    }

    @Test
    void run_onFargate_needsNoInstance() {
        // ECS takes the VPC's default security group when none is given; moto fails with a KeyError (HTTP 500).
        AwsVpcConfiguration vpc = AwsVpcConfiguration.subnets(moto.defaultSubnet())
                .withSecurityGroups(moto.defaultSecurityGroup());
        try (Berth berth = Berth.builder(AwsBackend.create(AwsBackendConfig.builder().ecsClient(moto::configure)
                .launchType(LaunchType.FARGATE).awsVpc(vpc).build())).build()) {
            Cluster cluster = berth.clusters().getOrCreate(moto.cluster);
            RegisteredTaskDefinition revision = berth.taskDefinitions().register(TaskDefinition
                    .builder(moto.unique("fargate"))
                    .requiresCompatibilities(Compatibility.FARGATE).networkMode(NetworkMode.AWSVPC)
                    .cpu(256).memoryMiB(512)
                    .container(c -> c.name("app").image("busybox:1").memoryMiB(512).command("sleep", "3600"))
                    .build());

            RunTaskResult result = cluster.tasks().run(RunTaskRequest.builder(TaskDefinitionRef.parse(revision.arn()))
                    .build());

            assertThat(result.tasks()).singleElement().satisfies(t -> {
                assertThat(t.containerInstanceId()).isEqualTo("fargate");
                assertThat(t.taskDefinitionArn()).isEqualTo(revision.arn());
            });
            var ecsTask = moto.ecs.describeTasks(b -> b.cluster(moto.cluster)
                    .tasks(result.tasks().get(0).taskId())).tasks().get(0);
            assertThat(ecsTask.launchTypeAsString()).isEqualTo("FARGATE");
            assertThat(cluster.tasks().list()).extracting(Task::taskId)
                    .containsExactly(result.tasks().get(0).taskId());
        }
    }
}

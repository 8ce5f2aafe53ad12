package dev.berth.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.Berth;
import dev.berth.aws.AwsBackend;
import dev.berth.aws.AwsBackendConfig;
import dev.berth.aws.AwsVpcConfiguration;
import dev.berth.aws.LaunchType;
import dev.berth.aws.MotoEcs;
import dev.berth.aws.RequiresMoto;
import dev.berth.model.Compatibility;
import dev.berth.model.NetworkMode;
import dev.berth.model.PlacementFailure;
import dev.berth.model.TaskDefinition;
import dev.berth.model.TaskDefinitionRef;
import dev.berth.task.RunTaskRequest;
import dev.berth.task.RunTaskResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The standalone Fargate task of docs/backends.md, over HTTP against moto's server: ECS's RunTask places it, with no
 * container instance. moto runs no container (moto's ECS model, getmoto/moto moto/ecs/models.py), so the tasks are
 * RUNNING records.
 */
@RequiresMoto
class EcsStandaloneTasksDocsIT {

    private final MotoEcs moto = new MotoEcs();

    @AfterEach
    void close() {
        moto.close();
    }

    @Test
    void aFargateTaskIsRunByEcs() {
        String cluster = moto.cluster;
        String subnet = moto.defaultSubnet();
        String securityGroup = moto.defaultSecurityGroup();
        // tag::fargate-run[]
        AwsBackend ecs = AwsBackend.create(AwsBackendConfig.builder()
                .ecsClient(moto::configure)                     // your client's region and credentials
                .launchType(LaunchType.FARGATE)                 // ECS_MANAGED mode, the default
                .awsVpc(AwsVpcConfiguration.subnets(subnet).withSecurityGroups(securityGroup))
                .build());
        try (Berth berth = Berth.builder(ecs).build()) {
            berth.taskDefinitions().register(TaskDefinition.builder("report")
                    .requiresCompatibilities(Compatibility.FARGATE).networkMode(NetworkMode.AWSVPC)
                    .cpu(256).memoryMiB(512)                    // a size Fargate offers, checked before the call
                    .container(c -> c.name("report").image("busybox:1").memoryMiB(512)
                            .command("sh", "-c", "echo report done"))
                    .build());
            RunTaskResult run = berth.clusters().getOrCreate(cluster).tasks()
                    .run(RunTaskRequest.builder(TaskDefinitionRef.latest("report")).count(2).build());
            run.tasks().forEach(task -> System.out.println(task.taskId() + " " + task.lastStatus()));
            run.failure().map(PlacementFailure::explanation).ifPresent(System.out::println);
        }
        // end::fargate-run[]
        var described = moto.ecs.describeTasks(b -> b.cluster(cluster)
                .tasks(moto.ecs.listTasks(l -> l.cluster(cluster)).taskArns())).tasks();
        assertThat(described).hasSize(2).allSatisfy(t -> {
            assertThat(t.launchTypeAsString()).isEqualTo("FARGATE");
            assertThat(t.containerInstanceArn()).isNull();
        });
    }
}

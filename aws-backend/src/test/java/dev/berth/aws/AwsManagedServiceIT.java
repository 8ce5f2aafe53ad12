package dev.berth.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.Berth;
import dev.berth.api.Cluster;
import dev.berth.api.Service;
import dev.berth.api.ServiceDescription;
import dev.berth.exception.ConflictException;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.TaskDefinition;
import dev.berth.model.TaskDefinitionRef;
import dev.berth.service.DeploymentStatus;
import dev.berth.service.ServiceSpec;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A service through Berth's API on ECS in ECS_MANAGED mode (the default), over HTTP against moto: Berth creates,
 * scales, rolls and deletes an ECS service, and reads its state back from DescribeServices. moto starts no task for a
 * service and reports running = desired only after an UpdateService of the desired count (moto/ecs/models.py), so
 * "steady" here is moto's, reached through a scale.
 */
@RequiresMoto
class AwsManagedServiceIT {

    private final MotoEcs moto = new MotoEcs();
    private final AwsBackend backend = AwsBackend.create(AwsBackendConfig.builder().ecsClient(moto::configure).build());
    private final Berth berth = Berth.builder(backend).waiterPollInterval(Duration.ofMillis(200)).build();

    @AfterEach
    void close() {
        berth.close();
        moto.close();
    }

    private RegisteredTaskDefinition register(String command) {
        return berth.taskDefinitions().register(TaskDefinition.builder(moto.unique("svc"))
                .container(c -> c.name("app").image("busybox:1").cpu(128).memoryMiB(128).command("sh", "-c", command))
                .build());
    }

    @Test
    void aServiceIsAnEcsService_createdScaledRolledAndDeleted() {
        Cluster cluster = berth.clusters().getOrCreate(moto.cluster);
        RegisteredTaskDefinition v1 = register("sleep 3600");

        Service service = cluster.services().create(ServiceSpec.builder("web", TaskDefinitionRef.parse(v1.arn()))
                .desiredCount(2).build());

        var ecsService = moto.ecs.describeServices(b -> b.cluster(moto.cluster).services("web")).services().get(0);
        assertThat(ecsService.desiredCount()).isEqualTo(2);
        assertThat(backend.taskDefinitions().describe(ecsService.taskDefinition()).definition())
                .isEqualTo(v1.definition());
        ServiceDescription created = service.describe();
        assertThat(created.desiredCount()).isEqualTo(2);
        assertThat(created.deployments()).singleElement().satisfies(d -> {
            assertThat(d.deployment().status()).isEqualTo(DeploymentStatus.PRIMARY);
            assertThat(d.deployment().taskDefinition().arn()).isEqualTo(v1.arn());
        });

        service.scale(3);
        assertThat(service.awaitSteady(Duration.ofSeconds(30)).runningCount()).isEqualTo(3);

        RegisteredTaskDefinition v2 = register("sleep 7200");
        service.deploy(TaskDefinitionRef.parse(v2.arn()));
        String rolledTo = moto.ecs.describeServices(b -> b.cluster(moto.cluster).services("web")).services().get(0)
                .taskDefinition();
        assertThat(backend.taskDefinitions().describe(rolledTo).definition()).isEqualTo(v2.definition());

        assertThatThrownBy(() -> service.delete(false)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("scaled above 0");
        service.delete(true);
        service.awaitDeleted(Duration.ofSeconds(30));

        assertThat(cluster.services().list()).isEmpty();
        assertThat(moto.ecs.describeServices(b -> b.cluster(moto.cluster).services("web")).services().get(0).status())
                .isEqualTo("INACTIVE");
    }
}

package dev.berth.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.Berth;
import dev.berth.api.Cluster;
import dev.berth.api.Service;
import dev.berth.exception.InvalidSpecException;
import dev.berth.exception.ResourceNotFoundException;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.TaskDefinition;
import dev.berth.model.TaskDefinitionStatus;
import dev.berth.service.ServiceSpec;
import dev.berth.spi.ContainerInstance;
import dev.berth.spi.StartTaskRequest;
import dev.berth.task.DesiredStatus;
import dev.berth.task.StopCode;
import dev.berth.task.Task;
import dev.berth.task.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** AwsBackend over HTTP against moto's ECS: definitions, tasks on container instances, a service, errors. */
@RequiresMoto
class AwsBackendIT {

    private final MotoEcs moto = new MotoEcs();
    private final AwsBackend backend = AwsBackend.create(AwsBackendConfig.builder()
            .ecsClient(moto::configure)
            .mode(AwsBackendConfig.Mode.CLIENT_SCHEDULED)
            .build());

    @AfterEach
    void close() {
        backend.close();
        moto.close();
    }

    private TaskDefinition web(String family, String command) {
        return TaskDefinition.builder(family)
                .container(c -> c.name("app").image("busybox:1").cpu(256).memoryMiB(512).command("sh", "-c", command))
                .build();
    }

    @Test
    void taskDefinitions_whenRegisteredTwice_resolveByFamilyAndRevision() {
        String family = moto.unique("td");
        RegisteredTaskDefinition first = backend.taskDefinitions().register(web(family, "sleep 1"));
        RegisteredTaskDefinition second = backend.taskDefinitions().register(web(family, "sleep 2"));

        assertThat(second.revision()).isEqualTo(first.revision() + 1);
        assertThat(backend.taskDefinitions().describe(family).revision()).isEqualTo(second.revision());
        assertThat(backend.taskDefinitions().describe(family + ":" + first.revision()).definition())
                .isEqualTo(web(family, "sleep 1"));
        assertThat(backend.taskDefinitions().list(family, TaskDefinitionStatus.ACTIVE))
                .containsExactly(first.arn(), second.arn());

        RegisteredTaskDefinition deregistered = backend.taskDefinitions().deregister(first.arn());

        assertThat(deregistered.status()).isEqualTo(TaskDefinitionStatus.INACTIVE);
        assertThat(backend.taskDefinitions().list(family, TaskDefinitionStatus.ACTIVE)).containsExactly(second.arn());
    }

    @Test
    void startTask_onARegisteredInstance_runsUnderBerthsIdAndStops() {
        String instance = moto.addContainerInstance();
        RegisteredTaskDefinition definition = berthRevision(web(moto.unique("run"), "sleep 3600"));
        String taskId = "it-" + UUID.randomUUID();

        Task started = backend.startTask(new StartTaskRequest(moto.cluster, taskId, instance, definition,
                "family:" + definition.family(), "berth-it", List.of()));

        assertThat(started.taskId()).isEqualTo(taskId);
        assertThat(started.containerInstanceId()).isEqualTo(instance);
        assertThat(started.taskDefinitionArn()).isEqualTo(definition.arn());
        assertThat(backend.tasks(moto.cluster)).extracting(Task::taskId).containsExactly(taskId);
        assertThat(backend.startTask(new StartTaskRequest(moto.cluster, taskId, instance, definition,
                "family:" + definition.family(), "berth-it", List.of())).taskId()).isEqualTo(taskId);
        assertThat(backend.tasks(moto.cluster)).hasSize(1);

        backend.stopTask(moto.cluster, taskId, StopCode.SERVICE_SCHEDULER_INITIATED, "scaled in by the IT");

        assertThat(backend.tasks(moto.cluster)).singleElement().satisfies(t -> {
            assertThat(t.lastStatus()).isEqualTo(TaskStatus.STOPPED);
            assertThat(t.desiredStatus()).isEqualTo(DesiredStatus.STOPPED);
            assertThat(t.stopCode()).contains(StopCode.SERVICE_SCHEDULER_INITIATED);
            assertThat(t.stoppedReason()).contains("scaled in by the IT");
        });
        backend.forgetTask(moto.cluster, taskId);
        assertThat(backend.tasks(moto.cluster)).isEmpty();
    }

    @Test
    void onTaskChange_whenATaskStops_signalsItsCluster() {
        String instance = moto.addContainerInstance();
        RegisteredTaskDefinition definition = berthRevision(web(moto.unique("chg"), "sleep 3600"));
        List<String> signalled = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (AwsBackend polling = AwsBackend.create(AwsBackendConfig.builder().ecsClient(moto::configure)
                .mode(AwsBackendConfig.Mode.CLIENT_SCHEDULED).pollInterval(Duration.ofMillis(200)).build());
             var subscription = polling.onTaskChange(signalled::add)) {
            Task started = polling.startTask(new StartTaskRequest(moto.cluster, "it-" + UUID.randomUUID(), instance,
                    definition, "family:x", "berth-it", List.of()));
            // Let the poller read the running task a few times: its first read of a cluster is the baseline.
            sleep(Duration.ofSeconds(2));
            signalled.clear();

            polling.stopTask(moto.cluster, started.taskId(), StopCode.USER_INITIATED, "changed");

            awaitTrue(() -> signalled.contains(moto.cluster), Duration.ofSeconds(20));
        }
    }

    @Test
    void restartedBackend_findsItsTasksAndReusesTheRegisteredRevision() {
        String instance = moto.addContainerInstance();
        RegisteredTaskDefinition definition = berthRevision(web(moto.unique("again"), "sleep 3600"));
        String taskId = "it-" + UUID.randomUUID();
        backend.startTask(new StartTaskRequest(moto.cluster, taskId, instance, definition, "family:x", "berth-it",
                List.of()));

        try (AwsBackend restarted = AwsBackend.create(AwsBackendConfig.builder().ecsClient(moto::configure)
                .mode(AwsBackendConfig.Mode.CLIENT_SCHEDULED).build())) {
            assertThat(restarted.tasks(moto.cluster)).singleElement().satisfies(t -> {
                assertThat(t.taskId()).isEqualTo(taskId);
                assertThat(t.taskDefinitionArn()).isEqualTo(definition.arn());
            });
            // Same id again: the task that exists is returned, nothing starts.
            assertThat(restarted.startTask(new StartTaskRequest(moto.cluster, taskId, instance, definition,
                    "family:x", "berth-it", List.of())).taskId()).isEqualTo(taskId);
            restarted.startTask(new StartTaskRequest(moto.cluster, "it-" + UUID.randomUUID(), instance, definition,
                    "family:x", "berth-it", List.of()));

            assertThat(restarted.tasks(moto.cluster)).hasSize(2);
            // The ECS revision registered before has the same content: it is used, not registered again.
            assertThat(restarted.taskDefinitions().list(definition.family(), TaskDefinitionStatus.ACTIVE)).hasSize(1);
        }
    }

    @Test
    void containerInstances_offerRemainingPlusBerthsOwnTasks() {
        String instance = moto.addContainerInstance();
        RegisteredTaskDefinition definition = berthRevision(web(moto.unique("res"), "sleep 3600"));
        ContainerInstance before = only(backend.containerInstances(moto.cluster));
        backend.startTask(new StartTaskRequest(moto.cluster, "it-" + UUID.randomUUID(), instance, definition,
                "family:x", "berth-it", List.of()));

        // Berth's scheduler subtracts its own task itself: the instance still offers Berth all it had.
        assertThat(only(backend.containerInstances(moto.cluster)).memoryMiB()).isEqualTo(before.memoryMiB());

        // A task someone else started there (no Berth tags) is what the instance no longer offers.
        String foreign = moto.ecs.registerTaskDefinition(b -> b.family(moto.unique("foreign")).containerDefinitions(
                c -> c.name("x").image("busybox:1").cpu(128).memory(1000))).taskDefinition().taskDefinitionArn();
        moto.ecs.startTask(b -> b.cluster(moto.cluster).taskDefinition(foreign).containerInstances(instance));

        ContainerInstance after = only(backend.containerInstances(moto.cluster));
        assertThat(after.memoryMiB()).isEqualTo(before.memoryMiB() - 1000);
        assertThat(after.cpu()).isEqualTo(before.cpu() - 128);
        assertThat(after.attributes()).containsKey("ecs.availability-zone");
        assertThat(after.ec2InstanceId()).isPresent();
    }

    @Test
    void clientScheduledService_reachesItsDesiredCountThroughStartTask() {
        moto.addContainerInstance();
        moto.addContainerInstance();
        try (Berth berth = Berth.builder(backend).closeBackend(false).waiterPollInterval(Duration.ofMillis(200))
                .build()) {
            Cluster cluster = berth.clusters().create(moto.cluster);
            RegisteredTaskDefinition definition = berth.taskDefinitions().register(web(moto.unique("svc"),
                    "sleep 3600"));
            Service service = cluster.services().create(ServiceSpec.builder("web", definition.ref())
                    .desiredCount(3).build());

            Instant deadline = Instant.now().plusSeconds(60);
            while (service.describe().runningCount() < 3 && Instant.now().isBefore(deadline)) {
                berth.reconcileNow(moto.cluster, "web");
                sleep(Duration.ofMillis(300));
            }

            assertThat(service.describe().runningCount()).isEqualTo(3);
            // The tasks are real ECS tasks, started by StartTask on the instances Berth's placement chose.
            assertThat(moto.ecs.listTasks(b -> b.cluster(moto.cluster)).taskArns()).hasSize(3);
            assertThat(backend.tasks(moto.cluster)).allSatisfy(t -> assertThat(t.group()).isEqualTo("service:web"));
            // Berth's default service placement spreads over instances (moto's own RunTask would fill the first).
            assertThat(backend.tasks(moto.cluster).stream().map(Task::containerInstanceId).distinct()).hasSize(2);

            service.delete(true);
        }
    }

    @Test
    void berthApi_createsDrainsPutsAndDeletesAttributesAndDeletesInEcs() {
        String instance = moto.addContainerInstance();
        String fresh = moto.unique("fresh");
        try (Berth berth = Berth.builder(backend).closeBackend(false).build()) {
            berth.clusters().create(fresh);
            assertThat(backend.clusters().describe(fresh)).get().satisfies(c -> {
                assertThat(c.status()).isEqualTo("ACTIVE");
                assertThat(c.registeredContainerInstances()).isZero();
            });
            assertThat(backend.clusters().list()).contains(backend.clusters().describe(fresh).orElseThrow().arn());
            assertThat(backend.clusters().describe(moto.cluster).orElseThrow().registeredContainerInstances())
                    .isEqualTo(1);

            Cluster cluster = berth.clusters().create(moto.cluster);
            cluster.instances().drain(instance);
            assertThat(ecsStatus(instance)).isEqualTo("DRAINING");
            cluster.instances().activate(instance);
            assertThat(ecsStatus(instance)).isEqualTo("ACTIVE");

            cluster.instances().putAttributes(instance, java.util.Map.of("stack", "blue", "team", "web"));
            assertThat(moto.ecs.listAttributes(b -> b.cluster(moto.cluster).targetType("container-instance"))
                    .attributes()).filteredOn(a -> instance.equals(a.targetId()))
                    .extracting(a -> a.name() + "=" + a.value()).contains("stack=blue", "team=web");
            // ECS wants DeleteAttributes without values; moto deletes only an attribute whose value is sent too
            // (moto/ecs/models.py _delete_attribute), so here ECS keeps it: AwsBackendTest checks the request.
            cluster.instances().deleteAttributes(instance, List.of("stack"));
            assertThat(berth.clusters().get(moto.cluster).orElseThrow().describe().registration(instance)
                    .customAttributes()).containsOnlyKeys("team");

            berth.clusters().delete(fresh);
            assertThat(backend.clusters().describe(List.of(fresh)))
                    .allSatisfy(c -> assertThat(c.status()).isEqualTo("INACTIVE"));
            assertThat(berth.clusters().get(fresh)).isEmpty();
        }
    }

    @Test
    void errors_missingClusterIsNotFound_withEcsMessageAndRequestId() {
        String missing = "berth-missing-" + UUID.randomUUID();

        assertThatThrownBy(() -> backend.containerInstances(missing))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("ClusterNotFoundException")
                .hasMessageContaining("request id ")
                .hasMessageNotContaining("request id null");
    }

    @Test
    void errors_invalidInputIsInvalidSpec_withEcsMessageAndRequestId() {
        // A revision is required to deregister: ECS refuses a bare family.
        assertThatThrownBy(() -> backend.taskDefinitions().deregister(moto.unique("bare")))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("ECS DeregisterTaskDefinition")
                .hasMessageContaining("request id ")
                .hasMessageNotContaining("request id null");
    }

    private String ecsStatus(String instance) {
        return moto.ecs.describeContainerInstances(b -> b.cluster(moto.cluster).containerInstances(instance))
                .containerInstances().get(0).status();
    }

    /** A revision as Berth's own store would hand it to the backend: Berth's ARN, not ECS's. */
    private RegisteredTaskDefinition berthRevision(TaskDefinition definition) {
        return new RegisteredTaskDefinition("arn:aws:ecs:local:000000000000:task-definition/" + definition.family()
                + ":1", 1, TaskDefinitionStatus.ACTIVE, definition, Instant.now(), java.util.Optional.empty());
    }

    private static ContainerInstance only(List<ContainerInstance> instances) {
        assertThat(instances).hasSize(1);
        return instances.get(0);
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("deadline of the awaited condition").isBefore(deadline);
            sleep(Duration.ofMillis(100));
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}

package dev.berth.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.Berth;
import dev.berth.api.Cluster;
import dev.berth.aws.EcsFaultProxy.Fault;
import dev.berth.exception.BackendUnavailableException;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.TaskDefinition;
import dev.berth.model.TaskDefinitionRef;
import dev.berth.model.TaskDefinitionStatus;
import dev.berth.spi.StartTaskRequest;
import dev.berth.task.RunTaskRequest;
import dev.berth.task.RunTaskResult;
import dev.berth.task.Task;
import dev.berth.task.TaskStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.ecs.EcsClientBuilder;

/**
 * ECS's faults, injected by an {@link EcsFaultProxy} in front of moto's server: a throttled, failed (500) or
 * unanswered RunTask or StartTask starts each task once, and a failed or inconsistent DescribeTasks never makes a
 * running task look stopped.
 */
@RequiresMoto
class AwsFaultsIT {

    private final MotoEcs moto = new MotoEcs();
    private final EcsFaultProxy proxy = new EcsFaultProxy(moto.endpoint);

    @AfterEach
    void close() {
        proxy.close();
        moto.close();
    }

    private void throughProxy(EcsClientBuilder builder) {
        moto.configure(builder);
        builder.endpointOverride(proxy.endpoint());
    }

    private static TaskDefinition job(String family) {
        return TaskDefinition.builder(family)
                .container(c -> c.name("app").image("busybox:1").cpu(256).memoryMiB(256)
                        .command("sh", "-c", "sleep 3600"))
                .build();
    }

    private List<String> tasksInMoto() {
        return moto.ecs.listTasks(b -> b.cluster(moto.cluster)).taskArns();
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"THROTTLE", "SERVER_ERROR", "DROP_ANSWER"})
    void runTask_whoseFirstCallFails_startsEachTaskOnce(Fault fault) {
        moto.addContainerInstance();
        try (Berth berth = Berth.builder(AwsBackend.create(AwsBackendConfig.builder().ecsClient(this::throughProxy)
                .build())).build()) {
            Cluster cluster = berth.clusters().getOrCreate(moto.cluster);
            RegisteredTaskDefinition revision = berth.taskDefinitions().register(job(moto.unique("job")));
            proxy.fault("RunTask", 1, fault);

            RunTaskResult result = cluster.tasks().run(RunTaskRequest.builder(TaskDefinitionRef.parse(revision.arn()))
                    .count(3).startedBy("faults").build());

            System.out.println("AwsFaultsIT RunTask with " + fault + ": " + proxy.log().stream()
                    .filter(l -> l.startsWith("RunTask")).toList() + ", " + result.tasks().size() + " tasks reported, "
                    + tasksInMoto().size() + " in ECS");
            assertThat(proxy.calls("RunTask")).as("RunTask calls").isEqualTo(fault == Fault.DROP_ANSWER ? 1 : 2);
            assertThat(tasksInMoto()).as("tasks ECS started").hasSize(3);
            assertThat(result.tasks()).extracting(Task::taskId).containsExactlyInAnyOrderElementsOf(
                    tasksInMoto().stream().map(arn -> arn.substring(arn.lastIndexOf('/') + 1)).toList());
        }
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"THROTTLE", "SERVER_ERROR", "DROP_ANSWER"})
    void startTask_whoseFirstCallFails_startsTheTaskOnce(Fault fault) {
        String instance = moto.addContainerInstance();
        try (AwsBackend backend = AwsBackend.create(AwsBackendConfig.builder().ecsClient(this::throughProxy)
                .mode(AwsBackendConfig.Mode.CLIENT_SCHEDULED).build())) {
            RegisteredTaskDefinition definition = berthRevision(job(moto.unique("start")));
            String taskId = "it-" + UUID.randomUUID();
            proxy.fault("StartTask", 1, fault);

            Task started = backend.startTask(new StartTaskRequest(moto.cluster, taskId, instance, definition,
                    "family:" + definition.family(), "faults", List.of()));

            System.out.println("AwsFaultsIT StartTask with " + fault + ": " + proxy.log().stream()
                    .filter(l -> l.startsWith("StartTask")).toList() + ", " + tasksInMoto().size() + " in ECS");
            assertThat(started.taskId()).isEqualTo(taskId);
            assertThat(proxy.calls("StartTask")).as("StartTask calls").isEqualTo(fault == Fault.DROP_ANSWER ? 1 : 2);
            assertThat(tasksInMoto()).as("tasks ECS started").hasSize(1);
            assertThat(backend.tasks(moto.cluster)).extracting(Task::taskId).containsExactly(taskId);
        }
    }

    @Test
    void describeTasksFailingOrInconsistent_neverReportsARunningTaskStoppedOrGone() {
        String instance = moto.addContainerInstance();
        try (AwsBackend backend = AwsBackend.create(AwsBackendConfig.builder().ecsClient(this::throughProxy)
                .mode(AwsBackendConfig.Mode.CLIENT_SCHEDULED).retryMaxAttempts(2).build())) {
            RegisteredTaskDefinition definition = berthRevision(job(moto.unique("describe")));
            String taskId = "it-" + UUID.randomUUID();
            backend.startTask(new StartTaskRequest(moto.cluster, taskId, instance, definition,
                    "family:" + definition.family(), "faults", List.of()));
            assertThat(backend.tasks(moto.cluster)).singleElement()
                    .satisfies(t -> assertThat(t.lastStatus()).isEqualTo(TaskStatus.RUNNING));

            proxy.fault("DescribeTasks", 1, Fault.SERVER_ERROR);
            proxy.fault("DescribeTasks", 2, Fault.SERVER_ERROR);
            assertThatThrownBy(() -> backend.tasks(moto.cluster)).as("both attempts failed")
                    .isInstanceOfSatisfying(BackendUnavailableException.class,
                            e -> assertThat(e.isRetryable()).isTrue());

            proxy.fault("DescribeTasks", 1, Fault.DESCRIBE_MISSING);
            assertThatThrownBy(() -> backend.tasks(moto.cluster)).as("a listed task described as MISSING")
                    .isInstanceOfSatisfying(BackendUnavailableException.class,
                            e -> assertThat(e.isRetryable()).isTrue())
                    .hasMessageContaining("MISSING");

            assertThat(backend.tasks(moto.cluster)).singleElement().satisfies(t -> {
                assertThat(t.taskId()).isEqualTo(taskId);
                assertThat(t.lastStatus()).isEqualTo(TaskStatus.RUNNING);
            });
            assertThat(proxy.log()).as("calls through the proxy").noneMatch(l -> l.startsWith("StopTask"));
        }
    }

    private static RegisteredTaskDefinition berthRevision(TaskDefinition definition) {
        return new RegisteredTaskDefinition("arn:aws:ecs:local:000000000000:task-definition/" + definition.family()
                + ":1", 1, TaskDefinitionStatus.ACTIVE, definition, Instant.now(), Optional.empty());
    }
}

package dev.berth.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.TaskDefinitions;
import dev.berth.model.ArnScope;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.TaskDefinition;
import dev.berth.spi.ContainerInstance;
import dev.berth.spi.StartTaskRequest;
import dev.berth.task.StopCode;
import dev.berth.task.Task;
import dev.berth.task.TaskStatus;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the Kubernetes backend does beyond the contract, on a real API server with kwok nodes: nodes as instances,
 * secrets through the resolver, a stop's code and reason kept after the pod is gone, and a new process reading back
 * the tasks that run.
 */
@RequiresKubernetes
class KubernetesBackendIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final TaskDefinitions DEFINITIONS = TaskDefinitions.inMemory(Clock.systemUTC(), ArnScope.local());
    private static KwokCluster kwok;
    private static String ready;
    private static String cluster;

    @BeforeAll
    static void createNodesAndCluster() {
        kwok = new KwokCluster();
        ready = kwok.addNode("backend-a", 2, 4, "zone-a");
        cluster = kwok.unique("backend");
        try (KubernetesBackend backend = backend()) {
            backend.createCluster(cluster);
        }
        kwok.deleteAtEnd(cluster);
    }

    @AfterAll
    static void deleteNodesAndCluster() {
        kwok.close();
    }

    private static KubernetesBackend backend() {
        return KubernetesBackend.create(kwok.config(KubernetesBackendConfig.Mode.CLIENT_SCHEDULED)
                .secretResolver(valueFrom -> valueFrom.equals("db-password") ? "s3cr3t" : "other").build());
    }

    private static RegisteredTaskDefinition sleeper(String family) {
        return DEFINITIONS.register(TaskDefinition.builder(family)
                .container(c -> c.name("app").image("busybox:1").cpu(512).memoryMiB(256).command("sleep", "3600")
                        .secret("DB_PASSWORD", "db-password"))
                .build());
    }

    private static Task start(KubernetesBackend backend, RegisteredTaskDefinition definition) {
        String id = "t" + UUID.randomUUID().toString().replace("-", "");
        backend.startTask(new StartTaskRequest(cluster, id, ready, definition, "family:" + definition.family(),
                "it", List.of()));
        Await.until("task " + id + " RUNNING", TIMEOUT, () -> backend.tasks(cluster).stream()
                .anyMatch(t -> t.taskId().equals(id) && t.lastStatus() == TaskStatus.RUNNING));
        return backend.tasks(cluster).stream().filter(t -> t.taskId().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void containerInstances_areTheSelectedNodes_withEcsAttributes_andANodeWithoutKubeletIsDisconnected() {
        String silent = kwok.unique("backend-silent");
        // No kwok annotation: nothing reports for this node, as for a node whose kubelet is gone.
        kwok.client().nodes().resource(new NodeBuilder().withNewMetadata().withName(silent)
                .addToLabels(KwokCluster.RUN_LABEL, kwok.runId()).endMetadata()
                .withNewStatus().addToAllocatable("cpu", new Quantity("1")).addToAllocatable("memory",
                        new Quantity("1Gi")).endStatus().build()).create();
        try (KubernetesBackend backend = backend()) {
            List<ContainerInstance> instances = backend.containerInstances(cluster);

            assertThat(instances).extracting(ContainerInstance::id).contains(ready);
            ContainerInstance node = instances.stream().filter(i -> i.id().equals(ready)).findFirst().orElseThrow();
            assertThat(node.agentConnected()).isTrue();
            assertThat(node.cpu()).isEqualTo(2048);
            assertThat(node.memoryMiB()).isEqualTo(4096);
            assertThat(node.attributes()).containsEntry("ecs.availability-zone", "zone-a")
                    .containsEntry("ecs.cpu-architecture", "x86_64").containsEntry("ecs.os-type", "linux")
                    .containsEntry("ecs.instance-type", "kwok.small");
            assertThat(instances).filteredOn(i -> i.id().equals(silent)).singleElement()
                    .satisfies(i -> assertThat(i.agentConnected()).isFalse());
        } finally {
            kwok.client().nodes().withName(silent).delete();
        }
    }

    @Test
    void secrets_areResolvedIntoAKubernetesSecretThePodReferences() {
        try (KubernetesBackend backend = backend()) {
            Task task = start(backend, sleeper("secretive"));

            Pod pod = kwok.client().pods().inNamespace(cluster).withName(task.taskId()).get();
            var reference = pod.getSpec().getContainers().get(0).getEnv().stream()
                    .filter(e -> e.getName().equals("DB_PASSWORD")).findFirst().orElseThrow()
                    .getValueFrom().getSecretKeyRef();
            Secret secret = kwok.client().secrets().inNamespace(cluster).withName(reference.getName()).get();
            assertThat(secret.getImmutable()).isTrue();
            assertThat(new String(Base64.getDecoder().decode(secret.getData().get(reference.getKey())),
                    StandardCharsets.UTF_8)).isEqualTo("s3cr3t");
            backend.stopTask(cluster, task.taskId(), StopCode.USER_INITIATED, "done");
        }
    }

    @Test
    void stopTask_keepsBerthsCodeAndReasonAfterThePodIsGone() {
        try (KubernetesBackend backend = backend()) {
            Task task = start(backend, sleeper("stopped"));

            backend.stopTask(cluster, task.taskId(), StopCode.SERVICE_SCHEDULER_INITIATED, "scaled in by the test");

            Await.until("the pod gone", TIMEOUT, () -> kwok.client().pods().inNamespace(cluster)
                    .withName(task.taskId()).get() == null);
            Task stopped = backend.tasks(cluster).stream().filter(t -> t.taskId().equals(task.taskId())).findFirst()
                    .orElseThrow();
            assertThat(stopped.lastStatus()).isEqualTo(TaskStatus.STOPPED);
            assertThat(stopped.stopCode()).contains(StopCode.SERVICE_SCHEDULER_INITIATED);
            assertThat(stopped.stoppedReason()).contains("scaled in by the test");
            assertThat(stopped.stoppedAt()).hasValueSatisfying(at -> assertThat(at)
                    .isAfterOrEqualTo(stopped.startedAt().orElseThrow()));
            backend.forgetTask(cluster, task.taskId());
            assertThat(backend.tasks(cluster)).extracting(Task::taskId).doesNotContain(task.taskId());
        }
    }

    @Test
    void aNewProcess_readsBackTheRunningTasksAndTheirRevision() {
        RegisteredTaskDefinition definition = sleeper("restarted");
        Task task;
        try (KubernetesBackend first = backend()) {
            task = start(first, definition);
        }

        try (KubernetesBackend second = backend()) {
            Optional<Task> found = second.tasks(cluster).stream().filter(t -> t.taskId().equals(task.taskId()))
                    .findFirst();

            assertThat(found).hasValueSatisfying(t -> {
                assertThat(t.lastStatus()).isEqualTo(TaskStatus.RUNNING);
                assertThat(t.taskDefinitionArn()).isEqualTo(definition.arn());
                assertThat(t.containerInstanceId()).isEqualTo(ready);
                assertThat(t.group()).isEqualTo("family:restarted");
            });
            second.stopTask(cluster, task.taskId(), StopCode.USER_INITIATED, "done");
        }
    }
}

package dev.berth.docker.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import dev.berth.api.Berth;
import dev.berth.api.Cluster;
import dev.berth.api.Service;
import dev.berth.docker.DockerBackendConfig;
import dev.berth.docker.EngineTestBase;
import dev.berth.docker.RequiresDockerEngine;
import dev.berth.docker.TestImages;
import dev.berth.docker.internal.DockerClients;
import dev.berth.docker.internal.Labels;
import dev.berth.exception.ResourceNotFoundException;
import dev.berth.model.ContainerOverride;
import dev.berth.model.EnvironmentVariable;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.TaskDefinition;
import dev.berth.registry.RegistryCredentials;
import dev.berth.service.ServiceSpec;
import dev.berth.task.RunTaskRequest;
import dev.berth.task.Task;
import dev.berth.testing.LogCapture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Secrets and environment values stay out of logs, exceptions, {@code toString} and service events, through real
 * tasks that start, fail and cannot start; environment values reach the process literally, with no shell in
 * between; hostile docker labels cannot override Berth's own.
 */
@RequiresDockerEngine
class SecretsStayOutIT {

    private final String session = EngineTestBase.newSession("secret");
    private final String secretValue = "sekret-" + UUID.randomUUID();
    private final String envValue = "envval-" + UUID.randomUUID();
    private final String overrideValue = "override-" + UUID.randomUUID();
    private final String password = "pw-" + UUID.randomUUID();
    private final DockerBackendConfig config = FaultBerths.config(session).toBuilder()
            .secretResolver(key -> {
                if (key.equals("db-password")) {
                    return secretValue;
                }
                throw new ResourceNotFoundException("no secret named " + key);
            })
            .build();

    @AfterEach
    void removeWhatTheTestCreated() {
        try (DockerClients clients = DockerClients.open(config)) {
            FaultBerths.removeSession(clients, session);
        }
    }

    @Test
    void secretsAndEnvironmentValues_neverAppearInLogsExceptionsToStringOrEvents() {
        List<String> seen = new ArrayList<>();
        try (LogCapture logs = new LogCapture(); Berth berth = FaultBerths.open(config, null)) {
            Cluster cluster = berth.clusters().create(session);
            RegisteredTaskDefinition exits = berth.taskDefinitions().register(withSecret("fault-secret-exits",
                    TestImages.BUSYBOX, "db-password"));
            RegisteredTaskDefinition unknownSecret = berth.taskDefinitions().register(withSecret(
                    "fault-secret-unknown", TestImages.BUSYBOX, "missing-" + session));
            RegisteredTaskDefinition missingImage = berth.taskDefinitions().register(withSecret(
                    "fault-secret-noimage", TestImages.MISSING, "db-password"));
            seen.add(exits.toString());

            List<String> taskIds = new ArrayList<>();
            for (RegisteredTaskDefinition td : List.of(exits, unknownSecret, missingImage)) {
                var result = cluster.tasks().run(RunTaskRequest.builder(td.ref())
                        .override(new ContainerOverride("app", Optional.empty(),
                                List.of(new EnvironmentVariable("OVERRIDE", overrideValue))))
                        .build());
                seen.add(result.toString());
                result.tasks().forEach(t -> taskIds.add(t.taskId()));
            }
            cluster.tasks().awaitStopped(taskIds, Duration.ofMinutes(1));
            for (String id : taskIds) {
                Task task = cluster.tasks().describe(id);
                seen.add(task.toString());
                try {
                    seen.add(String.join("\n", cluster.tasks().logs(id, "app", 50)));
                } catch (RuntimeException noContainer) {
                    seen.add(stackTrace(noContainer));
                }
            }
            assertThat(cluster.tasks().logs(taskIds.get(0), "app", 50))
                    .as("the task saw its secret (by its length) and its variable").contains("secret "
                            + secretValue.length(), "env " + envValue.length());

            Service failing = cluster.services().create(ServiceSpec.builder("failing", exits.ref()).desiredCount(1)
                    .build());
            Set<String> serviceTasks = new HashSet<>();
            FaultBerths.awaitTrue("a failed task replaced by the service", Duration.ofMinutes(1), () -> {
                failing.tasks().forEach(t -> {
                    serviceTasks.add(t.taskId());
                    seen.add(t.toString());
                });
                return serviceTasks.size() >= 2;
            });
            seen.add(failing.describe().toString());
            failing.events().forEach(e -> seen.add(e.toString()));
            seen.add(stackTrace(catchThrowable(() -> cluster.tasks().describe("no-such-task-" + secretValue.length()))));
            seen.add(new RegistryCredentials("user", password).toString());
            seen.add(logs.text());
        }
        String everything = String.join("\n", seen);
        assertThat(everything).as("everything Berth said: logs, exceptions, toString, events")
                .isNotBlank()
                .doesNotContain(secretValue).doesNotContain(envValue).doesNotContain(overrideValue)
                .doesNotContain(password);
        System.out.printf("SecretsStayOutIT: %d characters of logs, exceptions, descriptions and events checked;"
                + " secret, environment, override and password values found: 0%n", everything.length());
    }

    @Test
    void environmentValues_reachTheProcessLiterally_withoutShellInterpretation() {
        String hostile = "$HOME;rm -rf /tmp/x `id` $(echo pwned) \"'\\ && | > /dev/null * \n next";
        try (Berth berth = FaultBerths.open(config, null)) {
            Cluster cluster = berth.clusters().create(session);
            RegisteredTaskDefinition td = berth.taskDefinitions().register(TaskDefinition.builder("fault-literal")
                    .container(c -> c.name("app").image(TestImages.BUSYBOX).memoryMiB(16)
                            .environment("HOSTILE", hostile)
                            .command("sh", "-c", "printf '[%s]\\n' \"$HOSTILE\"; sleep 30"))
                    .build());
            String taskId = cluster.tasks().run(RunTaskRequest.builder(td.ref()).build()).tasks().get(0).taskId();
            cluster.tasks().awaitRunning(List.of(taskId), Duration.ofMinutes(1));
            try (DockerClients clients = DockerClients.open(config)) {
                Container container = clients.calls().listContainersCmd()
                        .withLabelFilter(Map.of(Labels.TASK, taskId)).exec().get(0);
                InspectContainerResponse inspected = clients.calls().inspectContainerCmd(container.getId()).exec();
                assertThat(inspected.getConfig().getEnv()).contains("HOSTILE=" + hostile);
                FaultBerths.awaitTrue("the process wrote what it received", Duration.ofSeconds(20),
                        () -> String.join("\n", cluster.tasks().logs(taskId, "app", 10)).equals("[" + hostile + "]"));
            }
        }
    }

    @Test
    void hostileDockerLabels_cannotOverrideBerthsLabels_andArriveVerbatim() {
        String hostileValue = "line1\nline2\t\u202e; $(id) ../../etc";
        try (Berth berth = FaultBerths.open(config, null)) {
            Cluster cluster = berth.clusters().create(session);
            RegisteredTaskDefinition td = berth.taskDefinitions().register(TaskDefinition.builder("fault-labels")
                    .container(c -> c.name("app").image(TestImages.BUSYBOX).memoryMiB(16)
                            .dockerLabel(Labels.TASK, "forged-task").dockerLabel(Labels.CLUSTER, "forged-cluster")
                            .dockerLabel(EngineTestBase.SESSION_LABEL, "forged-session")
                            .dockerLabel("user.note", hostileValue)
                            .command("sleep", "30"))
                    .build());
            String taskId = cluster.tasks().run(RunTaskRequest.builder(td.ref()).build()).tasks().get(0).taskId();
            cluster.tasks().awaitRunning(List.of(taskId), Duration.ofMinutes(1));
            try (DockerClients clients = DockerClients.open(config)) {
                List<Container> containers = clients.calls().listContainersCmd()
                        .withLabelFilter(Map.of(Labels.TASK, taskId)).exec();
                assertThat(containers).hasSize(1);
                Map<String, String> labels = containers.get(0).getLabels();
                assertThat(labels).containsEntry(Labels.TASK, taskId).containsEntry(Labels.CLUSTER, session)
                        .containsEntry(EngineTestBase.SESSION_LABEL, session)
                        .containsEntry("user.note", hostileValue);
                assertThat(containers.get(0).getNames()[0]).matches("/[A-Za-z0-9_.-]+");
            }
        }
    }

    private TaskDefinition withSecret(String family, String image, String secret) {
        return TaskDefinition.builder(family)
                .container(c -> c.name("app").image(image).memoryMiB(16).secret("DB_PASSWORD", secret)
                        .environment("API_TOKEN", envValue)
                        .command("sh", "-c", "echo secret ${#DB_PASSWORD}; echo env ${#API_TOKEN}; sleep 1; exit 3"))
                .build();
    }

    private static String stackTrace(Throwable t) {
        StringWriter text = new StringWriter();
        if (t != null) {
            t.printStackTrace(new PrintWriter(text));
        }
        return text.toString();
    }
}

package dev.berth.docker.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import dev.berth.docker.EngineTestBase;
import dev.berth.docker.TestImages;
import dev.berth.docker.internal.DockerClients;
import dev.berth.docker.internal.DockerTaskEngine;
import dev.berth.docker.internal.EngineTask;
import dev.berth.docker.internal.Labels;
import dev.berth.docker.internal.TaskObservation;
import dev.berth.model.NetworkMode;
import dev.berth.model.TaskDefinition;
import dev.berth.task.TaskStatus;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A task id is started at most once: a start of a task whose containers exist starts and creates nothing and returns
 * the task as it is, whatever its state; and a start of a new task asks the engine nothing about the task before its
 * first create (the engine's refusal of the first container's name is what tells an existing task).
 */
class RepeatedStartIT extends EngineTestBase {

    private static final TaskDefinition SLEEPER = TaskDefinition.builder("again")
            .container(c -> c.name("app").image(TestImages.BUSYBOX).memoryMiB(16).command("sleep", "300"))
            .build();

    private DockerClients raw;

    @BeforeAll
    void openClients() {
        raw = DockerClients.open(config);
    }

    @AfterAll
    void closeClients() {
        raw.close();
    }

    @Test
    void start_newTask_inspectsNoContainerBeforeItsCreate() {
        try (EngineFaultProxy proxy = EngineFaultProxy.start(session.substring(session.length() - 8),
                Path.of(config.dockerHost().getPath()));
             DockerTaskEngine viaProxy = DockerTaskEngine.connect(config.toBuilder()
                     .dockerHost(URI.create(proxy.endpoint().toString())).build())) {
            proxy.freezeAfter(Integer.MAX_VALUE, EngineFaultProxy.Call::isStep); // records every call, freezes never

            TaskObservation task = viaProxy.start(request(SLEEPER));

            assertThat(task.lastStatus()).isEqualTo(TaskStatus.RUNNING);
            List<String> calls = proxy.writes().stream().map(EngineFaultProxy.Call::kind).toList();
            int create = calls.indexOf("POST /containers/create");
            assertThat(create).as("the calls of the start: %s", calls).isNotNegative();
            assertThat(calls.subList(0, create)).as("the calls before the create").noneMatch(
                    k -> k.startsWith("GET /containers/"));
        }
    }

    @Test
    void start_runningTaskAgain_returnsIt_createsAndStartsNothing() {
        EngineTask request = request(SLEEPER);
        TaskObservation first = engine.start(request);
        String containerId = first.container("app").orElseThrow().containerId();
        String startedAt = inspect(containerId).getState().getStartedAt();

        TaskObservation again = engine.start(request);

        assertThat(again.lastStatus()).isEqualTo(TaskStatus.RUNNING);
        assertThat(again.container("app").orElseThrow().containerId()).isEqualTo(containerId);
        assertThat(containersOf(request.taskId())).extracting(Container::getId).containsExactly(containerId);
        assertThat(inspect(containerId).getState().getStartedAt()).isEqualTo(startedAt);
    }

    @Test
    void start_exitedTaskAgain_returnsItStopped_doesNotRunItAgain() {
        TaskDefinition once = TaskDefinition.builder("once")
                .container(c -> c.name("app").image(TestImages.BUSYBOX).memoryMiB(16).command("true"))
                .build();
        EngineTask request = request(once);
        engine.start(request);
        TaskObservation exited = await(request.taskId(), Duration.ofSeconds(20),
                t -> t.lastStatus() == TaskStatus.STOPPED);
        String containerId = exited.container("app").orElseThrow().containerId();
        String startedAt = inspect(containerId).getState().getStartedAt();

        TaskObservation again = engine.start(request);

        assertThat(again.lastStatus()).isEqualTo(TaskStatus.STOPPED);
        assertThat(containersOf(request.taskId())).extracting(Container::getId).containsExactly(containerId);
        InspectContainerResponse now = inspect(containerId);
        assertThat(now.getState().getStatus()).isEqualTo("exited");
        assertThat(now.getState().getStartedAt()).isEqualTo(startedAt);
    }

    /** A process that died between the create and the start left the container created: it is not started now. */
    @Test
    void start_taskWhoseContainerWasCreatedAndNeverStarted_returnsItPending_doesNotStartIt() {
        EngineTask template = request(SLEEPER);
        String templateId = engine.start(template).container("app").orElseThrow().containerId();
        EngineTask request = request(SLEEPER);
        Map<String, String> labels = new HashMap<>(inspect(templateId).getConfig().getLabels());
        labels.put(Labels.TASK, request.taskId());
        String orphan = raw.calls().createContainerCmd(TestImages.BUSYBOX.toString()).withCmd("sleep", "300")
                .withName("berth-" + request.taskId() + "-app").withLabels(labels).exec().getId();

        TaskObservation again = engine.start(request);

        assertThat(again.lastStatus()).isEqualTo(TaskStatus.PENDING);
        assertThat(again.container("app").orElseThrow().containerId()).isEqualTo(orphan);
        assertThat(containersOf(request.taskId())).extracting(Container::getId).containsExactly(orphan);
        assertThat(inspect(orphan).getState().getStatus()).isEqualTo("created");
    }

    /** Before it creates anything a start reads secrets and images: their failure now does not fail the task. */
    @Test
    void start_existingTaskWhoseInputsFailNow_returnsItAsItIs() {
        EngineTask request = request(SLEEPER);
        String containerId = engine.start(request).container("app").orElseThrow().containerId();
        TaskDefinition unreadable = TaskDefinition.builder("again")
                .container(c -> c.name("app").image(TestImages.BUSYBOX).memoryMiB(16)
                        .secret("TOKEN", "no/such/secret").command("sleep", "300"))
                .build();

        TaskObservation again = engine.start(request.withDefinition(unreadable));

        assertThat(again.lastStatus()).isEqualTo(TaskStatus.RUNNING);
        assertThat(again.stopCode()).isEmpty();
        assertThat(containersOf(request.taskId())).extracting(Container::getId).containsExactly(containerId);
    }

    /** A task with a network of its own is asked about before its network is created, as before. */
    @Test
    void start_runningTaskWithItsOwnNetworkAgain_returnsIt_createsNothing() {
        TaskDefinition pair = TaskDefinition.builder("pair").networkMode(NetworkMode.BRIDGE)
                .container(c -> c.name("app").image(TestImages.BUSYBOX).memoryMiB(16).command("sleep", "300"))
                .container(c -> c.name("side").image(TestImages.BUSYBOX).memoryMiB(16).essential(false)
                        .command("sleep", "300"))
                .build();
        EngineTask request = request(pair);
        engine.start(request);
        List<String> ids = containersOf(request.taskId()).stream().map(Container::getId).sorted().toList();

        TaskObservation again = engine.start(request);

        assertThat(again.lastStatus()).isEqualTo(TaskStatus.RUNNING);
        assertThat(containersOf(request.taskId()).stream().map(Container::getId).sorted().toList()).isEqualTo(ids);
    }

    private InspectContainerResponse inspect(String containerId) {
        return raw.calls().inspectContainerCmd(containerId).exec();
    }

    private List<Container> containersOf(String taskId) {
        return containersWith(raw, Map.of(Labels.TASK, taskId));
    }
}

package dev.berth.docker;

import static dev.berth.docker.WebTasks.completed;
import static dev.berth.docker.WebTasks.definition;
import static dev.berth.docker.WebTasks.running;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.Berth;
import dev.berth.api.Service;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.service.DeploymentConfiguration;
import dev.berth.service.ServiceSpec;
import dev.berth.task.Task;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The process restarted mid-deployment: a Berth with a state directory is closed while a 3-replica service rolls
 * from v1 to v2 (minimumHealthyPercent 100, maximumPercent 150, so one task at a time), and a new Berth with a new
 * backend over the same state directory and engine finishes the roll, adopting the running tasks.
 */
class DockerRestartIT extends ServiceTestBase {

    private static final DeploymentConfiguration ONE_AT_A_TIME = new DeploymentConfiguration(100, 150,
            DeploymentConfiguration.replicaDefaults().circuitBreaker());

    @TempDir
    Path state;

    @Test
    void newBerth_onTheSameState_finishesTheInterruptedRoll_adoptingTheRunningTasks_andStartingNothingTwice() {
        Berth first = open(berth(DockerBackend.create(config)).stateDirectory(state));
        RegisteredTaskDefinition v1 = first.taskDefinitions().register(definition("v1"));
        Service web = first.clusters().create(session).services().create(ServiceSpec.builder("web", v1.ref())
                .desiredCount(3).deploymentConfiguration(ONE_AT_A_TIME).build());
        WebTasks.awaitTrue("3 tasks of v1, deployment completed", STEADY,
                () -> completed(web) && running(web).size() == 3);
        RegisteredTaskDefinition v2 = first.taskDefinitions().register(definition("v2"));

        try (RollWatch watch = new RollWatch(web::tasks, null, 3, 4)) {
            web.deploy(v2.ref());
            WebTasks.awaitTrue("a task of v2 running beside 2 of v1", STEADY, () -> {
                List<Task> tasks = running(web);
                return count(tasks, v2) >= 1 && count(tasks, v1) >= 2;
            });
            System.out.println("Roll 3 tasks v1 -> v2 (min 100 %, max 150 %) until the restart " + watch.stop());
            assertThat(watch.violations()).as("moments outside 3..4 tasks before the restart").isEmpty();
        }
        close(first); // lets its starts and stops finish; the containers keep running

        List<Task> atRestart;
        try (DockerBackend engine = DockerBackend.create(config)) {
            atRestart = engine.tasks(session).stream().filter(Task::isLive).toList();
        }
        Set<String> v1AtRestart = ids(atRestart, v1);
        Set<String> v2AtRestart = ids(atRestart, v2);
        System.out.printf("Restart mid-roll: %d tasks of v1 and %d of v2 live when the first Berth closed%n",
                v1AtRestart.size(), v2AtRestart.size());
        assertThat(atRestart).as("live tasks at the restart").hasSizeBetween(3, 4);
        assertThat(v2AtRestart).as("the roll had begun").isNotEmpty();

        Berth second = open(berth(DockerBackend.create(config)).stateDirectory(state));
        Service again = second.clusters().get(session).orElseThrow().services().get("web").orElseThrow();
        Map<String, String> revisionAfterRestart = new ConcurrentHashMap<>();
        try (RollWatch watch = new RollWatch(again::tasks, null, 3, 4)) {
            WebTasks.awaitTrue("3 running tasks of v2 and the deployment completed, by the new Berth", STEADY,
                    () -> {
                        again.tasks().forEach(t -> revisionAfterRestart.put(t.taskId(), t.taskDefinitionArn()));
                        List<Task> tasks = running(again);
                        return tasks.size() == 3 && count(tasks, v2) == 3 && completed(again);
                    });
            System.out.println("Roll finished by the new Berth " + watch.stop());
            assertThat(watch.violations()).as("moments outside 3..4 tasks after the restart").isEmpty();
        }

        assertThat(running(again)).hasSize(3).allMatch(t -> t.taskDefinitionArn().equals(v2.arn()));
        assertThat(ids(revisionAfterRestart, v1)).as("tasks of v1 the new Berth saw: exactly those live at the restart")
                .containsExactlyInAnyOrderElementsOf(v1AtRestart);
        assertThat(ids(revisionAfterRestart, v2)).as("tasks of v2 ever: those of the restart plus the missing ones")
                .containsAll(v2AtRestart).hasSize(3);
    }

    private static long count(List<Task> tasks, RegisteredTaskDefinition revision) {
        return tasks.stream().filter(t -> t.taskDefinitionArn().equals(revision.arn())).count();
    }

    private static Set<String> ids(List<Task> tasks, RegisteredTaskDefinition revision) {
        return ids(tasks.stream().collect(Collectors.toMap(Task::taskId, Task::taskDefinitionArn)), revision);
    }

    private static Set<String> ids(Map<String, String> revisionByTask, RegisteredTaskDefinition revision) {
        return revisionByTask.entrySet().stream().filter(e -> e.getValue().equals(revision.arn()))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
    }
}
